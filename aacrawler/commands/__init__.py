"""One module per `aacrawler` subcommand; cli.py only dispatches."""

from __future__ import annotations


class UserError(Exception):
    """A mistake of the caller's: shown as one line, never a traceback."""


def require_data_extra(command: str) -> None:
    """load, export, report and crawl --db need the `data` extra."""
    import importlib.util

    missing = [name for name in ("duckdb", "psycopg", "pyarrow", "plotly") if importlib.util.find_spec(name) is None]
    if missing:
        raise UserError(f"{command} needs {', '.join(missing)}: pip install 'aacrawler[data]'")


def open_records_output(path: str | None, command: str):
    """`extract -o`, `merge -o`: the records' output, opened (locked, a
    temporary file beside it), or one line saying why not."""
    from ..output.lock import OutputLocked
    from ..output.records import AtomicOutput

    try:
        return AtomicOutput(path, command=command).open()
    except OSError as error:
        raise UserError(f"cannot write the output: {error}") from None
    except OutputLocked as busy:
        raise UserError(str(busy)) from None
