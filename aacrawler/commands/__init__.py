"""One module per `aacrawler` subcommand; cli.py only dispatches."""


class UserError(Exception):
    """A mistake of the caller's: shown as one line, never a traceback."""


def require_data_extra(command: str) -> None:
    """load, export, report and crawl --db need the `data` extra."""
    import importlib.util

    missing = [name for name in ("duckdb", "psycopg", "pyarrow", "plotly") if importlib.util.find_spec(name) is None]
    if missing:
        raise UserError(f"{command} needs {', '.join(missing)}: pip install 'aacrawler[data]'")
