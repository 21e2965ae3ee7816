//! A page's publication time, found where date finders (htmldate and the like) find it when the
//! page has no 发布/时间 meta line: its metadata in every common form, its structured data, a
//! `<time>` element, and its address (`/2015/06/15/`, `/201506/15/`, `t20150615_`).
//!
//! A time keeps the offset it was written with (`…T06:05:18.000Z` is UTC, `…+0000` too,
//! `….000+02:00` is +02:00); only a time written without one, or a date alone (an address's),
//! is read as a wall-clock time in the site's zone (`--timezone`).

use std::sync::OnceLock;

use folio_core::model::DateTime;
use regex::Regex;
use scraper::{Html, Selector};

use super::text::wall_clock;

/// Meta tags that name a publication time, most specific first (names compared without case):
/// Open Graph and its variants, the `pubdate` family, Dublin Core, Parse.ly, Sailthru,
/// schema.org microdata, and the plain `date`.
const META_KEYS: [&str; 22] = [
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article.published",
    "published_time",
    "publication_date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "og:pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "datepublished",
    "originalpublicationdate",
    "date",
];

/// The publication time of a parsed page at `address` (when fetched; a saved page's own
/// canonical address or `og:url` otherwise), or `None` when nothing in it names one.
pub fn published(document: &Html, address: Option<&str>, offset_minutes: i16) -> Option<DateTime> {
    meta(document, offset_minutes)
        .or_else(|| microdata(document, offset_minutes))
        .or_else(|| json_ld(document, offset_minutes))
        .or_else(|| time_element(document, offset_minutes))
        .or_else(|| {
            let own = [
                "link[rel=canonical][href]",
                "meta[property=\"og:url\"][content]",
            ]
            .iter()
            .filter_map(|css| Selector::parse(css).ok())
            .find_map(|selector| {
                let element = document.select(&selector).next()?;
                let value = element.value();
                value.attr("href").or_else(|| value.attr("content"))
            });
            address
                .into_iter()
                .chain(own)
                .find_map(|url| from_address(url, offset_minutes))
        })
}

/// The first meta tag of [`META_KEYS`] (in that order) whose content is a time.
fn meta(document: &Html, offset_minutes: i16) -> Option<DateTime> {
    let selector = Selector::parse("meta[content]").ok()?;
    let tags: Vec<(String, &str)> = document
        .select(&selector)
        .filter_map(|tag| {
            let element = tag.value();
            let key = element
                .attr("property")
                .or_else(|| element.attr("name"))
                .or_else(|| element.attr("itemprop"))?;
            Some((key.trim().to_ascii_lowercase(), element.attr("content")?))
        })
        .collect();
    META_KEYS.iter().find_map(|key| {
        tags.iter()
            .filter(|(name, _)| name == key)
            .find_map(|(_, content)| written(content, offset_minutes))
    })
}

/// An element marked `itemprop="datePublished"` with its time in `datetime` or `content`.
fn microdata(document: &Html, offset_minutes: i16) -> Option<DateTime> {
    let selector = Selector::parse("[itemprop=datePublished]").ok()?;
    document.select(&selector).find_map(|element| {
        let value = element.value();
        value
            .attr("datetime")
            .or_else(|| value.attr("content"))
            .and_then(|text| written(text, offset_minutes))
    })
}

/// `datePublished` (else `dateCreated`) anywhere in the page's JSON-LD, `@graph`s and nested
/// items included.
fn json_ld(document: &Html, offset_minutes: i16) -> Option<DateTime> {
    let selector = Selector::parse("script[type=\"application/ld+json\"]").ok()?;
    let values: Vec<serde_json::Value> = document
        .select(&selector)
        .filter_map(|script| serde_json::from_str(&script.inner_html()).ok())
        .collect();
    ["datePublished", "dateCreated"].iter().find_map(|key| {
        values
            .iter()
            .find_map(|value| find_key(value, key, 0))
            .and_then(|text| written(text, offset_minutes))
    })
}

/// The first string under `key` in a JSON value, depth first (at most 8 levels down).
fn find_key<'a>(value: &'a serde_json::Value, key: &str, depth: usize) -> Option<&'a str> {
    if depth > 8 {
        return None;
    }
    match value {
        serde_json::Value::Object(map) => map
            .get(key)
            .and_then(serde_json::Value::as_str)
            .or_else(|| map.values().find_map(|v| find_key(v, key, depth + 1))),
        serde_json::Value::Array(items) => items.iter().find_map(|v| find_key(v, key, depth + 1)),
        _ => None,
    }
}

