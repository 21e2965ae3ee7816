//! One pre-rendered page: the viewer app's built `index.html` (Trunk's `dist/`) as template,
//! the page's metadata for search engines and share cards in its head, and the viewer's own
//! components rendered to HTML in its body, marked so the Wasm hydrates them.

use folio_core::i18n::Lang;
use serde_json::{json, Value};

/// The parts of the app's page every built page shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The page's language, `<html lang>`.
    pub lang: Option<Lang>,
    /// The site description of the app's page (`<meta name="description">`).
    pub description: Option<String>,
    /// The head elements that load the app (stylesheet, icon, module script, preloads), each
    /// URL written `{ROOT}file` for the page's way back to the site's root.
    pub assets: Vec<String>,
}

/// Where the way back to the site's root goes in a template's asset URLs.
const ROOT: &str = "{ROOT}";

/// The value of attribute `name` in one tag (`<link rel="icon" href="…">`).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

impl Template {
    /// Reads the app's built page. It must hold the viewer's root (`data-folio-standalone`)
    /// and load it with a module script.
    pub fn read(page: &str) -> Result<Template, String> {
        if !page.contains(folio_core::page::ROOT) {
            return Err(format!(
                "no element with {}: is this Folio's built index.html (trunk build)?",
                folio_core::page::ROOT
            ));
        }
        let head_start = page.find("<head>").ok_or("no <head>")? + "<head>".len();
        let head_end = page.find("</head>").ok_or("no </head>")?;
        let head = &page[head_start..head_end];
        let mut assets = Vec::new();
        let mut description = None;
        let mut rest = head;
        while let Some(open) = rest.find('<') {
            rest = &rest[open..];
            if rest.starts_with("<!--") {
                rest = rest.find("-->").map_or("", |end| &rest[end + 3..]);
                continue;
            }
            let Some(close) = rest.find('>') else { break };
            let tag = &rest[..=close];
            rest = &rest[close + 1..];
            let name = tag[1..]
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()
                .unwrap_or("");
            let keep = match name {
                "link" => match attribute(tag, "rel") {
                    Some("icon" | "stylesheet" | "modulepreload") => true,
                    // The data file is preloaded from the root by each page itself.
                    Some("preload") => attribute(tag, "href").is_some_and(|h| h.starts_with("./")),
                    _ => false,
                },
                "script" => {
                    // A module script with a source; its end tag follows.
                    let end = rest.find("</script>").ok_or("a <script> is not closed")?;
                    rest = &rest[end + "</script>".len()..];
                    if attribute(tag, "src").is_none() {
                        return Err("the page has an inline script; Folio's pages load folio.js (scripts/post-build.mjs)".into());
                    }
                    assets.push(format!(
                        "{}</script>",
                        tag.replace("=\"./", &format!("=\"{ROOT}"))
                    ));
                    continue;
                }
                "meta" => {
                    if attribute(tag, "name") == Some("description") {
                        description = attribute(tag, "content").map(unescape);
                    }
                    attribute(tag, "name") == Some("color-scheme")
                }
                _ => false,
            };
            if keep {
                assets.push(tag.replace("=\"./", &format!("=\"{ROOT}")));
            }
        }
        if !assets.iter().any(|a| a.starts_with("<script")) {
            return Err("no module script loads the viewer".into());
        }
        let lang = page
            .find("<html")
            .and_then(|at| attribute(&page[at..at + page[at..].find('>')?], "lang"))
            .and_then(Lang::from_tag);
        Ok(Template {
            lang,
            description,
            assets,
        })
    }

    /// The head elements that load the app, from a page whose way back to the root is `back`.
    pub fn assets(&self, back: &str) -> String {
        let mut out = String::new();
        for asset in &self.assets {
            out.push_str(&asset.replace(ROOT, back));
            out.push('\n');
        }
        out
    }
}

/// Escapes text for HTML or XML text and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Reads the few entities a built page's attribute values use.
fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// At most `limit` characters of `text`, cut at a character and marked with `…` when cut.
pub fn clip(text: &str, limit: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(limit) {
        None => text.to_owned(),
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
    }
}

