//! An article page's HTML: decoded the way a browser decodes it, then turned into the lines of
//! its text (one line a block element), which [`super::text`] reads like a text dump. Scripts,
//! styles, forms and frames never become text.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use ego_tree::NodeRef;
use encoding_rs::Encoding;
use scraper::{Html, Node};

/// Elements whose content is never article text.
pub(super) const SKIP: [&str; 9] = [
    "head", "script", "style", "noscript", "template", "iframe", "form", "select", "button",
];
/// Elements that start and end a line.
const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "blockquote",
    "figure",
];

/// A page decoded: its text, and how many of its bytes did not decode (each shown as U+FFFD).
pub struct Decoded {
    pub text: String,
    pub replaced: usize,
    pub encoding: &'static Encoding,
}

/// The page's text, decoded as a browser would: a byte-order mark, then the charset of the
/// HTTP `Content-Type` (`http`, for a fetched page), then the charset a `<meta>` in its first
/// 1,024 bytes declares (the HTML standard's prescan: `<meta charset>` or `http-equiv`, never
/// a `<script charset>`), then a guess from the bytes. A few bytes that do not decode become
/// U+FFFD, as in a browser, and are counted; more than one character in 200, or more than 8
/// against fewer than 20 readable non-ASCII characters each, says the encoding is wrong, and
/// the page is refused with the encoding's name.
pub fn decode(bytes: &[u8], http: Option<&str>) -> Result<Decoded, String> {
    let encoding = Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .or_else(|| http.and_then(|label| Encoding::for_label(label.trim().as_bytes())))
        .or_else(|| declared(&bytes[..bytes.len().min(1024)]))
        .unwrap_or_else(|| {
            // No ISO-2022-JP (it can hide markup), UTF-8 allowed (a file, not a web page).
            let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            detector.guess(None, Utf8Detection::Allow)
        });
    let (text, used, had_errors) = encoding.decode(bytes);
    let replaced = if had_errors {
        // Replacement characters the page itself holds are counted too: a page full of them
        // is as unreadable.
        text.matches('\u{FFFD}').count()
    } else {
        0
    };
    // Wrong encodings garble most non-ASCII characters; a few stray bytes leave them readable.
    // (A page's scripts and styles, ASCII mostly, do not dilute the count.)
    let readable = text
        .chars()
        .filter(|c| !c.is_ascii() && *c != '\u{FFFD}')
        .count();
    if replaced * 200 > text.chars().count() || (replaced > 8 && replaced * 20 > readable) {
        return Err(format!(
            "the page does not decode as {} ({replaced} characters would be replacement characters)",
            used.name()
        ));
    }
    Ok(Decoded {
        text: text.into_owned(),
        replaced,
        encoding: used,
    })
}

/// The page an article continues on: the address of its 下一页 (next page) link, resolved
/// against the page's address, or, for a file, as a file beside it that exists.
pub fn next_page(bytes: &[u8], charset: Option<&str>, address: &str) -> Option<String> {
    let html = decode(bytes, charset).ok()?.text;
    let document = Html::parse_document(&html);
    let selector = scraper::Selector::parse("a[href]").ok()?;
    let href = document
        .select(&selector)
        .find(|a| {
            matches!(
                a.text().collect::<String>().trim(),
                "下一页" | "下页" | "下一頁"
            )
        })?
        .value()
        .attr("href")?
        .trim();
    if href.is_empty() || href.starts_with('#') || href.starts_with("javascript:") {
        return None;
    }
    if let Ok(base) = url::Url::parse(address) {
        let next = base.join(href).ok()?;
        return matches!(next.scheme(), "http" | "https").then(|| next.to_string());
    }
    let file = href.split(['?', '#']).next()?;
    let next = std::path::Path::new(address).parent()?.join(file);
    next.is_file().then(|| next.display().to_string())
}

