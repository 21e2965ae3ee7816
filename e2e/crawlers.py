"""Reads a built site as crawlers and feed readers read it, for e2e/crawlers.test.mjs.

Usage: python crawlers.py SITE_DIR BASE_URL SITEMAP_XSD PAGE...  (pages relative to SITE_DIR)

Prints one JSON object: every feed as feedparser (the parser of most Python feed readers and
planets) reads it, every page's structured data as extruct (the extractor of Scrapy's
ecosystem) reads it (JSON-LD, microdata, Open Graph), and the news sitemap checked against the
sitemaps.org schema with its Google News elements set aside (their schema is in no package
this machine can install) and their required fields checked one by one.
"""

import json
import pathlib
import sys

import extruct
import feedparser
from lxml import etree

site, base, xsd = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
report = {"feeds": {}, "pages": {}, "news_sitemap": None}

for feed in sorted(site.rglob("*.xml")):
    name = feed.relative_to(site).as_posix()
    if "sitemap" in name:
        continue
    parsed = feedparser.parse(feed.read_bytes())
    report["feeds"][name] = {
        "bozo": bool(parsed.bozo),
        "bozo_exception": str(parsed.get("bozo_exception", "")),
        "version": parsed.version,
        "title": parsed.feed.get("title", ""),
        "link": parsed.feed.get("link", ""),
        "entries": [
            {
                "title": entry.get("title", ""),
                "link": entry.get("link", ""),
                "id": entry.get("id", ""),
                "published": bool(entry.get("published_parsed")),
                "published_text": entry.get("published", ""),
                "author": entry.get("author", ""),
                "summary": entry.get("summary", ""),
            }
            for entry in parsed.entries
        ],
    }

for page in sys.argv[4:]:
    html = (site / page).read_text(encoding="utf-8")
    url = base + page.removesuffix("index.html")
    data = extruct.extract(
        html, base_url=url, syntaxes=["json-ld", "microdata", "opengraph"], uniform=True
    )
    report["pages"][page] = data

news = site / "news-sitemap.xml"
if news.exists():
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "n": "http://www.google.com/schemas/sitemap-news/0.9",
    }
    tree = etree.parse(str(news))
    urls = []
    for url in tree.findall("s:url", ns):
        item = url.find("n:news", ns)
        urls.append(
            {
                "loc": url.findtext("s:loc", namespaces=ns),
                "name": item.findtext("n:publication/n:name", namespaces=ns) if item is not None else None,
                "language": item.findtext("n:publication/n:language", namespaces=ns) if item is not None else None,
                "date": item.findtext("n:publication_date", namespaces=ns) if item is not None else None,
                "title": item.findtext("n:title", namespaces=ns) if item is not None else None,
            }
        )
        for element in url.findall("n:*", ns):
            url.remove(element)
    schema = etree.XMLSchema(etree.parse(xsd))
    report["news_sitemap"] = {
        "valid": schema.validate(tree),
        "errors": [str(e) for e in schema.error_log],
        "urls": urls,
    }

json.dump(report, sys.stdout, ensure_ascii=False)