/// What a page's head says about it.
pub struct Meta<'a> {
    /// The document title (with the site's name).
    pub title: &'a str,
    /// The page's own name for share cards (`og:title`, `twitter:title`): the headline alone,
    /// since cards show the site's name beside it.
    pub headline: &'a str,
    /// One or two sentences for result snippets and share cards.
    pub description: &'a str,
    /// The page's canonical, absolute address.
    pub url: &'a str,
    /// The site's name.
    pub site_name: &'a str,
    /// The page's language.
    pub lang: Lang,
    /// An absolute image address for share cards.
    pub image: Option<&'a str>,
    /// Its width and height, when known.
    pub image_size: Option<(u32, u32)>,
    /// What the image shows (its `alt`), for readers of the card who cannot see it.
    pub image_alt: Option<&'a str>,
    /// For an article: its publication time (RFC 3339, with its offset), section and tags.
    pub article: Option<(&'a str, &'a str, &'a [String])>,
    /// Feeds to link (`title`, `href`, `type`), relative to the page.
    pub feeds: Vec<(String, String, &'static str)>,
    /// Structured data (JSON-LD), when the page has it.
    pub json_ld: Option<Value>,
    /// The way back to the site's root, for the app's assets.
    pub back: &'a str,
    /// True for a page that must not be indexed (the not-found page).
    pub noindex: bool,
}

/// Open Graph's locale of a language.
fn og_locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh_CN",
        Lang::En => "en_US",
    }
}

/// The site's web app manifest, at its root.
pub const MANIFEST: &str = "manifest.webmanifest";

/// One icon of a web app manifest.
#[derive(serde::Serialize)]
pub struct Icon {
    /// Its address, from the manifest's.
    pub src: String,
    /// `512x512`, `any` for a vector picture.
    pub sizes: String,
    /// Its media type.
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// The site's web app manifest (W3C Web Application Manifest): what a browser shows when a
/// reader installs the site (name, icons, colours), opening at its front page.
#[derive(serde::Serialize)]
pub struct WebManifest<'a> {
    /// The site's name.
    pub name: &'a str,
    /// The same, for the home screen.
    pub short_name: &'a str,
    /// The site's language.
    pub lang: &'a str,
    /// Where the installed site opens: its front page.
    pub start_url: &'static str,
    /// What belongs to it: the whole site.
    pub scope: &'static str,
    /// Its own window.
    pub display: &'static str,
    /// Behind the first paint.
    pub background_color: &'static str,
    /// The browser's bar: the site's accent colour (styles/tokens.css).
    pub theme_color: &'static str,
    /// Its icons.
    pub icons: Vec<Icon>,
}

