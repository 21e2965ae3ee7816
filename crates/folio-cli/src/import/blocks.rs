//! HTML from a feed item (its content or description) into Folio's typed body blocks:
//! paragraphs, headings, quotations and images with their captions. Nothing is kept as HTML:
//! text is taken from the tree, markup and attributes are dropped, scripts, styles, forms and
//! frames never become text, and an image keeps only an http(s) address made absolute against
//! the item's link (`javascript:`, `data:` and other schemes are dropped).

use ego_tree::NodeRef;
use folio_core::model::Block;
use scraper::{Html, Node};

use super::html::SKIP;

/// Elements that end a paragraph before and after them.
const BREAKS: [&str; 18] = [
    "p", "div", "li", "ul", "ol", "table", "tr", "td", "th", "section", "article", "header",
    "footer", "nav", "pre", "dl", "dt", "dd",
];

/// Words of a `class` or `id` that mark what is around an article, not in it (as reading modes
/// tell them): comment and login boxes, subscription promos, author bios, related and
/// recommended lists, share bars, ads.
const AROUND: [&str; 29] = [
    "comment",
    "comments",
    "disqus",
    "login",
    "signin",
    "signup",
    "register",
    "subscribe",
    "subscription",
    "newsletter",
    "promo",
    "promotion",
    "related",
    "recommend",
    "recommended",
    "recommendations",
    "share",
    "sharing",
    "social",
    "bio",
    "advert",
    "advertisement",
    "ads",
    "sponsor",
    "sponsored",
    "popup",
    "modal",
    "outbrain",
    "taboola",
];
/// Class prefixes CMSs put on an article's own wrappers to name its tags and categories
/// (`tag-social-media`, `category-sponsored`): never a sign of what is around it. (Nor is
/// `paywall`: Google's paywall markup puts it on the article body; nor `sidebar`, which some
/// themes put on the layout that holds the article.)
const TAXONOMY: [&str; 4] = ["tag-", "category-", "categories-", "topic-"];
/// Elements around an article whatever their names: asides, navigation, footers.
const AROUND_ELEMENTS: [&str; 3] = ["aside", "nav", "footer"];
/// Landmark roles of what is around an article.
const AROUND_ROLES: [&str; 4] = ["complementary", "navigation", "contentinfo", "banner"];

/// True for an element that holds what is around an article rather than the article: by its
/// name, its landmark role, `aria-hidden`, or a word of its `class` or `id` (split at `-`, `_`
/// and spaces: `comment-login`, `author_bio`, `related posts`).
fn is_around(element: &scraper::node::Element) -> bool {
    if AROUND_ELEMENTS.contains(&element.name())
        || element.attr("aria-hidden") == Some("true")
        || element
            .attr("role")
            .is_some_and(|role| AROUND_ROLES.contains(&role.trim()))
    {
        return true;
    }
    ["class", "id"].iter().any(|attribute| {
        element.attr(attribute).is_some_and(|value| {
            value
                .split_whitespace()
                .filter(|name| {
                    let name = name.to_ascii_lowercase();
                    !TAXONOMY.iter().any(|prefix| name.starts_with(prefix))
                })
                .flat_map(|name| name.split(['-', '_']))
                .any(|word| AROUND.contains(&word.to_ascii_lowercase().as_str()))
        })
    })
}

/// What the blocks of an item's HTML are, and the images left out (no address Folio can
/// show, or no text to describe them), for the import's report.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub dropped: Vec<String>,
}

/// The blocks of an HTML fragment; `base` is the item's address, for relative image addresses.
pub fn blocks(html: &str, base: Option<&str>) -> Body {
    let fragment = Html::parse_fragment(html);
    let mut walker = Walker {
        base,
        body: Body::default(),
        text: String::new(),
    };
    walker.walk(fragment.tree.root());
    walker.paragraph();
    walker.body
}

/// The text of an HTML fragment (a title or summary that may hold markup), on one line.
pub fn plain(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut text = String::new();
    collect(fragment.tree.root(), &mut text);
    squeeze(&text)
}

struct Walker<'a> {
    base: Option<&'a str>,
    body: Body,
    text: String,
}

