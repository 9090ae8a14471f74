"""Scrapy settings of aacrawler: only what we change, each with its reason.

Defaults are polite for the live archive; `-s NAME=VALUE` (or
`aacrawler crawl -s`) overrides any of them. Replay turns the politeness
off (aacrawler.replay), since no server is there to spare.
"""

from aacrawler import __version__

BOT_NAME = "aacrawler"
SPIDER_MODULES = ["aacrawler.spiders"]
# `scrapy crawl` with aacrawler's refusals as one line (scrapy_commands/crawl.py).
COMMANDS_MODULE = "aacrawler.scrapy_commands"
NEWSPIDER_MODULE = "aacrawler.spiders"

# --- Politeness (SITE.md: tens of thousands of pages, one small server) ---
ROBOTSTXT_OBEY = True
# Name ourselves; AACRAWLER_CONTACT (an email or URL) is appended so the
# site's operators can reach whoever runs the crawl.
USER_AGENT = f"aacrawler/{__version__} (+https://pypi.org/project/aacrawler/)"
AACRAWLER_CONTACT = ""
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
# AutoThrottle raises the delay when the server slows down.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60
# An article page is ~60 KB; nothing legitimate comes near these.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# --- Retries: transient server trouble, with growing waits ---
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
AACRAWLER_RETRY_BACKOFF_BASE = 2.0  # seconds; doubled on each retry
AACRAWLER_RETRY_BACKOFF_MAX = 120.0  # also caps a server's Retry-After
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "aacrawler.middlewares.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "aacrawler.middlewares.AccountedRedirectMiddleware": 600,
    "aacrawler.middlewares.ContactUserAgentMiddleware": 500,
    # Answers from a saved mirror instead of the network; off unless
    # AACRAWLER_REPLAY is set. Last before the download handlers, so
    # robots.txt, retries, redirects and stats see replayed responses
    # exactly as live ones: a replayed crawl is the same crawl.
    "aacrawler.replay.ReplayMiddleware": 950,
    # Records every response as received (AACRAWLER_WARC; off by default).
    # Between the download (or replay) and decompression/redirects.
    "aacrawler.warc.recorder.WarcRecorderMiddleware": 890,
    # --source wayback: a site URL answered with a capture's bytes under
    # the site URL (aacrawler/wayback/). After the recorder in the chain of
    # responses, so the WARC holds the rebased response, once.
    "aacrawler.wayback.middleware.WaybackMiddleware": 920,
}

# Replay lifts the politeness above (no server to spare).
ADDONS = {
    "aacrawler.replay.ReplayAddon": 0,
    "aacrawler.output.addon.OutputAddon": 10,
    "aacrawler.distributed.RedisAddon": 20,
    "aacrawler.wayback.WaybackAddon": 30,
}

# --- Pages to records (pipelines.py) ---
ITEM_PIPELINES = {
    "aacrawler.pipelines.ExtractPipeline": 100,
    "aacrawler.pipelines.CleanPipeline": 200,
    "aacrawler.pipelines.CaptionPipeline": 300,
    "aacrawler.pipelines.RecordPipeline": 400,
    "aacrawler.pipelines.ValidatePipeline": 500,
    "aacrawler.pipelines.DateWindowPipeline": 550,
    "aacrawler.pipelines.DuplicateArticlePipeline": 600,
    # `crawl --db URL`: records into a database too (off unless AACRAWLER_DB).
    "aacrawler.warehouse.pipeline.DatabasePipeline": 900,
}

# A response yields one item at most: Scrapy's default of 100 concurrent
# items costs 100 asyncio tasks per response for nothing.
CONCURRENT_ITEMS = 8

# --- Output: JSON Lines, RECORD.md's keys in order, UTF-8 as itself ---
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORTERS = {
    name: "aacrawler.exporters.RecordJsonLinesExporter" for name in ("jsonlines", "jsonl", "jl")
}
FEED_STORE_EMPTY = True
# Local feeds never half-written: whole lines, repaired after a kill.
FEED_STORAGES = {scheme: "aacrawler.output.feed.LineSafeFileStorage" for scheme in ("", "file")}

# --- What the crawl reads and writes (set by `aacrawler crawl`'s options) ---
# The JSONL output; setting it alone adds the feed (output/addon.py), so
# `scrapy crawl -s AACRAWLER_OUTPUT=…` and Scrapyd write as the CLI does.
AACRAWLER_OUTPUT = None
# A mirror folder or WARC file to answer every request from (replay/).
AACRAWLER_REPLAY = None
# Another copy of the archive to fetch from (sites.py); records keep the
# archive's own URLs.
AACRAWLER_SITE = None
# Record every response in this WARC file (warc/recorder.py).
AACRAWLER_WARC = None
# The options of the run, as given: written into the run summary and the
# WARC's warcinfo record, so a file says how it was made.
AACRAWLER_OPTIONS = {}
# Seconds to wait for another crawl holding OUT's lock (output/lock.py);
# 0 refuses at once.
AACRAWLER_WAIT_FOR_LOCK = 0.0
# Seconds between progress lines on standard error; 0 turns them off.
AACRAWLER_PROGRESS_INTERVAL = 5.0

