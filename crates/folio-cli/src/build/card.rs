//! The share card and logo a site gets when it names none (`--image`, `--logo`): share cards
//! without an image are small grey boxes on Facebook, X and LinkedIn, WeChat and QQ show no
//! thumbnail, and Google wants a publisher logo beside a news article. So `folio build` draws
//! both from the site's name, as PNG (the one format every card reader takes):
//! - the card, 1200 × 630 (the large-card size of Open Graph and X): the name large, the
//!   site's host under it;
//! - the logo, 512 × 512 (square, over WeChat's 300 × 300): the name's first characters.
//!
//! Drawn as SVG by resvg with the fonts installed on the machine (Noto CJK for Chinese names).
//! A character no installed font has is left out rather than drawn as an empty box (the card
//! keeps its colours and the rest of the text), and the build says which characters those were.

use std::sync::Mutex;

use resvg::{tiny_skia, usvg};

/// The card's size, in pixels.
pub const CARD_SIZE: (u32, u32) = (1200, 630);
/// The logo's side, in pixels.
pub const LOGO_SIZE: u32 = 512;

/// The ink and paper of both images: the viewer's accent red and white.
const ACCENT: &str = "#a61b1b";
const PAPER: &str = "#ffffff";
/// Fonts asked for first; any installed font that has a character is used after them.
const FAMILIES: &str = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', \
    'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans', 'DejaVu Sans', sans-serif";

/// Both images as PNG, and what could not be drawn.
pub struct Rendered {
    pub card: Vec<u8>,
    pub logo: Vec<u8>,
    /// Characters of the name or host no installed font has (drawn as nothing).
    pub missing: Vec<char>,
}

/// Draws the card and the logo of a site named `name` at `host`.
pub fn render(name: &str, host: &str) -> Result<Rendered, String> {
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_system_fonts();
    let fonts = std::sync::Arc::new(fonts);
    // Characters XML cannot hold (controls, U+FFFE, U+FFFF) are never drawn.
    let drawable = |c: &char| !c.is_control() && !matches!(c, '\u{FFFE}' | '\u{FFFF}');
    let mut name: String = name.trim().chars().filter(drawable).collect();
    let mut host: String = host.chars().filter(drawable).collect();
    let mut missing: Vec<char> = Vec::new();
    // Font fallback reports one missing character of a text at a time: draw again without
    // those found until none is left (a few rounds at most).
    for _ in 0..8 {
        let drawn = draw_both(&name, &host, &fonts)?;
        let found: Vec<char> = drawn
            .missing
            .into_iter()
            .filter(|c| !missing.contains(c))
            .collect();
        if found.is_empty() {
            missing.sort_unstable();
            missing.dedup();
            return Ok(Rendered { missing, ..drawn });
        }
        name.retain(|c| !found.contains(&c));
        host.retain(|c| !found.contains(&c));
        missing.extend(found);
    }
    let drawn = draw_both("", &host, &fonts)?;
    missing.sort_unstable();
    missing.dedup();
    Ok(Rendered { missing, ..drawn })
}

/// Both images, and the characters font fallback found no font for.
fn draw_both(
    name: &str,
    host: &str,
    fonts: &std::sync::Arc<usvg::fontdb::Database>,
) -> Result<Rendered, String> {
    let missing = Mutex::new(Vec::new());
    let (card, logo) = {
        let fallback = usvg::FontResolver::default_fallback_selector();
        let options = usvg::Options {
            fontdb: fonts.clone(),
            font_family: "sans-serif".into(),
            font_resolver: usvg::FontResolver {
                select_font: usvg::FontResolver::default_font_selector(),
                select_fallback: Box::new(|c, used, db| {
                    let found = fallback(c, used, db);
                    if found.is_none() && !c.is_whitespace() {
                        missing.lock().unwrap_or_else(|e| e.into_inner()).push(c);
                    }
                    found
                }),
            },
            ..usvg::Options::default()
        };
        let fonts_known = !fonts.is_empty();
        let card = draw(&card_svg(name, host, &options), &options)?;
        let logo = draw(&logo_svg(name), &options)?;
        if !fonts_known {
            missing
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(name.chars().chain(host.chars()));
        }
        (card, logo)
    };
    let mut missing = missing.into_inner().unwrap_or_else(|e| e.into_inner());
    missing.retain(|c| !c.is_whitespace());
    Ok(Rendered {
        card,
        logo,
        missing,
    })
}