impl Walker<'_> {
    fn walk(&mut self, node: NodeRef<'_, Node>) {
        let Node::Element(element) = node.value() else {
            if let Node::Text(text) = node.value() {
                self.text.push_str(text);
            }
            for child in node.children() {
                self.walk(child);
            }
            return;
        };
        let name = element.name();
        match name {
            _ if SKIP.contains(&name) => {}
            // A block around the article (an inline word keeps its text).
            _ if (BREAKS.contains(&name) || AROUND_ELEMENTS.contains(&name))
                && is_around(element) =>
            {
                self.paragraph()
            }
            "br" => self.paragraph(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.paragraph();
                let text = text_of(node);
                if !text.is_empty() {
                    self.body.blocks.push(Block::Heading { text });
                }
            }
            "blockquote" => {
                self.paragraph();
                let cite = node
                    .descendants()
                    .find(|n| n.value().as_element().is_some_and(|e| e.name() == "cite"))
                    .map(text_of)
                    .filter(|c| !c.is_empty());
                let text = text_of(node);
                let text = match &cite {
                    Some(cite) => text.trim_end_matches(cite.as_str()).trim().to_owned(),
                    None => text,
                };
                if !text.is_empty() {
                    self.body.blocks.push(Block::Quote { text, cite });
                }
            }
            "figure" => {
                self.paragraph();
                let caption = node
                    .descendants()
                    .find(|n| {
                        n.value()
                            .as_element()
                            .is_some_and(|e| e.name() == "figcaption")
                    })
                    .map(text_of)
                    .filter(|c| !c.is_empty());
                let images: Vec<_> = node
                    .descendants()
                    .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "img"))
                    .collect();
                for image in &images {
                    self.image(*image, caption.clone());
                }
                if images.is_empty() {
                    for child in node.children() {
                        self.walk(child);
                    }
                    self.paragraph();
                }
            }
            "img" => {
                self.paragraph();
                self.image(node, None);
            }
            _ => {
                let breaks = BREAKS.contains(&name);
                if breaks {
                    self.paragraph();
                }
                for child in node.children() {
                    self.walk(child);
                }
                if breaks {
                    self.paragraph();
                }
            }
        }
    }

    /// Ends the paragraph being gathered, if it has text.
    fn paragraph(&mut self) {
        let text = squeeze(&self.text);
        self.text.clear();
        if !text.is_empty() {
            self.body.blocks.push(Block::Paragraph { text });
        }
    }

    fn image(&mut self, node: NodeRef<'_, Node>, caption: Option<String>) {
        let Some(element) = node.value().as_element() else {
            return;
        };
        let src = element.attr("src").map(str::trim).unwrap_or_default();
        // A page read from a file has no address: its relative image addresses stay relative.
        let kept =
            absolute(src, self.base).or_else(|| relative(src).filter(|_| self.base.is_none()));
        let Some(src) = kept else {
            self.body.dropped.push(format!(
                "left out of the body: an image whose address is not http(s): {}",
                cut(src)
            ));
            return;
        };
        // The alternative text the page gives, else its title or caption: never invented.
        let alt = [element.attr("alt"), element.attr("title")]
            .into_iter()
            .flatten()
            .map(squeeze)
            .find(|a| !a.is_empty())
            .or_else(|| caption.clone());
        match alt {
            Some(alt) => self.body.blocks.push(Block::Image { src, alt, caption }),
            None => self.body.dropped.push(format!(
                "left out of the body: an image without alternative text or caption: {src}"
            )),
        }
    }
}

/// The text inside a node, on one line.
fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut text = String::new();
    collect(node, &mut text);
    squeeze(&text)
}

fn collect(node: NodeRef<'_, Node>, out: &mut String) {
    match node.value() {
        Node::Text(text) => out.push_str(text),
        Node::Element(element) if SKIP.contains(&element.name()) => {}
        Node::Element(element) if element.name() == "br" => out.push(' '),
        _ => {
            for child in node.children() {
                collect(child, out);
            }
        }
    }
}

