"""What the tests and the scripts (benchmarks, load and fuzzing) both drive the app with: a real
server (`server`), the nginx proxy of deploy/ (`nginx`), chromium (`browser`), the live app's
websocket crowd (`loadclient`, `hostile`) and the static edition's HTTP crowd (`staticclient`),
AppTest helpers (`apptest`) and the fuzzers (`urlfuzz`, `fuzz/`). Helpers only the tests use stay
in tests/support/."""