/// The encoding a page's start declares, as the HTML standard's prescan finds it: the first
/// `<meta>` (outside comments) with a `charset` attribute, or with `http-equiv=content-type`
/// and a `content` naming a `charset=`. Other tags (`<script charset>`, `<link charset>`) say
/// nothing of the page. UTF-16 labels mean UTF-8 here (the bytes were not UTF-16, or a mark
/// would have said so).
fn declared(start: &[u8]) -> Option<&'static Encoding> {
    let text = String::from_utf8_lossy(start).to_ascii_lowercase();
    let mut rest = text.as_str();
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[1..end];
        rest = &rest[end..];
        let Some(attributes) = tag
            .strip_prefix("meta")
            .filter(|a| a.starts_with(|c: char| c.is_ascii_whitespace() || c == '/'))
        else {
            continue;
        };
        let attributes = attributes_of(attributes);
        let value = |name: &str| {
            attributes
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        let label = value("charset").map(str::to_owned).or_else(|| {
            (value("http-equiv") == Some("content-type"))
                .then(|| value("content"))
                .flatten()
                .and_then(|content| {
                    let at = content.find("charset=")? + "charset=".len();
                    Some(
                        content[at..]
                            .trim_start_matches(['"', '\''])
                            .chars()
                            .take_while(|c| !matches!(c, '"' | '\'' | ';') && !c.is_whitespace())
                            .collect(),
                    )
                })
        });
        if let Some(encoding) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
            let utf16 = encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
            return Some(if utf16 { encoding_rs::UTF_8 } else { encoding });
        }
    }
    None
}

