"""Start the dashboard: `streamlit run dashboard.py`, with Streamlit's legacy pages/ mode off.

Because a pages/ folder sits beside dashboard.py, Streamlit's first run after a start builds its
old automatic navigation from the files and, asked for /grades, answers "page not found" before
dashboard.py's st.navigation resolves the page correctly. st.navigation switches that mode off on
its first run; doing it before the server starts gives every run, the first included, the same
behaviour. Usage: python -m pfcc.serve [streamlit options, e.g. --server.port 8502]"""

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from pfcc.paths import ROOT


def _freeze_long_lived_objects() -> None:
    """Streamlit runs a full garbage collection after every script run (runner.postScriptGC).
    With pandas, Plotly and DuckDB loaded that walks hundreds of thousands of long-lived
    objects each time: three-quarters of the server's CPU under load (py-spy). Importing them
    first and freezing them keeps each collection to what a run allocated; reference counting
    still frees everything as before."""
    import gc

    import duckdb  # noqa: F401
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401

    from pfcc import registry, slideshow, ui  # noqa: F401  (and through them every layer)

    gc.collect()
    gc.freeze()


def main() -> None:
    PagesManager.uses_pages_directory = False
    _freeze_long_lived_objects()
    sys.argv = ["streamlit", "run", str(ROOT / "dashboard.py"), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
