//! Pinyin and initials: how readers search Chinese on a phone keyboard. `zhiliangqiangshi`,
//! `zhiliang qiangshi`, `zlqs` and `zl强市` all find 质量强市; `lc` suggests 聊城.
//!
//! A query of Latin letters (with spaces or apostrophes between syllables, and Chinese
//! characters or digits mixed in) is a [`Pattern`]. It matches a run of characters of a text
//! when each character takes, in order, a piece of the query: the start of one of its readings
//! (a whole syllable, its initial, any prefix of it), or itself. A heteronym takes any of its
//! readings, so 重庆 is `chongqing` and 银行 `yinhang`; a space or apostrophe in the query
//! ends a syllable (`xi'an` is 西安, never 先). Matching is a walk over the text keeping, for
//! each point of the query, the latest place a match could have started: linear in the text,
//! and it finds the shortest match that ends first.
//!
//! The readings are data, not code: `data/pinyin.txt` (from pypinyin, see
//! `scripts/pinyin-table.py`), compiled in natively, given to the Wasm with [`install`] when a
//! search first needs it. Characters are looked up after folding ([`crate::search::fold`]), so
//! traditional text reads as its simplified form does.

use std::cell::RefCell;
use std::rc::Rc;

#[cfg(not(target_arch = "wasm32"))]
use rustc_hash::FxHashMap;

use crate::model::{Article, Channel};
use crate::search::{fold, Suggestion};
pub use crate::variants::NotATable;

/// Most suggestions a pinyin query gives (channels take up to half).
pub const SUGGESTED: usize = 8;

/// Most query characters a pattern keeps: a pinyin query longer than this is a pasted
/// sentence, not typing, and is searched only as text.
pub const MAX_LEN: usize = 48;
const _: () = assert!(MAX_LEN < 64, "a query's points are bits of a u64");

/// The first and last character the table can hold (CJK Extension A to the end of the unified
/// ideographs of the Basic Multilingual Plane).
const FIRST: u32 = 0x3400;
const LAST: u32 = 0x9FFF;

/// The readings of characters: syllables, and for each character from [`FIRST`] the numbers of
/// its syllables, `heard[at[c - FIRST]..at[c - FIRST + 1]]`. (Offsets rather than a hash map:
/// one array lookup per character of every title a query walks, and a smaller Wasm.)
#[derive(Debug, Default)]
struct Readings {
    syllables: Vec<Box<[u8]>>,
    at: Vec<u32>,
    heard: Vec<u16>,
}

impl Readings {
    /// The syllables `c` reads as.
    fn of(&self, c: char) -> impl Iterator<Item = &[u8]> {
        let range = (c as u32)
            .checked_sub(FIRST)
            .and_then(|i| {
                Some(*self.at.get(i as usize)? as usize..*self.at.get(i as usize + 1)? as usize)
            })
            .unwrap_or(0..0);
        self.heard[range]
            .iter()
            .map(|&s| &*self.syllables[usize::from(s)])
    }
}

thread_local! {
    static TABLE: RefCell<Rc<Readings>> = RefCell::new(Rc::new(native()));
}

/// Natively the table is always there.
#[cfg(not(target_arch = "wasm32"))]
fn native() -> Readings {
    // The committed table is checked by `make test` against pypinyin's data; it always reads.
    read(include_str!("../data/pinyin.txt")).unwrap_or_default()
}

#[cfg(target_arch = "wasm32")]
fn native() -> Readings {
    Readings::default()
}

/// Reads a table: a `#` header, then lines of a syllable (Latin letters, at most six), a space
/// and the characters that read so.
fn read(text: &str) -> Result<Readings, NotATable> {
    let mut readings = Readings::default();
    let mut pairs: Vec<(u32, u16)> = Vec::new();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (syllable, chars) = line.split_once(' ').ok_or(NotATable)?;
        let fits = (1..=6).contains(&syllable.len())
            && syllable.bytes().all(|b| b.is_ascii_lowercase())
            && !chars.is_empty()
            && chars.chars().all(is_han);
        let id = u16::try_from(readings.syllables.len()).map_err(|_| NotATable)?;
        if !fits {
            return Err(NotATable);
        }
        readings.syllables.push(syllable.as_bytes().into());
        pairs.extend(chars.chars().map(|c| (c as u32 - FIRST, id)));
    }
    if readings.syllables.is_empty() {
        return Err(NotATable);
    }
    // A counting sort by character: counts, their running sums, then each syllable in place.
    let mut at = vec![0u32; (LAST - FIRST + 2) as usize];
    for &(c, _) in &pairs {
        at[c as usize + 1] += 1;
    }
    for i in 1..at.len() {
        at[i] += at[i - 1];
    }
    let mut next = at.clone();
    readings.heard = vec![0; pairs.len()];
    for (c, id) in pairs {
        let slot = &mut next[c as usize];
        readings.heard[*slot as usize] = id;
        *slot += 1;
    }
    readings.at = at;
    Ok(readings)
}