# --- Scheduled crawls (aacrawler/runs/): resume, incremental, refresh ---
# What earlier runs exported is asked of this store (runs/store.py); the
# Redis add-on switches it for a distributed crawl's shared one.
AACRAWLER_STATE_STORE = "aacrawler.runs.store.FileStateStore"
SPIDER_MIDDLEWARES = {
    "aacrawler.runs.known.KnownArticleMiddleware": 950,
    # --source wayback: the capture map before the start requests (closer
    # to the spider than the known-article filter, which then sees them).
    "aacrawler.wayback.hooks.WaybackSpiderMiddleware": 960,
}
AACRAWLER_LISTING_MARGIN = 1  # extra listing pages walked past known articles
AACRAWLER_REFRESH = False
AACRAWLER_SINCE = None  # YYYY-MM-DD
AACRAWLER_UNTIL = None
# A run that gave up on more than this share of its URLs exits 3. Lenient
# by default (a site down or blocking us, not a few dead links); a
# scheduler that wants to hear of less sets it lower (--max-error-rate).
AACRAWLER_MAX_ERROR_RATE = 0.5

# Pages that gave no record (a 404, a post with no text) are not fetched
# again by incremental and resumed runs (runs/state.py) until this many
# runs have skipped them: a page that comes back is found within weeks of
# weekly runs. --retry-failed (AACRAWLER_RETRY_NO_RECORD) and --refresh
# fetch them at once.
AACRAWLER_NO_RECORD_RETRY_RUNS = 10
AACRAWLER_RETRY_NO_RECORD = False

# --- Discovery (aacrawler/discovery/, runs/coverage.py) ---
# The sources of article URLs, each on by default (`--discover`). With
# --start the default is the start pages alone ("listings").
AACRAWLER_DISCOVER = "home,listings,sitemaps,feeds,api"
# A finished run whose coverage (articles exported so far ÷ the largest
# total a source states) is below this exits 4, status "incomplete":
# a few posts without text are normal, a missing category is not.
AACRAWLER_MIN_COVERAGE = 0.95
# A field whose fill rate fell by this much against the mean of the last
# runs (each with at least AACRAWLER_FIELD_MIN_RECORDS records) makes the
# run "incomplete": a selector that stopped matching after a markup change.
AACRAWLER_FIELD_DROP = 0.5
AACRAWLER_FIELD_MIN_RECORDS = 10
# REST API posts per page (the API's maximum).
AACRAWLER_API_PER_PAGE = 100

# --- Distributed crawls (aacrawler/distributed.py) ---
AACRAWLER_REDIS = None  # redis://HOST:PORT/DB
AACRAWLER_REDIS_CRAWL = "aacrawler"  # key prefix: one name per crawl
AACRAWLER_REDIS_IDLE_TIMEOUT = 30.0  # seconds of empty queue before a worker stops

# --- A database fed by the crawl (aacrawler/warehouse/pipeline.py) ---
# Data teams want the records in a table kept up to date by every
# scheduled run: a DuckDB file or a postgresql:// URL. None: OUT only.
AACRAWLER_DB = None
# Records per committed transaction, and the longest a written record
# waits for its batch (a slow live crawl still shows up in the table).
AACRAWLER_DB_BATCH = 100
AACRAWLER_DB_BATCH_SECONDS = 10.0

# --- Where responses come from (aacrawler/wayback/) ---
# live: the site (or --site, --replay); wayback: the Internet Archive's
# captures of it, when the site is gone, slow or refusing.
AACRAWLER_SOURCE = "live"
# The Wayback Machine; tests point it at a double on 127.0.0.1.
AACRAWLER_ARCHIVE_URL = "https://web.archive.org"
# Only captures taken in this window (YYYY-MM-DD, inclusive).
AACRAWLER_CAPTURED_FROM = None
AACRAWLER_CAPTURED_UNTIL = None
# List the captures again instead of reusing OUT.cdx.jsonl.
AACRAWLER_REFRESH_CAPTURES = False
# The CDX server allows 30 requests a minute per address (edgi/wayback
# #206, June 2026; it was 60 and 100 before, and may change again): 20 is
# two thirds of it (edgi's client takes 80%). Playback has a separate,
# higher limit (edgi assumes 600 a minute); 60 a minute is the live
# site's own pace, far below it.
AACRAWLER_WAYBACK_CDX_PER_MINUTE = 20
AACRAWLER_WAYBACK_PLAYBACK_PER_MINUTE = 60
# After a 429 the archive wants a pause (it sends no Retry-After, and
# blocks an address that ignores 429s for over a minute, for an hour,
# doubling on each repeat: edgi/wayback #137). Lower it at your peril.
AACRAWLER_WAYBACK_PAUSE = 60.0
# This many 429s in a row (each after a pause) stop the crawl, resumable.
AACRAWLER_WAYBACK_MAX_429 = 3
# Rows asked per CDX answer (the server caps answers on its side too).
AACRAWLER_WAYBACK_CDX_ROWS = 10000
# Captures of one URL played back before giving up on it (soft 404s …).
AACRAWLER_WAYBACK_MAX_CAPTURES = 5

# --- Crawl bookkeeping ---
EXTENSIONS = {
    # One crawl per output: its lock, taken before anything reads OUT.
    "aacrawler.output.lock.OutputLockExtension": 100,
    "aacrawler.runs.extension.CrawlStateExtension": 400,
    # Distributed crawls (AACRAWLER_REDIS): joins the shared crawl.
    "aacrawler.distributed.RedisCoordinator": 450,
    # Each discovered article URL to its outcome; OUT.missing.jsonl.
    "aacrawler.runs.coverage.CoverageExtension": 420,
    # --source wayback: map-only articles, provenance, coverage.
    "aacrawler.wayback.hooks.WaybackExtension": 460,
    "aacrawler.runs.summary.RunSummary": 500,
    "aacrawler.runs.progress.Progress": 510,
}
# Log a dropped page as one line with its reason, not the whole item.
LOG_FORMATTER = "aacrawler.logformatter.QuietLogFormatter"
LOG_LEVEL = "INFO"
