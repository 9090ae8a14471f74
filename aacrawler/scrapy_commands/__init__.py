"""Scrapy commands of the project (COMMANDS_MODULE): `crawl`, as Scrapy's
own, with aacrawler's refusals as one line (crawl.py)."""