/// Whether `c` is a Chinese character the table can hold.
pub(crate) fn is_han(c: char) -> bool {
    (FIRST..=LAST).contains(&(c as u32))
}

/// Loads the table (`pinyin.txt`): pinyin queries match from now on.
pub fn install(text: &str) -> Result<(), NotATable> {
    let readings = read(text)?;
    TABLE.with(|table| *table.borrow_mut() = Rc::new(readings));
    Ok(())
}

/// Whether the table is loaded (always natively).
pub fn loaded() -> bool {
    TABLE.with(|table| !table.borrow().syllables.is_empty())
}

/// A pinyin query (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The query's characters, folded, without the spaces and apostrophes.
    items: Vec<char>,
    /// Bit `i` set: a syllable ended before item `i` (a space or an apostrophe stood there).
    breaks: u64,
}

impl Pattern {
    /// The pattern of a query, or `None` when it is not one: fewer than two Latin letters, more
    /// than [`MAX_LEN`] characters, or characters besides letters, digits, Chinese characters,
    /// spaces and apostrophes.
    pub fn parse(query: &str) -> Option<Pattern> {
        let mut pattern = Pattern {
            items: Vec::new(),
            breaks: 0,
        };
        let mut letters = 0;
        for c in query.chars().map(fold) {
            match c {
                ' ' | '\'' | '’' => {
                    if !pattern.items.is_empty() {
                        pattern.breaks |= 1 << pattern.items.len();
                    }
                    continue;
                }
                'a'..='z' => letters += 1,
                '0'..='9' => {}
                c if is_han(c) => {}
                _ => return None,
            }
            if pattern.items.len() == MAX_LEN {
                return None;
            }
            pattern.items.push(c);
        }
        (letters >= 2).then_some(pattern)
    }

    /// The first match in `text`: the byte range of the shortest run of characters that
    /// matches and ends first, or `None`.
    pub fn find(&self, text: &str) -> Option<(usize, usize)> {
        let table = TABLE.with(|table| table.borrow().clone());
        self.find_with(&table, text, Run::Anywhere)
    }

    /// A finder that holds the table, for searching many texts.
    pub fn finder(&self) -> Finder<'_> {
        Finder {
            pattern: self,
            table: TABLE.with(|table| table.borrow().clone()),
        }
    }

    /// Whether the query may end a syllable-piece at item `at` and start another.
    fn breaks_at(&self, at: usize) -> bool {
        self.breaks & (1 << at) != 0
    }

    /// The walk: the first match `anywhere`, or the first from the text's first character, or
    /// one from the first character to the last (`Whole`), as (start, end) bytes.
    fn find_with(&self, table: &Readings, text: &str, run: Run) -> Option<(usize, usize)> {
        let anchored = run != Run::Anywhere;
        let n = self.items.len();
        // start[q]: the latest byte where a match could have begun, with q items taken by the
        // characters so far; `live` has bit q set where there is one (bit 0: always, a match
        // may begin at any character).
        let mut starts = [[0usize; MAX_LEN + 1]; 2];
        let mut live: u64 = 0;
        for (step, (at, original)) in text.char_indices().enumerate() {
            let c = fold(original);
            let [ref mut start, ref mut next] = starts;
            let (start, next) = if step % 2 == 0 {
                (start, next)
            } else {
                (next, start)
            };
            if !anchored || at == 0 {
                start[0] = at;
                live |= 1;
            }
            let mut reached: u64 = 0;
            let mut reach = |to: usize, from: usize| {
                if reached & (1 << to) == 0 || next[to] < from {
                    next[to] = from;
                    reached |= 1 << to;
                }
            };
            if c == ' ' {
                // A space inside a matched run is passed over.
                let mut inside = live & !1;
                while inside != 0 {
                    let q = inside.trailing_zeros() as usize;
                    inside &= inside - 1;
                    reach(q, start[q]);
                }
            } else {
                let mut each = live;
                while each != 0 {
                    let q = each.trailing_zeros() as usize;
                    each &= each - 1;
                    let from = start[q];
                    if self.items[q] == c {
                        reach(q + 1, from);
                    }
                    for syllable in table.of(c) {
                        let mut k = 0;
                        while k < syllable.len()
                            && q + k < n
                            && (k == 0 || !self.breaks_at(q + k))
                            && same_letter(self.items[q + k], syllable[k])
                        {
                            k += 1;
                            reach(q + k, from);
                        }
                    }
                }
            }
            let end = at + original.len_utf8();
            if reached & (1 << n) != 0 && (run != Run::Whole || end == text.len()) {
                return Some((next[n], end));
            }
            // A finished match goes no further (the query has nothing left for the next
            // character); an anchored walk with nothing alive is over.
            live = reached & !(1 << n);
            if anchored && live == 0 {
                return None;
            }
        }
        None
    }
}