/// A `<time datetime>`: one marked `pubdate` first, else the first.
fn time_element(document: &Html, offset_minutes: i16) -> Option<DateTime> {
    ["time[pubdate][datetime]", "time[datetime]"]
        .iter()
        .find_map(|css| {
            let selector = Selector::parse(css).ok()?;
            document
                .select(&selector)
                .find_map(|t| t.value().attr("datetime"))
                .and_then(|text| written(text, offset_minutes))
        })
}

/// A date in a page's address: `/2015/06/15/`, `/2015-06-15/`, `/201506/15/`, `/20150615/`,
/// `t20150615_` (Chinese CMSs), `_20150615.` — midnight in the site's zone.
pub fn from_address(url: &str, offset_minutes: i16) -> Option<DateTime> {
    static PATTERN: OnceLock<Option<Regex>> = OnceLock::new();
    let pattern = PATTERN
        .get_or_init(|| {
            Regex::new(concat!(
                r"(?:^|[/_\-t])((?:19|20)\d\d)[/\-]?(0[1-9]|1[0-2])[/\-]?(0[1-9]|[12]\d|3[01])",
                r"(?:$|[/_\-.?#])"
            ))
            .ok()
        })
        .as_ref()?;
    // The path only: a host or a query holds no publication date.
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.find('/').map_or("", |at| &rest[at..]));
    let path = path.split(['?', '#']).next().unwrap_or(path);
    pattern.captures_iter(path).find_map(|found| {
        let part = |i: usize| found.get(i).map(|m| m.as_str()).unwrap_or("");
        wall_clock(
            &format!("{}-{}-{}", part(1), part(2), part(3)),
            offset_minutes,
        )
    })
}

