"""One module per `aacrawler` subcommand; cli.py only dispatches."""


class UserError(Exception):
    """A mistake of the caller's: shown as one line, never a traceback."""
