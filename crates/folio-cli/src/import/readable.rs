//! The fallback for article pages in other layouts (no 发布/来源 meta line): the article found
//! by its structure and its metadata, as reading modes do.
//! - title: `og:title`, else the first `<h1>`, else `<title>` without its site suffix;
//! - time: where date finders find it (`super::dates`): meta tags of every common form,
//!   microdata, JSON-LD, `<time>`, the page's address; kept with the offset it was written with
//!   (a time without one is in the site's zone);
//! - source: `og:site_name`, else the `<title>`'s site suffix; authors from `author` meta tags;
//! - body: the `<article>` (or `itemprop=articleBody`) element, else the element whose direct
//!   `<p>` children hold the most text, turned into typed blocks like a feed's HTML;
//! - summary: the `description` meta tag.
//!
//! A page without a title, a time, a source or body paragraphs is not an article: its reason is
//! given.

use folio_core::model::{Author, Block, DateTime, Role};
use scraper::{ElementRef, Html, Selector};

use super::blocks::{blocks, plain};
use super::Draft;

/// Reads a page by its structure; `lines` is its text as [`super::html::lines`] gives it (read
/// once for both readers), `base` its address (for images).
pub fn read(
    html: &str,
    lines: &str,
    offset_minutes: i16,
    base: Option<&str>,
    undated: Option<DateTime>,
) -> Result<Draft, String> {
    let document = Html::parse_document(html);
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|key| {
            let selector = Selector::parse(&format!(
                "meta[property=\"{key}\"], meta[name=\"{key}\"], meta[itemprop=\"{key}\"]"
            ))
            .ok()?;
            document
                .select(&selector)
                .filter_map(|m| m.value().attr("content"))
                .map(|c| c.trim().to_owned())
                .find(|c| !c.is_empty())
        })
    };
    let first = |css: &str| -> Option<ElementRef<'_>> {
        Selector::parse(css)
            .ok()
            .and_then(|s| document.select(&s).next())
    };
    let text = |element: ElementRef<'_>| plain(&element.inner_html());
    let page_title = first("title").map(text).unwrap_or_default();
    let (title_part, site_part) = split_title(&page_title);
    let title = meta(&["og:title"])
        .or_else(|| first("h1").map(text).filter(|t| !t.is_empty()))
        .or_else(|| (!title_part.is_empty()).then(|| title_part.to_owned()))
        .ok_or("no title (og:title, <h1> or <title>)")?;
    let mut dropped = Vec::new();
    // Its metadata, else a dateline printed below the title (which has a time), else a date in
    // its address.
    let found = super::dates::in_metadata(&document, offset_minutes)
        .or_else(|| {
            let lines: Vec<&str> = lines.lines().collect();
            super::dates::in_text(&lines, &title, offset_minutes)
        })
        .or_else(|| super::dates::in_address(&document, base, offset_minutes));
    let published = match (found, undated) {
        (Some(at), _) => at,
        (None, Some(at)) => {
            dropped.push(format!(
                "no publication time found in the page: dated {at} (--undated)"
            ));
            at
        }
        (None, None) => {
            return Err(
                "no publication time (in its meta tags, structured data, <time> or address; \
                 --undated today|file-time imports it dated)"
                    .into(),
            )
        }
    };
    let source = meta(&["og:site_name"])
        .or_else(|| site_part.map(str::to_owned))
        .ok_or("no source (og:site_name, or the site's name in <title>)")?;
    let container = first("article")
        .or_else(|| first("[itemprop=articleBody]"))
        .or_else(|| densest(&document))
        .ok_or("no element holding the article's paragraphs")?;
    let body = blocks(&container.inner_html(), base);
    if !body
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Paragraph { .. }))
    {
        return Err("no body paragraphs".into());
    }
    // The article element repeats the title and prints its time: neither is body text.
    let times: Vec<String> = Selector::parse("time")
        .map(|s| container.select(&s).map(text).collect())
        .unwrap_or_default();
    let blocks_kept: Vec<Block> = body
        .blocks
        .into_iter()
        .filter(|block| match block {
            Block::Heading { text } | Block::Paragraph { text } => {
                *text != title && !times.contains(text)
            }
            _ => true,
        })
        .collect();
    let authors = meta(&["author", "article:author"])
        .into_iter()
        .flat_map(|names| {
            names
                .split([',', '，', '、'])
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
        })
        .map(|name| Author {
            name,
            role: Role::Other("作者".into()),
        })
        .collect();
    Ok(Draft {
        site: Some(source.clone()),
        channels: Vec::new(),
        title,
        published: Some(published),
        source: Some(source),
        views: None,
        editor: None,
        authors,
        body: blocks_kept,
        dropped: dropped.into_iter().chain(body.dropped).collect(),
        summary: meta(&["description", "og:description"]),
        tags: Vec::new(),
        copyright: None,
    })
}

/// `标题 - 站点` / `标题_栏目_站点` / `标题 | 站点` → the title and the site (the last part).
fn split_title(title: &str) -> (&str, Option<&str>) {
    for separator in [" - ", " | ", " – ", "_", " — "] {
        if let Some(at) = title.find(separator) {
            let site = title
                .rsplit(separator)
                .next()
                .map(str::trim)
                .filter(|s| !s.is_empty());
            return (title[..at].trim(), site);
        }
    }
    (title.trim(), None)
}

/// The element whose direct `<p>` children hold the most text (a reading mode's first guess at
/// the article); none when no element has paragraphs.
fn densest(document: &Html) -> Option<ElementRef<'_>> {
    let selector = Selector::parse("body *").ok()?;
    let skip = ["nav", "header", "footer", "aside", "form"];
    document
        .select(&selector)
        .filter(|e| !skip.contains(&e.value().name()))
        .map(|element| {
            let score: usize = element
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|child| child.value().name() == "p")
                .map(|p| p.text().map(|t| t.trim().chars().count()).sum::<usize>())
                .sum();
            (score, element)
        })
        .filter(|(score, _)| *score > 0)
        .max_by_key(|(score, _)| *score)
        .map(|(_, element)| element)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_their_site_suffix() {
        assert_eq!(
            split_title("运河文化研讨会 - 聊城晚报"),
            ("运河文化研讨会", Some("聊城晚报"))
        );
        assert_eq!(split_title("标题_栏目_站点"), ("标题", Some("站点")));
        assert_eq!(split_title("只有标题"), ("只有标题", None));
    }
}
