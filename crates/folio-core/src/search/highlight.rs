//! Showing matches: a text cut into marked and unmarked pieces, and a snippet of the body
//! around the first hit.

use super::fold::{fold, normalize};
use crate::model::{Article, Block};
use crate::sorting::sort_by;

/// A piece of text, marked when it matched a term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The original text of the piece.
    pub text: String,
    /// True for a match.
    pub marked: bool,
}

/// Splits `text` into marked and unmarked pieces for the terms (folded matching, original text
/// kept). Overlapping and adjacent matches merge into one mark.
pub fn highlight(text: &str, terms: &[String]) -> Vec<Segment> {
    let mut folded = String::with_capacity(text.len());
    // Byte offset in the original of each folded character, plus the end.
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        origin.push((folded.len(), at));
        folded.push(fold(c));
    }
    let to_original = |folded_at: usize| -> usize {
        match origin.binary_search_by_key(&folded_at, |&(f, _)| f) {
            Ok(k) => origin[k].1,
            Err(_) => text.len(),
        }
    };
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for term in terms.iter().filter(|t| !t.is_empty()) {
        // memchr's finder everywhere: one substring search in the Wasm, not two.
        for at in memchr::memmem::find_iter(folded.as_bytes(), term.as_bytes()) {
            ranges.push((to_original(at), to_original(at + term.len())));
        }
    }
    sort_by(&mut ranges, Ord::cmp);
    let mut segments = Vec::new();
    let mut cursor = 0;
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    for (start, end) in merged {
        if start > cursor {
            segments.push(Segment {
                text: text[cursor..start].to_owned(),
                marked: false,
            });
        }
        segments.push(Segment {
            text: text[start..end].to_owned(),
            marked: true,
        });
        cursor = end;
    }
    if cursor < text.len() || segments.is_empty() {
        segments.push(Segment {
            text: text[cursor..].to_owned(),
            marked: false,
        });
    }
    segments
}

/// A short excerpt of the body cut around the first hit of any term, about `radius` characters
/// each side, with ellipses where it was cut; `None` when the body has no hit.
pub fn snippet(article: &Article, terms: &[String], radius: usize) -> Option<String> {
    let body = body_text(article);
    let folded = normalize(&body);
    let first = terms
        .iter()
        .filter(|t| !t.is_empty())
        .filter_map(|t| memchr::memmem::find(folded.as_bytes(), t.as_bytes()))
        .min()?;
    // Character positions equal between folded and original, so count characters.
    let hit_char = folded[..first].chars().count();
    let total = body.chars().count();
    let start = hit_char.saturating_sub(radius);
    let end = (hit_char + radius * 2).min(total);
    let cut: String = body.chars().skip(start).take(end - start).collect();
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(cut.trim());
    if end < total {
        out.push('…');
    }
    Some(out)
}

// Native only: the property tests' dependencies are not built for wasm32.

/// The text shown in a snippet: the body (and summary when the body has no hit).
fn body_text(article: &Article) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for block in &article.body {
        match block {
            Block::Paragraph { text } | Block::Heading { text } | Block::Quote { text, .. } => {
                parts.push(text)
            }
            Block::Image { caption, .. } => parts.extend(caption.as_deref()),
        }
    }
    parts.join(" ")
}