/// Runs of white space (the full-width and no-break spaces CMSs indent with included) as one
/// space, trimmed.
fn squeeze(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// An http(s) address, made absolute against `base`; `None` for any other scheme (and for a
/// relative address without a base: a page read from a file keeps its relative addresses, see
/// [`relative`]).
pub(super) fn absolute(src: &str, base: Option<&str>) -> Option<String> {
    let base = base.and_then(|b| url::Url::parse(b).ok());
    let url = match base {
        Some(base) => base.join(src).ok()?,
        None => url::Url::parse(src).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// A relative address kept as it is (a page read from a file has no address to resolve it
/// against); `None` when it names a scheme or is empty.
pub(super) fn relative(src: &str) -> Option<String> {
    let has_scheme = src.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    (!src.is_empty() && !has_scheme && !src.starts_with("//")).then(|| src.to_owned())
}

/// At most 80 characters of an address, for a message.
pub(super) fn cut(text: &str) -> String {
    let mut out: String = text.chars().take(80).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_typed_blocks() {
        let html = r#"<p>　　第一段<b>加粗</b>文字</p><p>第二段<br/>第三段</p>
            <h2>小标题</h2>
            <figure><img src="/images/a.jpg" alt="会场"><figcaption>大会现场</figcaption></figure>
            <img src="b.png" title="图二"><blockquote>引文内容<cite>某人</cite></blockquote>"#;
        let body = blocks(html, Some("http://www.example.cn/news/2015/1.html"));
        assert_eq!(
            body.blocks,
            vec![
                Block::Paragraph {
                    text: "第一段加粗文字".into()
                },
                Block::Paragraph {
                    text: "第二段".into()
                },
                Block::Paragraph {
                    text: "第三段".into()
                },
                Block::Heading {
                    text: "小标题".into()
                },
                Block::Image {
                    src: "http://www.example.cn/images/a.jpg".into(),
                    alt: "会场".into(),
                    caption: Some("大会现场".into())
                },
                Block::Image {
                    src: "http://www.example.cn/news/2015/b.png".into(),
                    alt: "图二".into(),
                    caption: None
                },
                Block::Quote {
                    text: "引文内容".into(),
                    cite: Some("某人".into())
                },
            ]
        );
        assert!(body.dropped.is_empty());
    }

    #[test]
    fn what_is_around_an_article_is_not_its_body() {
        let html = r#"<p>First paragraph of the story.</p>
            <div class="comment-login"><p>Log in to comment</p></div>
            <div id="newsletter_promo"><p>Subscribe to our newsletter</p></div>
            <p>Second paragraph, with a <span class="bio-note">word</span> in it.</p>
            <section class="author-bio"><p>Jane Doe writes about cities.</p></section>
            <ul class="related-posts"><li>Another headline</li></ul>
            <aside><p>Pull quote box</p></aside><nav><a>Next</a></nav>
            <div role="complementary"><p>More from us</p></div>
            <div class="shadow-box"><p>Third paragraph.</p></div>
            <div class="post tag-social-media category-sponsored paywall"><p>Fourth paragraph.</p></div>"#;
        let texts: Vec<String> = blocks(html, None)
            .blocks
            .into_iter()
            .map(|b| match b {
                Block::Paragraph { text } => text,
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                "First paragraph of the story.",
                "Second paragraph, with a word in it.",
                "Third paragraph.",
                "Fourth paragraph."
            ]
        );
    }

    #[test]
    fn hostile_markup_leaves_only_text() {
        let html = r#"<p onclick="steal()">正文<script>alert(1)</script><a href="javascript:alert(2)">链接</a></p>
            <img src="javascript:alert(3)" alt="x"><img src="data:image/png;base64,AAAA" alt="y">
            <img src="http://ok.example/c.jpg"><style>p{}</style><iframe src="http://ads"></iframe>"#;
        let body = blocks(html, None);
        assert_eq!(
            body.blocks,
            vec![Block::Paragraph {
                text: "正文链接".into()
            }]
        );
        assert_eq!(body.dropped.len(), 3, "{:?}", body.dropped);
        assert!(body.dropped[0].contains("javascript:"));
        assert!(body.dropped[2].contains("alternative text"));
        assert_eq!(
            plain("<b>标题</b> &amp; <script>x</script>更多"),
            "标题 & 更多"
        );
    }
}