/// A page's `<head>` content.
pub fn head(meta: &Meta, template: &Template) -> String {
    let mut out = String::with_capacity(4096);
    let mut tag = |line: String| {
        out.push_str(&line);
        out.push('\n');
    };
    tag("<meta charset=\"utf-8\">".into());
    tag("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">".into());
    tag(format!("<title>{}</title>", escape(meta.title)));
    let description = escape(meta.description);
    tag(format!(
        "<meta name=\"description\" content=\"{description}\">"
    ));
    if meta.noindex {
        tag("<meta name=\"robots\" content=\"noindex\">".into());
    } else {
        tag(format!(
            "<link rel=\"canonical\" href=\"{}\">",
            escape(meta.url)
        ));
    }
    let title = escape(meta.headline);
    let og = |property: &str, content: &str| {
        format!(
            "<meta property=\"{property}\" content=\"{}\">",
            escape(content)
        )
    };
    let kind = if meta.article.is_some() {
        "article"
    } else {
        "website"
    };
    tag(og("og:type", kind));
    tag(format!("<meta property=\"og:title\" content=\"{title}\">"));
    tag(format!(
        "<meta property=\"og:description\" content=\"{description}\">"
    ));
    if !meta.noindex {
        tag(og("og:url", meta.url));
    }
    tag(og("og:site_name", meta.site_name));
    tag(og("og:locale", og_locale(meta.lang)));
    let image_alt = meta.image_alt.filter(|alt| !alt.trim().is_empty());
    if let Some(image) = meta.image {
        tag(og("og:image", image));
        if let Some((width, height)) = meta.image_size {
            tag(og("og:image:width", &width.to_string()));
            tag(og("og:image:height", &height.to_string()));
        }
        if let Some(alt) = image_alt {
            tag(og("og:image:alt", alt));
        }
    }
    if let Some((published, section, tags)) = meta.article {
        tag(og("article:published_time", published));
        tag(og("article:section", section));
        for name in tags.iter() {
            tag(og("article:tag", name));
        }
    }
    let card = if meta.image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    tag(format!("<meta name=\"twitter:card\" content=\"{card}\">"));
    tag(format!("<meta name=\"twitter:title\" content=\"{title}\">"));
    tag(format!(
        "<meta name=\"twitter:description\" content=\"{description}\">"
    ));
    // QQ and WeChat read schema.org microdata in the head for their link cards.
    tag(format!("<meta itemprop=\"name\" content=\"{title}\">"));
    tag(format!(
        "<meta itemprop=\"description\" content=\"{description}\">"
    ));
    if let Some(image) = meta.image {
        tag(format!(
            "<meta name=\"twitter:image\" content=\"{}\">",
            escape(image)
        ));
        if let Some(alt) = image_alt {
            tag(format!(
                "<meta name=\"twitter:image:alt\" content=\"{}\">",
                escape(alt)
            ));
        }
        tag(format!(
            "<meta itemprop=\"image\" content=\"{}\">",
            escape(image)
        ));
    }
    for (name, href, kind) in &meta.feeds {
        tag(format!(
            "<link rel=\"alternate\" type=\"{kind}\" title=\"{}\" href=\"{}\">",
            escape(name),
            escape(href)
        ));
    }
    // The web app manifest (installing the site; its offline reading is folio-sw.js).
    tag(format!(
        "<link rel=\"manifest\" href=\"{}{MANIFEST}\">",
        meta.back
    ));
    if let Some(data) = &meta.json_ld {
        // No `<` in the script at all (JSON's `\u003c`, only ever inside strings): text from
        // the data can neither end it early nor open a comment or tag in it.
        let text = serde_json::to_string(data)
            .unwrap_or_default()
            .replace('<', "\\u003c");
        tag(format!(
            "<script type=\"application/ld+json\">{text}</script>"
        ));
    }
    out.push_str(&template.assets(meta.back));
    out
}

/// JSON-LD `NewsArticle` of an article page.
pub struct NewsArticle<'a> {
    /// The page's canonical address.
    pub url: &'a str,
    /// The headline.
    pub headline: &'a str,
    /// The summary.
    pub description: &'a str,
    /// Publication time, RFC 3339 with its offset.
    pub published: &'a str,
    /// Authors with their role, as the byline names them.
    pub authors: Vec<(String, String)>,
    /// The site's name and address.
    pub publisher: (&'a str, &'a str),
    /// The site's logo, an absolute address, and its size when known.
    pub logo: Option<(&'a str, Option<(u32, u32)>)>,
    /// Where the article comes from (新华社): its author when no person is named (a wire
    /// story).
    pub source: &'a str,
    /// Absolute image addresses.
    pub images: Vec<String>,
    /// The channel's name.
    pub section: &'a str,
    /// The page's language tag.
    pub lang: &'a str,
    /// Tags, as keywords.
    pub keywords: &'a [String],
}

impl NewsArticle<'_> {
    /// The JSON-LD value.
    pub fn to_json(&self) -> Value {
        let authors: Vec<Value> = self
            .authors
            .iter()
            .map(|(name, role)| json!({ "@type": "Person", "name": name, "jobTitle": role }))
            .collect();
        let mut data = json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": { "@type": "WebPage", "@id": self.url },
            "url": self.url,
            "headline": self.headline,
            "description": self.description,
            "datePublished": self.published,
            "dateModified": self.published,
            "inLanguage": self.lang,
            "articleSection": self.section,
            "publisher": {
                "@type": "Organization",
                "name": self.publisher.0,
                "url": self.publisher.1,
            },
        });
        if !authors.is_empty() {
            data["author"] = Value::Array(authors);
        } else if !self.source.trim().is_empty() {
            data["author"] = json!([{ "@type": "Organization", "name": self.source }]);
        }
        if let Some((logo, size)) = self.logo {
            data["publisher"]["logo"] = json!({ "@type": "ImageObject", "url": logo });
            if let Some((width, height)) = size {
                data["publisher"]["logo"]["width"] = json!(width);
                data["publisher"]["logo"]["height"] = json!(height);
            }
        }
        if !self.images.is_empty() {
            data["image"] = json!(self.images);
        }
        if !self.keywords.is_empty() {
            data["keywords"] = json!(self.keywords);
        }
        data
    }
}