/// Where a match may lie (see [`Pattern::find_with`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Run {
    Anywhere,
    Start,
    Whole,
}

/// A query letter against a letter of a reading: `u` also types ü (written `v`), as on
/// keyboards that have no `v` for it.
fn same_letter(typed: char, reading: u8) -> bool {
    typed == char::from(reading) || (typed == 'u' && reading == b'v')
}

/// A pattern with the table it searches with (see [`Pattern::finder`]).
pub struct Finder<'p> {
    pattern: &'p Pattern,
    table: Rc<Readings>,
}

impl Finder<'_> {
    /// As [`Pattern::find`].
    pub fn find(&self, text: &str) -> Option<(usize, usize)> {
        self.pattern.find_with(&self.table, text, Run::Anywhere)
    }

    /// The end of the shortest match that begins with the text's first character (the query
    /// spells the start of the text: `zhiliangq` in 质量强市), or `None`.
    pub fn starts(&self, text: &str) -> Option<usize> {
        self.pattern
            .find_with(&self.table, text, Run::Start)
            .map(|(_, end)| end)
    }

    /// Whether the pattern spells the whole text, from its first character to its last.
    pub fn spells(&self, text: &str) -> bool {
        self.pattern
            .find_with(&self.table, text, Run::Whole)
            .is_some()
    }

    /// The channels whose names the pattern matches, as suggestions, at most `limit`.
    pub fn channels(&self, channels: &[Channel], limit: usize) -> Vec<Suggestion> {
        channels
            .iter()
            .filter(|channel| self.find(&channel.name).is_some())
            .take(limit)
            .map(|channel| Suggestion {
                text: channel.name.clone(),
                count: 0,
                channel: Some(channel.id.clone()),
            })
            .collect()
    }
}

/// The fields of an article a pinyin query is matched against, its title first: the title,
/// the source and the tags (in a whole catalogue's walk and in an archive's vocabulary alike).
pub fn fields(article: &Article) -> impl Iterator<Item = &str> + Clone {
    [article.title.as_str(), article.source.as_str()]
        .into_iter()
        .chain(article.tags.iter().map(String::as_str))
}

/// The table as `folio pack` writes it into an archive (the one compiled in).
#[cfg(not(target_arch = "wasm32"))]
pub const TABLE_TEXT: &str = include_str!("../data/pinyin.txt");

/// The words of a vocabulary the pattern spells, as suggestions, at most `limit`: those it
/// spells whole first (`lc`: 聊城), then those whose start it spells, as the reader is still
/// typing (`zhiliangq`: 质量强市); each in the vocabulary's order, most articles first.
pub fn suggest(pattern: &Pattern, words: &[(String, u32)], limit: usize) -> Vec<Suggestion> {
    let finder = pattern.finder();
    let mut whole = Vec::new();
    let mut started = Vec::new();
    for (word, count) in words {
        if finder.starts(word).is_none() {
            continue;
        }
        let suggestion = Suggestion {
            text: word.clone(),
            count: *count as usize,
            channel: None,
        };
        if finder.spells(word) {
            whole.push(suggestion);
            if whole.len() == limit {
                break;
            }
        } else if started.len() < limit {
            started.push(suggestion);
        }
    }
    whole.extend(started);
    whole.truncate(limit);
    whole
}

/// Reads a vocabulary (`words.txt` of an archive): a `#` header, then lines of a word, a tab
/// and the number of articles that have it.
pub fn read_words(text: &str) -> Result<Vec<(String, u32)>, NotATable> {
    let mut lines = text.lines();
    if !lines.next().is_some_and(|header| header.starts_with('#')) {
        return Err(NotATable);
    }
    lines
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (word, count) = line.rsplit_once('\t').ok_or(NotATable)?;
            let count = count.parse().map_err(|_| NotATable)?;
            (!word.is_empty())
                .then(|| (word.to_owned(), count))
                .ok_or(NotATable)
        })
        .collect()
}

