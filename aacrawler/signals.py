"""aacrawler's own signals."""

# A URL given up for good: sent with url, reason, status (or None).
request_given_up = object()