/// The attributes of a tag's inside (after its name): names with their values, quoted or not.
fn attributes_of(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_ascii_whitespace() || c == '/' {
            chars.next();
            continue;
        }
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c == '=' || c.is_ascii_whitespace() || c == '/' {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        let name = text[start..end].to_owned();
        while chars.peek().is_some_and(|&(_, c)| c.is_ascii_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek().is_some_and(|&(_, c)| c == '=') {
            chars.next();
            while chars.peek().is_some_and(|&(_, c)| c.is_ascii_whitespace()) {
                chars.next();
            }
            match chars.peek().map(|&(_, c)| c) {
                Some(quote @ ('"' | '\'')) => {
                    chars.next();
                    for (_, c) in chars.by_ref() {
                        if c == quote {
                            break;
                        }
                        value.push(c);
                    }
                }
                _ => {
                    while let Some(&(_, c)) = chars.peek() {
                        if c.is_ascii_whitespace() {
                            break;
                        }
                        value.push(c);
                        chars.next();
                    }
                }
            }
        }
        if name.is_empty() {
            chars.next();
        } else {
            found.push((name, value));
        }
    }
    found
}

/// Starts a line that stands for an image (`IMAGE` src `SEP` alt) or a `<figcaption>`
/// (`CAPTION` text): control characters no page text holds, so no text is taken for them.
pub const IMAGE: char = '\u{1}';
pub const CAPTION: char = '\u{2}';
pub const SEP: char = '\u{1f}';

/// The page as lines of text, one a block element; images and captions as marked lines.
pub fn lines(html: &str) -> String {
    let document = Html::parse_document(html);
    let mut out = Vec::new();
    let mut line = String::new();
    walk(document.tree.root(), &mut out, &mut line);
    flush(&mut out, &mut line);
    out.join("\n")
}

fn flush(out: &mut Vec<String>, line: &mut String) {
    let text = line.trim();
    if !text.is_empty() {
        out.push(text.to_owned());
    }
    line.clear();
}

fn walk(node: NodeRef<'_, Node>, out: &mut Vec<String>, line: &mut String) {
    match node.value() {
        // Source line breaks and tabs inside a block are spaces, as a browser shows them.
        Node::Text(text) => line.extend(text.chars().map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c => c,
        })),
        Node::Element(element) => {
            let name = element.name();
            if SKIP.contains(&name) {
                return;
            }
            if name == "img" {
                flush(out, line);
                let src = element.attr("src").unwrap_or_default().trim();
                let alt = element
                    .attr("alt")
                    .or(element.attr("title"))
                    .unwrap_or_default();
                let clean = |t: &str| t.replace(['\n', '\r', '\t', IMAGE, CAPTION, SEP], " ");
                out.push(format!("{IMAGE}{}{SEP}{}", clean(src), clean(alt).trim()));
                return;
            }
            if name == "figcaption" {
                flush(out, line);
                let mut caption = String::new();
                for child in node.children() {
                    walk(child, &mut Vec::new(), &mut caption);
                }
                let caption = caption.trim();
                if !caption.is_empty() {
                    out.push(format!("{CAPTION}{caption}"));
                }
                return;
            }
            let block = BLOCKS.contains(&name);
            if block || name == "br" {
                flush(out, line);
            }
            for child in node.children() {
                walk(child, out, line);
            }
            if block {
                flush(out, line);
            }
        }
        _ => {
            for child in node.children() {
                walk(child, out, line);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_as_a_browser_finds_them() {
        // 质量 in GBK, declared and undeclared; in UTF-8 with a mark.
        let text = |bytes: &[u8], http: Option<&str>| decode(bytes, http).map(|d| d.text);
        let declared = b"<meta charset=\"gbk\"><p>\xD6\xCA\xC1\xBF</p>";
        assert!(text(declared, None).unwrap().contains("质量"));
        let http_equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>\xD6\xCA\xC1\xBF\xC7\xBF\xCA\xD0\xD5\xBD\xC2\xD4</p>";
        assert!(text(http_equiv, None).unwrap().contains("质量强市战略"));
        assert!(text("\u{feff}<p>质量</p>".as_bytes(), None)
            .unwrap()
            .contains("质量"));
        let wrong = b"<meta charset=\"utf-8\"><p>\xD6\xCA\xC1\xBF</p>";
        // The HTTP header outranks the page's own declaration, as in a browser.
        assert!(text(wrong, Some("gbk")).unwrap().contains("质量"));
        assert!(text(wrong, None).unwrap_err().contains("UTF-8"));
        // A script's charset says nothing of the page (a GB2312 page of Xinhua's); nor does a
        // commented-out meta.
        let script_first = b"<script charset=\"utf-8\" src=\"a.js\"></script><!-- <meta charset=\"big5\"> --><meta http-equiv=Content-Type content='text/html; charset=gb2312'><p>\xD6\xCA\xC1\xBF</p>";
        let decoded = decode(script_first, None).unwrap();
        assert_eq!(decoded.encoding, encoding_rs::GBK);
        assert!(decoded.text.contains("质量"));
        // A UTF-8 page with a stray byte: read, the byte counted.
        let mut stray = "<meta charset=utf-8><p>".as_bytes().to_vec();
        stray.extend(
            "聊城实施质量强市战略动员暨科学技术奖励大会召开。"
                .repeat(20)
                .as_bytes(),
        );
        stray.push(0xFF);
        stray.extend(b"</p>");
        let decoded = decode(&stray, None).unwrap();
        assert_eq!(decoded.replaced, 1);
        assert!(decoded.text.ends_with("召开。\u{FFFD}</p>"));
        // A GBK page served as UTF-8 behind a large ASCII script: garbled, so refused.
        let script = "var a = 1;\n".repeat(2000);
        let mut wrong = format!("<meta charset=utf-8><script>{script}</script><p>").into_bytes();
        for _ in 0..40 {
            wrong.extend(b"\xD6\xCA\xC1\xBF");
        }
        assert!(decode(&wrong, None).is_err());
    }

    #[test]
    fn blocks_become_lines_and_scripts_vanish() {
        let html = "<html><head><title>标题 - 网站</title><script>var a = 1;</script></head>\
            <body><div>您所在的位置:<a>网站</a> &gt; <a>新闻</a></div><h1>标题</h1>\
            <p>　　第一段\n文字</p><script>document.write('广告')</script><p>第二段<br>第三段</p>\
            <style>p{}</style><form><input value=x><button>提交</button></form></body></html>";
        assert_eq!(
            lines(html),
            "您所在的位置:网站 > 新闻\n标题\n第一段 文字\n第二段\n第三段"
        );
    }
}
