"""aacrawler: an archival crawler for the Asharq Al-Awsat English archive."""

__version__ = "0.1.0"
