//! Folding: one character for another so that typed and written text match (full-width to
//! half-width, capitals to small letters, traditional Chinese to simplified), and a query
//! parsed into folded terms. One character always folds to one, so positions carry over.

use super::MAX_TERMS;

/// Folds one character for matching: full-width ASCII to half-width (ＡＢＣ１２３ = abc123),
/// every space (including the full-width U+3000) to ' ', letters to lower case, traditional
/// and variant Chinese characters to simplified ones ([`crate::variants`]). One character
/// always gives one character, so positions in folded text are positions in the original.
pub fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).map_or(c, |h| h.to_ascii_lowercase())
        }
        '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => crate::variants::fold(c),
        c if c.is_ascii() => {
            if c.is_ascii_whitespace() {
                ' '
            } else {
                c.to_ascii_lowercase()
            }
        }
        c if c.is_whitespace() => ' ',
        c => char::from_u32(lower(c as u32)).unwrap_or(c),
    }
}

/// The lower case of a capital of the alphabets news is written in beyond ASCII: Latin-1,
/// Latin Extended-A, the regular runs of Latin Extended-B (Vietnamese Ơ and Ư, Romanian Ș and
/// Ț, pinyin's Ǎ…Ǜ), Vietnamese (Latin Extended Additional), Greek and Cyrillic; anything else
/// as it is. Unicode's whole case table (`char::to_lowercase`) cost every Wasm build 5.3 KB
/// gzip for scripts a Chinese portal does not publish in; over these blocks this gives exactly
/// what it gives (a test checks every character).
fn lower(c: u32) -> u32 {
    // Blocks where a capital and its small letter alternate, capital first, (from, to).
    const EVEN: [(u32, u32); 12] = [
        (0x0100, 0x0137),
        (0x014A, 0x0177),
        (0x01A0, 0x01A5),
        (0x01DE, 0x01EF),
        (0x01F8, 0x021F),
        (0x0222, 0x0233),
        (0x0246, 0x024F),
        (0x0370, 0x0373),
        (0x0376, 0x0377),
        (0x0460, 0x0481),
        (0x048A, 0x04BF),
        (0x04D0, 0x052F),
    ];
    // The same with the small letter first (capital on odd code points after `from`).
    const ODD: [(u32, u32); 4] = [
        (0x0139, 0x0148),
        (0x0179, 0x017E),
        (0x01CD, 0x01DC),
        (0x04C1, 0x04CE),
    ];
    match c {
        0xC0..=0xDE if c != 0xD7 => c + 0x20,
        // İ lowers to two characters: kept, as before.
        0x130 => c,
        0x178 => 0xFF,
        0x1AF | 0x1F4 => c + 1,
        0x386 => 0x3AC,
        0x388..=0x38A => c + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => c + 0x3F,
        0x391..=0x3AB if c != 0x3A2 => c + 0x20,
        0x400..=0x40F => c + 0x50,
        0x410..=0x42F => c + 0x20,
        0x4C0 => 0x4CF,
        0x1E9E => 0xDF,
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if c % 2 == 0 => c + 1,
        _ if EVEN
            .iter()
            .any(|&(a, b)| (a..=b).contains(&c) && c % 2 == 0) =>
        {
            c + 1
        }
        _ if ODD
            .iter()
            .any(|&(a, b)| (a..=b).contains(&c) && (c - a) % 2 == 0) =>
        {
            c + 1
        }
        _ => c,
    }
}

/// Folds a whole text (see [`fold`]).
pub fn normalize(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// A parsed query: folded terms that must all occur. A quoted phrase is one term.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The terms, folded, without duplicates, at most [`MAX_TERMS`].
    pub terms: Vec<String>,
}

impl Query {
    /// Parses typed text: spaces (half- or full-width) separate terms; "…" or “…” keep a phrase.
    pub fn parse(text: &str) -> Query {
        let mut terms: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut quoted = false;
        let mut push = |term: &mut String| {
            let trimmed = term.trim();
            if !trimmed.is_empty() && !terms.iter().any(|t| t == trimmed) && terms.len() < MAX_TERMS
            {
                terms.push(trimmed.to_owned());
            }
            term.clear();
        };
        for c in text.chars().map(fold) {
            match c {
                '"' | '“' | '”' => {
                    push(&mut current);
                    quoted = !quoted;
                }
                ' ' if !quoted => push(&mut current),
                c => current.push(c),
            }
        }
        push(&mut current);
        Query { terms }
    }

    /// True when there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}
