//! An RSS 2.0, RSS 1.0 or Atom feed (read by `feed-rs`): each item a draft article. The item's
//! content (else its description) becomes typed blocks ([`super::blocks`]); its date is the
//! instant the feed gives, shown in the site's zone; the feed's title is the source and the
//! channel, the item's categories its tags.

use feed_rs::model::{Entry, Feed, Text};
use folio_core::model::{Author, Block, DateTime, Role};

use super::blocks::{blocks, plain};
use super::{Draft, Drafts};

/// Whether a file is a feed: its first element is `<rss>`, `<feed>` or `<rdf:RDF>`.
pub fn is_feed(bytes: &[u8]) -> bool {
    matches!(root(bytes).as_str(), "rss" | "feed" | "rdf:RDF")
}

/// Whether a file is a sitemap (`<urlset>`) or a sitemap index (`<sitemapindex>`).
pub fn is_sitemap(bytes: &[u8]) -> bool {
    matches!(root(bytes).as_str(), "urlset" | "sitemapindex")
}

/// The name of a file's first element, after the XML declaration, comments and a doctype (an
/// XHTML page's is `html`); empty when it starts otherwise.
fn root(bytes: &[u8]) -> String {
    let start = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).into_owned();
    let mut rest = start.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>").map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("<!") {
            // A doctype with an internal subset ends at `]>`.
            let subset = after
                .find('[')
                .is_some_and(|at| after.find('>').is_some_and(|end| at < end));
            let end = if subset { "]>" } else { ">" };
            rest = after.split_once(end).map_or("", |(_, r)| r).trim_start();
        } else {
            break;
        }
    }
    rest.strip_prefix('<')
        .unwrap_or_default()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
        .collect()
}

/// The addresses a sitemap lists (`<url><loc>`), or the sitemaps an index lists
/// (`<sitemap><loc>`), with whether it is an index. Read with the HTML parser (a sitemap is a
/// flat list, and it decodes entities as XML does).
pub fn sitemap(bytes: &[u8]) -> Result<(Vec<String>, bool), String> {
    refuse_entities(bytes)?;
    let text = std::str::from_utf8(bytes).map_err(|_| "a sitemap that is not UTF-8".to_owned())?;
    let index = root(bytes) == "sitemapindex";
    let document = scraper::Html::parse_document(text);
    let selector = scraper::Selector::parse("loc").map_err(|e| e.to_string())?;
    let locs = document
        .select(&selector)
        .map(|loc| loc.text().collect::<String>().trim().to_owned())
        .filter(|loc| !loc.is_empty())
        .collect();
    Ok((locs, index))
}

/// The parser never expands declared entities, but it would keep `&name;` as text: a file that
/// declares any (the "billion laughs" attack does) is refused whole.
fn refuse_entities(bytes: &[u8]) -> Result<(), String> {
    let prolog = &bytes[..bytes.len().min(64 << 10)];
    if prolog
        .windows(8)
        .any(|w| w.eq_ignore_ascii_case(b"<!ENTITY"))
    {
        return Err("it declares XML entities (<!ENTITY>), which feeds and sitemaps have no use for: refused".into());
    }
    Ok(())
}

/// The feed's items as drafts, each with the item's name in the report (its link, else its
/// position), or the reason it cannot be an article.
pub fn read(bytes: &[u8], offset_minutes: i16) -> Result<Drafts, String> {
    refuse_entities(bytes)?;
    let feed =
        feed_rs::parser::parse(bytes).map_err(|e| format!("not a feed feed-rs can read: {e}"))?;
    let source = feed.title.as_ref().map(text).filter(|t| !t.is_empty());
    Ok(feed
        .entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let link = entry.links.first().map(|l| l.href.clone());
            let name = link.clone().unwrap_or_else(|| format!("item {}", i + 1));
            (
                name,
                draft(
                    &feed,
                    entry,
                    source.as_deref(),
                    link.as_deref(),
                    offset_minutes,
                ),
            )
        })
        .collect())
}

fn draft(
    feed: &Feed,
    entry: &Entry,
    source: Option<&str>,
    link: Option<&str>,
    offset_minutes: i16,
) -> Result<Draft, String> {
    let title = entry
        .title
        .as_ref()
        .map(text)
        .filter(|t| !t.is_empty())
        .ok_or("an item without a title")?;
    let published = entry
        .published
        .or(entry.updated)
        .map(|at| DateTime::from_unix_seconds(at.timestamp(), offset_minutes))
        .ok_or("an item without a date (pubDate, published or updated)")?;
    let source = source.ok_or("a feed without a title to name the source")?;
    // The content when the feed has it, else the description.
    let html = entry
        .content
        .as_ref()
        .and_then(|c| {
            c.body
                .as_deref()
                .map(|body| (body, c.content_type.to_string()))
        })
        .or_else(|| {
            entry
                .summary
                .as_ref()
                .map(|s| (s.content.as_str(), s.content_type.to_string()))
        });
    let body = match html {
        Some((body, kind)) if kind.starts_with("text/plain") => super::blocks::Body {
            blocks: body
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|text| Block::Paragraph {
                    text: text.to_owned(),
                })
                .collect(),
            dropped: Vec::new(),
        },
        Some((body, _)) => blocks(body, link),
        None => Default::default(),
    };
    if !body
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Paragraph { .. }))
    {
        return Err("an item without body text".into());
    }
    // A description is the summary when the content is the body.
    let summary = entry
        .content
        .as_ref()
        .and(entry.summary.as_ref())
        .map(text)
        .filter(|s| !s.is_empty());
    let authors = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref())
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|name| Author {
            name: name.to_owned(),
            role: Role::Other("作者".into()),
        })
        .collect();
    let tags = entry
        .categories
        .iter()
        .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    Ok(Draft {
        site: Some(source.to_owned()),
        channels: vec![source.to_owned()],
        title,
        published: Some(published),
        source: Some(source.to_owned()),
        views: None,
        editor: None,
        authors,
        body: body.blocks,
        dropped: body.dropped,
        summary,
        tags,
        copyright: feed.rights.as_ref().map(text).filter(|r| !r.is_empty()),
    })
}

/// A feed text as plain text (markup, when it is HTML, dropped).
fn text(text: &Text) -> String {
    plain(&text.content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_told_from_pages() {
        assert!(is_feed(
            b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>"
        ));
        assert!(is_feed(
            b"\xEF\xBB\xBF<!-- x --><feed xmlns=\"http://www.w3.org/2005/Atom\"/>"
        ));
        assert!(!is_feed(
            b"<?xml version=\"1.0\"?><!DOCTYPE html><html><body/></html>"
        ));
        assert!(!is_feed("您所在的位置:聊城信息港".as_bytes()));
        assert!(is_sitemap(b"<?xml version=\"1.0\"?><urlset xmlns=\"x\"><url><loc>http://a/1?x=1&amp;y=2</loc></url></urlset>"));
        let (locs, index) = sitemap(b"<?xml version=\"1.0\"?><urlset><url><loc> http://a/1?x=1&amp;y=2 </loc></url></urlset>").unwrap();
        assert_eq!(
            (locs, index),
            (vec!["http://a/1?x=1&y=2".to_owned()], false)
        );
        assert!(is_feed(
            b"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"ha\">]><rss/>"
        ));
    }
}