/// The vocabulary of an archive: the words a pinyin query is matched against in place of every
/// title (which a reader of a packed archive does not have). Chinese has no spaces, so its
/// words are the runs of two to four Chinese characters the most articles have in their title,
/// source or tags (as written in the first article that has them), and whole source and tag
/// names: `limit` runs and `limit / 10` names at most, most articles first. `articles` gives
/// each article's fields, its title first.
#[cfg(not(target_arch = "wasm32"))]
pub fn vocabulary<'a, F, I>(articles: impl Iterator<Item = F> + Clone, limit: usize) -> String
where
    F: IntoIterator<Item = &'a str, IntoIter = I>,
    I: Iterator<Item = &'a str>,
{
    use std::collections::hash_map::Entry;
    // A run of two to four characters of the plane as one number, 16 bits each (the first is
    // never 0, so the number says how many); names longer than that by their text.
    fn grams(field: &str, mut each: impl FnMut(u64, usize, usize)) {
        let chars: Vec<(usize, char)> = field.char_indices().collect();
        for start in 0..chars.len() {
            let mut key = 0u64;
            for (n, &(_, c)) in chars[start..].iter().take(4).enumerate() {
                let c = fold(c);
                if !is_han(c) {
                    break;
                }
                key = key << 16 | u64::from(c as u32 & 0xFFFF);
                if n > 0 {
                    let end = chars.get(start + n + 1).map_or(field.len(), |&(at, _)| at);
                    each(key, chars[start].0, end);
                }
            }
        }
    }
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    let mut names: FxHashMap<String, u32> = FxHashMap::default();
    let mut seen: Vec<u64> = Vec::new();
    let mut seen_names: Vec<String> = Vec::new();
    for fields in articles.clone() {
        seen.clear();
        seen_names.clear();
        for (k, field) in fields.into_iter().enumerate() {
            grams(field, |key, _, _| seen.push(key));
            let name = crate::search::normalize(field.trim());
            let whole = k > 0 && name.chars().count() > 4 && name.chars().count() <= 16;
            // A line of the file each: no tab or line break inside.
            if whole && name.chars().any(is_han) && !field.trim().chars().any(char::is_control) {
                seen_names.push(name);
            }
        }
        seen.sort_unstable();
        seen.dedup();
        for &key in &seen {
            *counts.entry(key).or_default() += 1;
        }
        seen_names.sort_unstable();
        seen_names.dedup();
        for name in seen_names.drain(..) {
            *names.entry(name).or_default() += 1;
        }
    }
    // A run never seen without a longer one around it (城新闻 only in 聊城新闻) is not a word.
    let length = |key: u64| (64 - key.leading_zeros()).div_ceil(16);
    let mut inside: Vec<u64> = Vec::new();
    for (&key, &n) in &counts {
        let len = length(key);
        if len > 2 {
            let suffix = key & ((1 << (16 * (len - 1))) - 1);
            for part in [key >> 16, suffix] {
                if counts.get(&part) == Some(&n) {
                    inside.push(part);
                }
            }
        }
    }
    for key in inside {
        counts.remove(&key);
    }
    // The most common first; ties by the longer, then by the text's code points.
    let mut ranked: Vec<(u32, u64)> = counts.into_iter().map(|(key, n)| (n, key)).collect();
    ranked.sort_unstable_by(|a, b| {
        b.0.cmp(&a.0)
            .then(length(b.1).cmp(&length(a.1)))
            .then(a.1.cmp(&b.1))
    });
    let mut names: Vec<(u32, String)> = names.into_iter().map(|(name, n)| (n, name)).collect();
    names.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let kept_grams: Vec<(u32, u64)> = ranked.into_iter().take(limit).collect();
    let kept_names: Vec<(u32, String)> = names.into_iter().take(limit / 10).collect();
    // Each word as written in the first article that has it.
    let mut written: FxHashMap<u64, Option<String>> =
        kept_grams.iter().map(|&(_, key)| (key, None)).collect();
    let mut named: FxHashMap<&str, Option<String>> = kept_names
        .iter()
        .map(|(_, name)| (name.as_str(), None))
        .collect();
    let mut missing = written.len() + named.len();
    for fields in articles {
        if missing == 0 {
            break;
        }
        for field in fields {
            grams(field, |key, from, to| {
                if let Entry::Occupied(mut slot) = written.entry(key) {
                    if slot.get().is_none() {
                        *slot.get_mut() = Some(field[from..to].to_owned());
                        missing -= 1;
                    }
                }
            });
            let name = crate::search::normalize(field.trim());
            if let Some(slot) = named.get_mut(name.as_str()) {
                // As counted: a spelling with a tab or line break (which fold like a space)
                // would break the file's line.
                if slot.is_none() && !field.trim().chars().any(char::is_control) {
                    *slot = Some(field.trim().to_owned());
                    missing -= 1;
                }
            }
        }
    }
    let mut words: Vec<(u32, String)> = kept_grams
        .iter()
        .filter_map(|(n, key)| Some((*n, written.get(key)?.clone()?)))
        .chain(
            kept_names
                .iter()
                .filter_map(|(n, name)| Some((*n, named.get(name.as_str())?.clone()?))),
        )
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.0));
    let mut out = String::from("# Folio words: the runs of Chinese characters and the names most articles have, with how many\n");
    for (n, word) in words {
        out.push_str(&format!("{word}\t{n}\n"));
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
