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
#[cfg(test)]
pub fn published(document: &Html, address: Option<&str>, offset_minutes: i16) -> Option<DateTime> {
    in_metadata(document, offset_minutes).or_else(|| in_address(document, address, offset_minutes))
}

/// The time a page's metadata names: meta tags, microdata, JSON-LD, `<time>`.
pub fn in_metadata(document: &Html, offset_minutes: i16) -> Option<DateTime> {
    meta(document, offset_minutes)
        .or_else(|| microdata(document, offset_minutes))
        .or_else(|| json_ld(document, offset_minutes))
        .or_else(|| time_element(document, offset_minutes))
}

/// A date in the page's address (`address`, when fetched), else in its canonical address or
/// `og:url`: midnight in the site's zone.
pub fn in_address(document: &Html, address: Option<&str>, offset_minutes: i16) -> Option<DateTime> {
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

/// A date printed near the title, as a dateline: one of the six `lines` just below the title
/// (not above it, where portals print today's date), short, holding a date in Chinese or
/// numeric form (`2015年6月15日 09:22`, `2015-06-15`, `2015/6/15`), English form (`June 15,
/// 2015 9:22 PM`, `15 Jun 2015`) or European form (`15.06.2015`), with a time when one follows;
/// a wall-clock time in the site's zone.
pub fn in_text(lines: &[&str], title: &str, offset_minutes: i16) -> Option<DateTime> {
    let at = lines.iter().position(|line| line.trim() == title.trim())?;
    lines
        .iter()
        .skip(at + 1)
        .take(6)
        .filter(|line| line.chars().count() <= 80)
        .find_map(|line| dateline(line, offset_minutes))
}

/// The first date (with its time) a short line prints, in the forms [`in_text`] reads.
fn dateline(line: &str, offset_minutes: i16) -> Option<DateTime> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    static PATTERNS: OnceLock<Option<[Regex; 4]>> = OnceLock::new();
    let patterns = PATTERNS
        .get_or_init(|| {
            // A time when one follows, with its a.m./p.m. when it has one.
            let time = r"(?:\D{0,6}?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s?m\b\.?)?)?";
            let month = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?";
            // Never inside a longer number (an id such as 2019-1-12345 is no date).
            let forms = [
                format!(r"(?i)(?:^|\D)((?:19|20)\d\d)\s*[年\-/.]\s*(\d{{1,2}})\s*[月\-/.]\s*(\d{{1,2}})(?-u:\b)\s*日?{time}"),
                format!(r"(?i)(?-u:\b){month}\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)(?-u:\b){time}"),
                format!(r"(?i)(?-u:\b)(\d{{1,2}})\s+{month}\s+((?:19|20)\d\d)(?-u:\b){time}"),
                format!(r"(?i)(?-u:\b)(\d{{1,2}})\.(\d{{1,2}})\.((?:19|20)\d\d)(?-u:\b){time}"),
            ];
            let compiled: Vec<Regex> = forms.iter().filter_map(|f| Regex::new(f).ok()).collect();
            compiled.try_into().ok()
        })
        .as_ref()?;
    let month_number = |name: &str| {
        let name = name.to_ascii_lowercase();
        MONTHS
            .iter()
            .position(|m| name.starts_with(m))
            .map(|i| i + 1)
    };
    let text = |c: &regex::Captures<'_>, i: usize| c.get(i).map_or("", |m| m.as_str()).to_owned();
    // Each form in turn: a numeric match that is no date (2015-13-45) lets the others try.
    patterns.iter().enumerate().find_map(|(form, pattern)| {
        let c = pattern.captures(line)?;
        let (year, month, day) = match form {
            0 => (text(&c, 1), text(&c, 2), text(&c, 3)),
            1 => (
                text(&c, 3),
                month_number(&text(&c, 1))?.to_string(),
                text(&c, 2),
            ),
            2 => (
                text(&c, 3),
                month_number(&text(&c, 2))?.to_string(),
                text(&c, 1),
            ),
            _ => (text(&c, 3), text(&c, 2), text(&c, 1)),
        };
        let mut hour: u32 = text(&c, 4).parse().unwrap_or(0);
        match text(&c, 7).to_ascii_lowercase().as_str() {
            "p" if hour < 12 => hour += 12,
            "a" if hour == 12 => hour = 0,
            _ => {}
        }
        let or_zero = |s: String| if s.is_empty() { "0".to_owned() } else { s };
        wall_clock(
            &format!(
                "{year}-{month}-{day} {hour}:{}:{}",
                or_zero(text(&c, 5)),
                or_zero(text(&c, 6))
            ),
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
                r"\s*(?i:(Z|UTC|GMT)?([+\-]\d{1,2}(?::?\d{2})?)?)\s*$"
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
    // A numeric offset (`GMT+0800` included), else a named UTC (`Z`, `z`, `UTC`), else none.
    let offset = match (found.get(8), found.get(7)) {
        (None, None) => offset_minutes,
        (None, Some(_)) => 0,
        (Some(zone), _) => {
            let zone = zone.as_str();
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let digits: String = zone.chars().filter(char::is_ascii_digit).collect();
            // `+8`, `+08`, `+0800`, `+08:00`.
            let (hours, minutes) = match digits.len() {
                1 | 2 => (digits.as_str(), "0"),
                3 => (&digits[..1], &digits[1..]),
                _ => (&digits[..2], &digits[2..4]),
            };
            let hours: i16 = hours.parse().ok()?;
            let minutes: i16 = minutes.parse().ok()?;
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
            ("2015-06-15T06:05:18z", "2015-06-15T06:05:18+00:00"),
            ("2015-06-15 06:05:18 GMT+0800", "2015-06-15T06:05:18+08:00"),
            ("2015-06-15T06:05:18+8", "2015-06-15T06:05:18+08:00"),
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
    fn datelines_near_the_title_in_chinese_english_and_european_forms() {
        for (line, expected) in [
            (
                "2015年06月15日 09:22  来源：半月谈网",
                "2015-06-15T09:22:00+08:00",
            ),
            ("发稿时间：2015-6-15 9:22:32", "2015-06-15T09:22:32+08:00"),
            (
                "By Jane Doe | June 15, 2015 9:22",
                "2015-06-15T09:22:00+08:00",
            ),
            (
                "Published Mon 15 Jun 2015 06.05 BST",
                "2015-06-15T00:00:00+08:00",
            ),
            ("Sept. 5, 2015", "2015-09-05T00:00:00+08:00"),
            (
                "Veröffentlicht am 15.06.2015 um 09:22",
                "2015-06-15T09:22:00+08:00",
            ),
            ("June 15, 2015 9:22 PM", "2015-06-15T21:22:00+08:00"),
            (
                "Updated 15 June 2015, 12:30 a.m.",
                "2015-06-15T00:30:00+08:00",
            ),
            // An id is no date; the line's real date is.
            (
                "文号 2019-1-12345 · 2015年6月15日",
                "2015-06-15T00:00:00+08:00",
            ),
        ] {
            let lines = ["Menu", "The title", line, "Body text."];
            assert_eq!(
                shown(in_text(&lines, "The title", BEIJING)),
                expected,
                "{line}"
            );
        }
        // Too far from the title, or too long to be a dateline: not the article's date.
        let far = ["The title", "a", "b", "c", "d", "e", "f", "2015-06-15"];
        assert_eq!(in_text(&far, "The title", BEIJING), None);
        let long = format!("{} 2015-06-15", "很长的正文".repeat(20));
        assert_eq!(in_text(&["The title", &long], "The title", BEIJING), None);
        assert_eq!(
            in_text(&["No title here", "2015-06-15"], "The title", BEIJING),
            None
        );
        // Above the title is where portals print today's date: never the article's.
        let header = ["2026年12月7日 星期一", "The title", "Body."];
        assert_eq!(in_text(&header, "The title", BEIJING), None);
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