/// The card: the name on the accent colour, as large as fits on at most two lines, the host
/// under it.
fn card_svg(name: &str, host: &str, options: &usvg::Options) -> String {
    let (width, height) = CARD_SIZE;
    let lines = split_lines(name, options);
    // The longest line fills at most 1040 px; text is never larger than 112 px.
    let widest = lines
        .iter()
        .map(|line| measure(line, options))
        .fold(0.0_f32, f32::max);
    let size = if widest > 0.0 {
        (1040.0 / widest * 100.0).min(112.0).floor()
    } else {
        112.0
    };
    let line_height = size * 1.25;
    let block = line_height * lines.len() as f32;
    let top = (height as f32 - 80.0 - block) / 2.0 + size;
    let mut text = String::new();
    for (i, line) in lines.iter().enumerate() {
        text.push_str(&format!(
            "<text x=\"80\" y=\"{:.0}\" font-size=\"{size}\" font-weight=\"700\" fill=\"{PAPER}\">{}</text>",
            top + i as f32 * line_height,
            xml(line)
        ));
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         font-family=\"{FAMILIES}\">\
         <rect width=\"{width}\" height=\"{height}\" fill=\"{ACCENT}\"/>\
         <rect x=\"80\" y=\"{}\" width=\"120\" height=\"8\" fill=\"{PAPER}\"/>{text}\
         <text x=\"80\" y=\"{}\" font-size=\"36\" fill=\"{PAPER}\" fill-opacity=\"0.85\">{}</text></svg>",
        height - 150,
        height - 80,
        xml(host)
    )
}

/// The logo: the name's first two characters (a word's first letter for a Latin name), white
/// on the accent colour.
fn logo_svg(name: &str) -> String {
    let side = LOGO_SIZE;
    let mark: String = if name.chars().next().is_some_and(|c| c.is_ascii()) {
        name.chars().take(1).flat_map(char::to_uppercase).collect()
    } else {
        name.chars()
            .filter(|c| !c.is_whitespace())
            .take(2)
            .collect()
    };
    let size = if mark.chars().count() > 1 { 200 } else { 300 };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{side}\" height=\"{side}\" \
         font-family=\"{FAMILIES}\">\
         <rect width=\"{side}\" height=\"{side}\" rx=\"96\" fill=\"{ACCENT}\"/>\
         <text x=\"256\" y=\"256\" dominant-baseline=\"central\" text-anchor=\"middle\" \
         font-size=\"{size}\" font-weight=\"700\" fill=\"{PAPER}\">{}</text></svg>",
        xml(&mark)
    )
}

/// The name on one line, or on two split at a space or in the middle when one line would be
/// smaller than 72 px.
fn split_lines(name: &str, options: &usvg::Options) -> Vec<String> {
    let one = measure(name, options);
    if one <= 0.0 || 1040.0 / one * 100.0 >= 72.0 {
        return vec![name.to_owned()];
    }
    let chars: Vec<char> = name.chars().collect();
    let middle = chars.len() / 2;
    let at = (0..chars.len())
        .filter(|&i| chars[i] == ' ')
        .min_by_key(|&i| i.abs_diff(middle))
        .unwrap_or(middle);
    let first: String = chars[..at].iter().collect();
    let second: String = chars[at..].iter().collect();
    vec![first.trim().to_owned(), second.trim().to_owned()]
}

/// The width of `text` at 100 px, as laid out with the installed fonts.
fn measure(text: &str, options: &usvg::Options) -> f32 {
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\" font-family=\"{FAMILIES}\">\
         <text x=\"0\" y=\"100\" font-size=\"100\" font-weight=\"700\">{}</text></svg>",
        xml(text)
    );
    usvg::Tree::from_str(&svg, options)
        .map(|tree| tree.root().abs_bounding_box().width())
        .unwrap_or(0.0)
}

/// An SVG drawn to PNG bytes.
fn draw(svg: &str, options: &usvg::Options) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_str(svg, options)
        .map_err(|e| format!("could not draw the share card: {e}"))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or("could not draw the share card: no room for its pixels")?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| format!("could not encode the share card: {e}"))
}

/// Text escaped for SVG.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Width and height of a PNG, read from its header.
    fn size(png: &[u8]) -> (u32, u32) {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let word = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        (word(16), word(20))
    }

    #[test]
    fn draws_both_images_at_their_sizes_whatever_the_name() {
        for name in [
            "聊城信息港",
            "The Daily Example",
            "",
            "<script>&\"",
            "bad\u{1}\u{FFFE}name",
            "一个名字非常非常长的新闻网站名称，长得一行放不下也要画出来",
        ] {
            let drawn = render(name, "news.example.cn").unwrap();
            assert_eq!(size(&drawn.card), CARD_SIZE, "{name}");
            assert_eq!(size(&drawn.logo), (LOGO_SIZE, LOGO_SIZE), "{name}");
        }
    }

    #[test]
    fn a_name_with_a_font_is_drawn_and_one_without_is_reported() {
        let fonts = {
            let mut db = usvg::fontdb::Database::new();
            db.load_system_fonts();
            db.len()
        };
        // An unassigned code point: no font has it.
        let drawn = render("Folio \u{0378}", "example.org").unwrap();
        assert!(drawn.missing.contains(&'\u{0378}'));
        if fonts > 0 {
            assert!(!drawn.missing.contains(&'F'));
            // Left out, not drawn as an empty box: the card is the one without it.
            assert_eq!(drawn.card, render("Folio", "example.org").unwrap().card);
            // The name is drawn: a card with it differs from one without it.
            let plain = render("", "example.org").unwrap();
            assert_ne!(render("Folio", "example.org").unwrap().card, plain.card);
        }
    }
}
