"""The static public edition: `make site` (python -m pfcc.render.site) writes build/site/."""