/// A time as metadata writes it: ISO 8601 and RFC 3339 with a fraction of a second and any
/// form of offset (`Z`, `+08:00`, `+0800`, `+08`, ` UTC`), kept as written; without an
/// offset, or a date alone, a wall-clock time in the site's zone.
pub fn written(text: &str, offset_minutes: i16) -> Option<DateTime> {
    static PATTERN: OnceLock<Option<Regex>> = OnceLock::new();
    let pattern = PATTERN
        .get_or_init(|| {
            Regex::new(concat!(
                r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})",
                r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?",
                r"\s*(Z|UTC|GMT|[+\-]\d{2}(?::?\d{2})?)?\s*$"
            ))
            .ok()
        })
        .as_ref()?;
    let Some(found) = pattern.captures(text) else {
        // `2015/6/18 7:45`, `2015年6月18日`: numbers in order, in the site's zone.
        return wall_clock(text.trim(), offset_minutes);
    };
    let number = |i: usize| -> u32 {
        found
            .get(i)
            .and_then(|m| m.as_str().parse().ok())
            .unwrap_or(0)
    };
    let offset = match found.get(7).map(|m| m.as_str()) {
        None => offset_minutes,
        Some("Z" | "UTC" | "GMT") => 0,
        Some(zone) => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let digits: String = zone.chars().filter(char::is_ascii_digit).collect();
            let hours: i16 = digits.get(0..2)?.parse().ok()?;
            let minutes: i16 = digits.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
            if hours > 14 || minutes > 59 {
                return None;
            }
            sign * (hours * 60 + minutes)
        }
    };
    let normal = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        number(1),
        number(2),
        number(3),
        number(4),
        number(5),
        number(6)
    );
    // Validated as UTC, then given the offset it was written with.
    let at = DateTime::parse(&normal)?;
    Some(DateTime {
        offset_minutes: offset,
        ..at
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BEIJING: i16 = 480;

    fn shown(at: Option<DateTime>) -> String {
        at.map_or_else(|| "none".into(), |at| at.to_string())
    }

    #[test]
    fn times_keep_the_offset_they_were_written_with() {
        for (text, expected) in [
            ("2015-06-15T06:05:18.000Z", "2015-06-15T06:05:18+00:00"),
            ("2015-06-15T06:05:18+0000", "2015-06-15T06:05:18+00:00"),
            ("2015-06-15T06:05:18.000+02:00", "2015-06-15T06:05:18+02:00"),
            ("2015-06-15T06:05:18-0500", "2015-06-15T06:05:18-05:00"),
            ("2015-06-15T06:05+08", "2015-06-15T06:05:00+08:00"),
            ("2015-06-15 06:05:18 UTC", "2015-06-15T06:05:18+00:00"),
            ("2015-06-15T09:22:32+08:00", "2015-06-15T09:22:32+08:00"),
            // Without an offset: the site's zone.
            ("2015-06-15T09:22:32", "2015-06-15T09:22:32+08:00"),
            ("2015-06-15", "2015-06-15T00:00:00+08:00"),
            ("2015/6/15 9:22", "2015-06-15T09:22:00+08:00"),
            ("2015年6月15日", "2015-06-15T00:00:00+08:00"),
        ] {
            assert_eq!(shown(written(text, BEIJING)), expected, "{text}");
        }
        for bad in [
            "2015-02-30T00:00:00Z",
            "2015-06-15T06:05:18+1500",
            "yesterday",
            "",
        ] {
            assert_eq!(written(bad, BEIJING), None, "{bad}");
        }
    }

    #[test]
    fn addresses_carry_dates_in_the_forms_cmss_write() {
        for (url, expected) in [
            ("https://www.theguardian.com/world/2015/jun/15/x", "none"),
            (
                "https://example.com/news/2015/06/15/quality-city",
                "2015-06-15T00:00:00+08:00",
            ),
            (
                "https://example.com/2015-06-15/story.html",
                "2015-06-15T00:00:00+08:00",
            ),
            (
                "http://www.news.cn/politics/201506/15/c_1115620.htm",
                "2015-06-15T00:00:00+08:00",
            ),
            (
                "http://www.gov.cn/xinwen/2015-06/15/content_2879.htm",
                "2015-06-15T00:00:00+08:00",
            ),
            (
                "http://www.lc.gov.cn/art/t20150615_123.html",
                "2015-06-15T00:00:00+08:00",
            ),
            (
                "https://example.com/a/20150615/x.html",
                "2015-06-15T00:00:00+08:00",
            ),
            // Not dates: an id, a host, a query, an impossible day.
            ("https://example.com/story/1234567890", "none"),
            ("https://20150615.example.com/x", "none"),
            ("https://example.com/x?d=2015/06/15", "none"),
            ("https://example.com/2015/13/45/x", "none"),
        ] {
            assert_eq!(shown(from_address(url, BEIJING)), expected, "{url}");
        }
    }

    #[test]
    fn pages_name_their_time_in_many_places() {
        let page = |head: &str, body: &str| {
            Html::parse_document(&format!(
                "<html><head>{head}</head><body>{body}</body></html>"
            ))
        };
        for (head, body, expected) in [
            (
                r#"<meta property="article:published_time" content="2015-06-15T06:05:18.000Z">"#,
                "",
                "2015-06-15T06:05:18+00:00",
            ),
            (
                r#"<meta name="DC.date.issued" content="2015-06-15">"#,
                "",
                "2015-06-15T00:00:00+08:00",
            ),
            (
                r#"<meta name="parsely-pub-date" content="2015-06-15T06:05:18+00:00">"#,
                "",
                "2015-06-15T06:05:18+00:00",
            ),
            (
                r#"<meta name="sailthru.date" content="2015-06-15 06:05:18">"#,
                "",
                "2015-06-15T06:05:18+08:00",
            ),
            (
                r#"<meta name="PubDate" content="2015-06-15 09:22">"#,
                "",
                "2015-06-15T09:22:00+08:00",
            ),
            (
                "",
                r#"<span itemprop="datePublished" content="2015-06-15T06:05:18+02:00">June 15</span>"#,
                "2015-06-15T06:05:18+02:00",
            ),
            (
                r#"<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2015-06-15T06:05:18-04:00"}]}</script>"#,
                "",
                "2015-06-15T06:05:18-04:00",
            ),
            (
                "",
                r#"<time datetime="2014-01-01">old</time><time pubdate datetime="2015-06-15T06:05">x</time>"#,
                "2015-06-15T06:05:00+08:00",
            ),
            // The most specific tag wins over a plain date.
            (
                r#"<meta name="date" content="2001-01-01"><meta property="article:published_time" content="2015-06-15T06:05:18+00:00">"#,
                "",
                "2015-06-15T06:05:18+00:00",
            ),
        ] {
            assert_eq!(
                shown(published(&page(head, body), None, BEIJING)),
                expected,
                "{head}{body}"
            );
        }
        // Nothing in the page: the address.
        assert_eq!(
            shown(published(
                &page("", "<p>x</p>"),
                Some("https://a.cn/2015/06/15/x.html"),
                BEIJING
            )),
            "2015-06-15T00:00:00+08:00"
        );
        assert_eq!(published(&page("", "<p>x</p>"), None, BEIJING), None);
        // A saved page: its own canonical address.
        assert_eq!(
            shown(published(
                &page(
                    r#"<link rel="canonical" href="https://a.cn/news/201506/15/c_1.htm">"#,
                    "<p>x</p>"
                ),
                None,
                BEIJING
            )),
            "2015-06-15T00:00:00+08:00"
        );
    }
}
