"""The static public edition: `make site` (python -m pfcc.site) writes build/site/."""