/// The whole page: `head` and the viewer's root holding `body`, with `attributes` on it.
/// `picture` (an absolute address, and its size when known) comes first in the body, hidden:
/// WeChat and QQ take the first large picture of a page as its thumbnail. Hidden and lazy,
/// browsers never fetch it.
pub fn document(
    lang: Lang,
    head: &str,
    attributes: &[(&str, String)],
    picture: Option<(&str, Option<(u32, u32)>)>,
    body: &str,
) -> String {
    let mut root = String::from("<div id=\"folio\"");
    for (name, value) in attributes {
        root.push_str(&format!(" {name}=\"{}\"", escape(value)));
    }
    let picture = picture.map_or_else(String::new, |(src, size)| {
        let size = size.map_or_else(String::new, |(width, height)| {
            format!(" width=\"{width}\" height=\"{height}\"")
        });
        format!(
            "<img src=\"{}\"{size} alt=\"\" hidden loading=\"lazy\">\n",
            escape(src)
        )
    });
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n{head}</head>\n<body class=\"folio-page\">\n{picture}{root}>{body}</div>\n</body>\n</html>\n",
        lang.tag()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILT: &str = r#"<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="description" content="聊城 &amp; 新闻">
  <meta name="color-scheme" content="light">
  <title>聊城信息港</title>
  <!-- a comment <link rel="stylesheet" href="./no.css"> -->
  <base href="./">
  <link rel="icon" href="./favicon-1.svg" integrity="sha384-x"/>
  <link rel="stylesheet" href="./folio-2.css" integrity="sha384-y"/>
  <link rel="preload" href="articles.json" as="fetch" crossorigin="anonymous">
<script type="module" src="./folio.js"></script>
<link rel="modulepreload" href="./folio-viewer-3.js" crossorigin="anonymous"><link rel="preload" href="./folio-viewer-3_bg.wasm" as="fetch" type="application/wasm"></head>
<body class="folio-page">
  <div id="folio" data-folio-standalone><p>x</p></div>
</body>
</html>"#;

    #[test]
    fn keeps_what_loads_the_app_with_urls_from_the_root() {
        let template = Template::read(BUILT).unwrap();
        assert_eq!(template.lang, Some(Lang::Zh));
        assert_eq!(template.description.as_deref(), Some("聊城 & 新闻"));
        let assets = template.assets("../../");
        assert_eq!(
            assets,
            "<meta name=\"color-scheme\" content=\"light\">
<link rel=\"icon\" href=\"../../favicon-1.svg\" integrity=\"sha384-x\"/>
<link rel=\"stylesheet\" href=\"../../folio-2.css\" integrity=\"sha384-y\"/>
<script type=\"module\" src=\"../../folio.js\"></script>
<link rel=\"modulepreload\" href=\"../../folio-viewer-3.js\" crossorigin=\"anonymous\">
<link rel=\"preload\" href=\"../../folio-viewer-3_bg.wasm\" as=\"fetch\" type=\"application/wasm\">
"
        );
        assert!(Template::read("<html><head></head><body></body></html>").is_err());
        assert!(Template::read(&BUILT.replace(" src=\"./folio.js\">", ">init()")).is_err());
    }

    #[test]
    fn escapes_and_clips() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(clip("  聊城实施质量强市  ", 4), "聊城实施…");
        assert_eq!(clip("短", 4), "短");
    }

    #[test]
    fn json_ld_cannot_end_its_script() {
        let template = Template::read(BUILT).unwrap();
        let meta = Meta {
            title: "a</script><script>alert(1)</script>",
            headline: "a</script><script>alert(1)</script>",
            image_alt: None,
            description: "d",
            url: "https://x.cn/",
            site_name: "s",
            lang: Lang::Zh,
            image: None,
            image_size: None,
            article: None,
            feeds: Vec::new(),
            json_ld: Some(json!({ "headline": "</script><script>alert(1)</script>" })),
            back: "",
            noindex: false,
        };
        let head = head(&meta, &template);
        assert_eq!(head.matches("</script>").count(), 2, "{head}");
        assert!(head.contains("<title>a&lt;/script&gt;"));
        assert!(head.contains("og:title\" content=\"a&lt;/script&gt;"));
        assert!(!head.contains("<script>alert"));
    }
}
