//! Search and facets over the catalogue: CJK-aware substring matching, ranking, facet counts,
//! highlighting and snippets. Pure and built once per catalogue.
//!
//! Chinese has no spaces, so word indexes miss substrings like 质量强; Folio matches substrings.
//! To stay fast at 10,000+ articles it indexes every character and every pair of adjacent
//! characters (after folding) to the articles containing it. A query term's candidates are the
//! intersection of its pairs' article sets, then confirmed by a real substring search, so the
//! index only ever narrows and never decides a match on its own.

use std::cell::Cell;

use rustc_hash::FxHashMap;

use crate::model::{channel_path, days_in_month, Article, Block, Channel};
use crate::sorting::sort_by;

/// Most terms a query keeps; more are ignored (a pasted paragraph stays fast).
pub const MAX_TERMS: usize = 16;
/// Hits of one term counted per field for ranking; counting stops there, so a common character
/// costs as little as a rare word.
const HIT_CAP: usize = 8;
/// Above this many matches, ranking counts hits in titles only (then newest first): a query
/// that broad (a single common character) gains nothing from counting body hits, and counting
/// them would cost most of the per-keystroke budget at 10,000 articles.
pub const BODY_SCORE_LIMIT: usize = 2_000;

/// How results are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    /// Relevance when there is a query, newest first otherwise.
    #[default]
    Auto,
    /// Newest first.
    Newest,
    /// Oldest first.
    Oldest,
    /// Most viewed first (by the data's view counts).
    MostViewed,
}

/// What to search for: the engine's own request, independent of URLs and views (the URL layer
/// converts its list state into one with `ListState::request`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SearchRequest {
    /// The search text as typed; empty for no query.
    pub q: String,
    /// Only articles filed in this channel or below it.
    pub channel: Option<String>,
    /// Only this source.
    pub source: Option<String>,
    /// Only this tag.
    pub tag: Option<String>,
    /// Published on or after this day (`YYYY-MM-DD`, in the article's own time zone).
    pub from: Option<String>,
    /// Published on or before this day.
    pub to: Option<String>,
    /// Order of the results.
    pub sort: Sort,
}

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

/// A set of article positions, as a list or, when dense, as a bitmap.
#[derive(Clone, Debug, PartialEq)]
enum Postings {
    List(Vec<u32>),
    Bits(Vec<u64>),
}

/// A set of articles during evaluation: one bit per article.
#[derive(Clone, Debug, PartialEq)]
struct Bitset(Vec<u64>);

impl Bitset {
    fn full(n: usize) -> Bitset {
        let mut words = vec![u64::MAX; n.div_ceil(64)];
        if n % 64 != 0 {
            if let Some(last) = words.last_mut() {
                *last = (1u64 << (n % 64)) - 1;
            }
        }
        Bitset(words)
    }

    fn and(&mut self, postings: &Postings) {
        match postings {
            Postings::Bits(bits) => self.0.iter_mut().zip(bits).for_each(|(a, b)| *a &= b),
            Postings::List(list) => {
                let mut next = vec![0u64; self.0.len()];
                for &i in list {
                    let (w, b) = (i as usize / 64, i % 64);
                    next[w] |= self.0[w] & (1 << b);
                }
                self.0 = next;
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                if word == 0 {
                    return None;
                }
                let bit = word.trailing_zeros() as usize;
                word &= word - 1;
                Some(w * 64 + bit)
            })
        })
    }
}

/// The filterable facts of one article: small and inline, so filtering and counting walk memory
/// in order instead of chasing pointers.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Row {
    /// The article's own channel (interned); its ancestors come from `channel_paths`.
    channel: u16,
    source: u16,
    /// Local publication month, interned.
    month: u16,
    /// The article's tags are `tag_pool[tag_start..tag_start + tag_len]`.
    tag_len: u16,
    tag_start: u32,
    /// Local publication day as YYYYMMDD.
    day: u32,
    views: u64,
}

/// Key of a pair of adjacent characters.
fn pair_key(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// Interned strings: each distinct value gets a small number.
#[derive(Clone, Debug, Default, PartialEq)]
struct Table {
    values: Vec<String>,
    /// Keyed like the catalogue's id maps (one hash map type less in the Wasm).
    lookup: FxHashMap<String, usize>,
}

/// More than 65,535 distinct sources or tags share the last number: facets stay usable.
fn small(id: usize) -> u16 {
    u16::try_from(id).unwrap_or(u16::MAX)
}

impl Table {
    fn intern(&mut self, value: &str) -> u16 {
        if let Some(&id) = self.lookup.get(value) {
            return small(id);
        }
        let id = self.values.len();
        self.values.push(value.to_owned());
        self.lookup.insert(value.to_owned(), id);
        small(id)
    }

    fn find(&self, value: &str) -> Option<u16> {
        self.lookup.get(value).copied().map(small)
    }

    /// Counts per value, named, most first (ties by name).
    fn named(&self, counts: &[usize]) -> Vec<(String, usize)> {
        let mut list: Vec<(String, usize)> = counts
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(k, &n)| (self.values[k].clone(), n))
            .collect();
        sort_by(&mut list, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        list
    }
}

/// The search index of a catalogue. Built once when the data loads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Index {
    rows: Vec<Row>,
    tag_pool: Vec<u16>,
    /// Folded titles, back to back; `title_ends[i]` is where article i's ends.
    titles: String,
    title_ends: Vec<u32>,
    /// Folded subtitle, summary, body, source, editor, authors and tags, one per line, back
    /// to back like the titles. Contiguous text keeps a scan over many articles fast.
    texts: String,
    text_ends: Vec<u32>,
    grams: FxHashMap<u64, Postings>,
    /// Keyed by the character's code point (the same map type as `grams`, so one copy of the
    /// hash map code serves both).
    chars: FxHashMap<u64, Postings>,
    channels: Table,
    /// For each interned channel, its path from the top (itself included).
    channel_paths: Vec<Vec<u16>>,
    sources: Table,
    tags: Table,
    months: Table,
    /// The last request's results, natively: a server rendering every page of a list (`folio
    /// build`) searches once per list, not once per page. (Not in the Wasm, where the viewer
    /// keeps its own.)
    #[cfg(not(target_arch = "wasm32"))]
    last: Memo,
}

/// One remembered request and its results; never part of an index's identity.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Default)]
struct Memo(std::sync::Mutex<Option<(SearchRequest, Results)>>);

#[cfg(not(target_arch = "wasm32"))]
impl Memo {
    /// The results of `request` if they are the ones remembered.
    fn get(&self, request: &SearchRequest) -> Option<Results> {
        let last = self.0.lock().ok()?;
        last.as_ref()
            .filter(|(r, _)| r == request)
            .map(|(_, results)| results.clone())
    }

    /// Remembers `results` of `request`.
    fn set(&self, request: &SearchRequest, results: &Results) {
        if let Ok(mut last) = self.0.lock() {
            *last = Some((request.clone(), results.clone()));
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl PartialEq for Memo {
    fn eq(&self, _: &Memo) -> bool {
        true
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

/// The searchable text of an article besides its title, folded, one field per line so no
/// match spans two fields.
pub fn searchable_text(article: &Article) -> String {
    // Folded one by one, so the separator stays a newline (folding turns it into a space).
    searchable_parts(article)
        .iter()
        .map(|part| normalize(part))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The fields of [`searchable_text`], as they are.
fn searchable_parts(article: &Article) -> Vec<&str> {
    let mut parts: Vec<&str> = Vec::new();
    parts.extend(article.subtitle.as_deref());
    parts.push(&article.summary);
    for block in &article.body {
        match block {
            Block::Paragraph { text } | Block::Heading { text } => parts.push(text),
            Block::Quote { text, cite } => {
                parts.push(text);
                parts.extend(cite.as_deref());
            }
            Block::Image { alt, caption, .. } => {
                parts.push(alt);
                parts.extend(caption.as_deref());
            }
        }
    }
    parts.push(&article.source);
    parts.extend(article.editor.as_deref());
    parts.extend(article.authors.iter().map(|a| a.name.as_str()));
    parts.extend(article.tags.iter().map(String::as_str));
    parts
}

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

/// A query term ready to search many texts: the substring finder is built once per query.
struct Term<'q> {
    finder: memchr::memmem::Finder<'q>,
}

impl<'q> Term<'q> {
    fn new(term: &'q str) -> Self {
        Term {
            finder: memchr::memmem::Finder::new(term.as_bytes()),
        }
    }

    fn occurs(&self, text: &str) -> bool {
        self.finder.find(text.as_bytes()).is_some()
    }

    /// Occurrences in `text`, counting no further than [`HIT_CAP`].
    fn hits(&self, text: &str) -> u32 {
        self.finder.find_iter(text.as_bytes()).take(HIT_CAP).count() as u32
    }
}

impl Index {
    /// Indexes the articles (in the order given: positions in results are positions here)
    /// with their channel tree.
    pub fn build(articles: &[Article], channels: &[Channel]) -> Index {
        let n = articles.len();
        // Built as lists (in article order), each made a bitmap as soon as it is dense: a list
        // costs 32 bits an entry, a bitmap one bit an article, so no set ever takes more than
        // n/8 bytes, even while the index is being built.
        let mut grams: FxHashMap<u64, Postings> = FxHashMap::default();
        let mut chars: FxHashMap<u64, Postings> = FxHashMap::default();
        let add = |map: &mut FxHashMap<u64, Postings>, key: u64, i: u32| {
            let postings = map.entry(key).or_insert(Postings::List(Vec::new()));
            match postings {
                // Lists are built in article order, so a repeat can only be at the end.
                Postings::List(list) if list.last() == Some(&i) => {}
                Postings::List(list) if (list.len() + 1) * 32 > n => {
                    let mut bits = vec![0u64; n.div_ceil(64)];
                    for &k in list.iter().chain([&i]) {
                        bits[k as usize / 64] |= 1 << (k % 64);
                    }
                    *postings = Postings::Bits(bits);
                }
                Postings::List(list) => list.push(i),
                Postings::Bits(bits) => bits[i as usize / 64] |= 1 << (i % 64),
            }
        };
        let mut index = Index::with_channels(channels);
        index.rows.reserve(n);
        index.title_ends.reserve(n);
        index.text_ends.reserve(n);
        // Folding shortens full-width forms and keeps almost every other character's length,
        // so the texts' own lengths are a close bound: reserved once, the folded texts do not
        // double while they grow (a peak of twice their size at load).
        let bound = |lengths: &mut dyn Iterator<Item = usize>| lengths.map(|len| len + 1).sum();
        index
            .titles
            .reserve(bound(&mut articles.iter().map(|a| a.title.len())));
        index.texts.reserve(bound(
            &mut articles.iter().flat_map(searchable_parts).map(str::len),
        ));
        for (i, article) in articles.iter().enumerate() {
            let i = i as u32;
            let title = normalize(&article.title);
            let text = searchable_text(article);
            for field in [&title, &text] {
                let mut previous: Option<char> = None;
                for c in field.chars() {
                    add(&mut chars, u64::from(c), i);
                    if let Some(p) = previous {
                        add(&mut grams, pair_key(p, c), i);
                    }
                    previous = Some(c);
                }
            }
            // A newline after each: folded text has none, so no match spans two articles.
            index.titles.push_str(&title);
            index.title_ends.push(index.titles.len() as u32);
            index.titles.push('\n');
            index.texts.push_str(&text);
            index.text_ends.push(index.texts.len() as u32);
            index.texts.push('\n');
            let tag_start = index.tag_pool.len() as u32;
            for tag in &article.tags {
                let id = index.tags.intern(tag);
                index.tag_pool.push(id);
            }
            // The loader guarantees the channel exists.
            let channel = index.channels.find(&article.channel).unwrap_or(u16::MAX);
            let source = index.sources.intern(&article.source);
            let (day, views) = (article.published.day_number(), article.views.unwrap_or(0));
            index.push_row(channel, source, day, views, tag_start);
        }
        for postings in grams.values_mut().chain(chars.values_mut()) {
            if let Postings::List(list) = postings {
                list.shrink_to_fit();
            }
        }
        index.texts.shrink_to_fit();
        index.titles.shrink_to_fit();
        index.grams = grams;
        index.chars = chars;
        index
    }

    /// An empty index that knows the channel tree (interned in file order, each with its path
    /// from the top).
    fn with_channels(channels: &[Channel]) -> Index {
        let mut index = Index::default();
        for channel in channels {
            index.channels.intern(&channel.id);
        }
        index.channel_paths = channels
            .iter()
            .map(|channel| {
                channel_path(channels, &channel.id)
                    .iter()
                    .filter_map(|c| index.channels.find(&c.id))
                    .collect()
            })
            .collect();
        index
    }

    /// Adds the next article's row; its tags are `tag_pool[tag_start..]`, pushed just before.
    fn push_row(&mut self, channel: u16, source: u16, day: u32, views: u64, tag_start: u32) {
        let month = format!("{:04}-{:02}", day / 10_000, day / 100 % 100);
        let month = self.months.intern(&month);
        let tag_len = (self.tag_pool.len() - tag_start as usize).min(usize::from(u16::MAX)) as u16;
        self.rows.push(Row {
            channel,
            source,
            month,
            tag_len,
            tag_start,
            day,
            views,
        });
    }

    /// Number of indexed articles.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when no article is indexed.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn slice<'a>(text: &'a str, ends: &[u32], i: usize) -> &'a str {
        // Each article's text is followed by one newline.
        let start = if i == 0 { 0 } else { ends[i - 1] as usize + 1 };
        &text[start..ends[i] as usize]
    }

    fn title(&self, i: usize) -> &str {
        Self::slice(&self.titles, &self.title_ends, i)
    }

    fn text(&self, i: usize) -> &str {
        Self::slice(&self.texts, &self.text_ends, i)
    }

    fn tags_of(&self, row: &Row) -> &[u16] {
        let start = row.tag_start as usize;
        &self.tag_pool[start..start + usize::from(row.tag_len)]
    }

    /// The articles whose character pairs allow every term; those still to be confirmed by a
    /// substring search (terms of three or more characters) are confirmed lazily, so articles
    /// that the filters rule out are never searched.
    fn candidates<'q>(&self, query: &'q Query) -> Candidates<'q> {
        let n = self.rows.len();
        let none = || Candidates {
            articles: Vec::new(),
            check: Vec::new(),
            known: Vec::new(),
        };
        if query.is_empty() {
            return Candidates {
                articles: (0..n).collect(),
                check: Vec::new(),
                known: Vec::new(),
            };
        }
        let mut set = Bitset::full(n);
        let mut check: Vec<Term> = Vec::new();
        for term in &query.terms {
            let chars: Vec<char> = term.chars().collect();
            if chars.len() == 1 {
                // A single character's set is exact.
                match self.chars.get(&u64::from(chars[0])) {
                    Some(postings) => set.and(postings),
                    None => return none(),
                }
            } else {
                // So is a pair's: fields are indexed apart, so a pair never spans two fields.
                if chars.len() > 2 {
                    check.push(Term::new(term));
                }
                for pair in chars.windows(2) {
                    match self.grams.get(&pair_key(pair[0], pair[1])) {
                        Some(postings) => set.and(postings),
                        None => return none(),
                    }
                }
            }
            if set.is_empty() {
                return none();
            }
        }
        let known = if check.is_empty() {
            Vec::new()
        } else {
            vec![Cell::new(Known::Unknown); n]
        };
        Candidates {
            articles: set.iter().collect(),
            check,
            known,
        }
    }

    fn passes(&self, i: usize, filters: &Filters, skip: Facet) -> bool {
        let row = &self.rows[i];
        (skip == Facet::Channel
            || filters
                .within
                .as_ref()
                .is_none_or(|within| within.get(usize::from(row.channel)) == Some(&true)))
            && (skip == Facet::Source || filters.source.is_none_or(|s| row.source == s))
            && (skip == Facet::Tag || filters.tag.is_none_or(|t| self.tags_of(row).contains(&t)))
            && (skip == Facet::Date
                || (filters.from.is_none_or(|d| row.day >= d)
                    && filters.to.is_none_or(|d| row.day <= d)))
    }

    /// Resolves a request's filters to interned ids. A value the data does not have matches
    /// nothing (it is not silently dropped).
    fn filters(&self, state: &SearchRequest) -> Option<Filters> {
        let find = |table: &Table, value: &Option<String>| -> Option<Option<u16>> {
            match value {
                None => Some(None),
                Some(v) => table.find(v).map(Some),
            }
        };
        let day = |d: &Option<String>| {
            d.as_ref()
                .and_then(|d| d.replace('-', "").parse::<u32>().ok())
        };
        let within = find(&self.channels, &state.channel)?.map(|channel| {
            self.channel_paths
                .iter()
                .map(|path| path.contains(&channel))
                .collect()
        });
        Some(Filters {
            within,
            source: find(&self.sources, &state.source)?,
            tag: find(&self.tags, &state.tag)?,
            from: day(&state.from),
            to: day(&state.to),
        })
    }

    /// Runs a request: the query, every filter, the order, and the facet counts.
    pub fn run(&self, state: &SearchRequest) -> Results {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(results) = self.last.get(state) {
            return results;
        }
        let query = Query::parse(&state.q);
        let candidates = self.candidates(&query);
        let results = self.run_candidates(state, &query, candidates);
        #[cfg(not(target_arch = "wasm32"))]
        self.last.set(state, &results);
        results
    }

    /// Runs a request on facts alone ([`Facts`]): `matched` are the articles the query allows,
    /// found elsewhere (a packed archive's posting sets), in newest-first order. Relevance
    /// falls back to newest first, since there is no text here to count hits in.
    pub fn run_on(&self, state: &SearchRequest, matched: Vec<usize>) -> Results {
        self.run_matched(state, &Query::parse(&state.q), matched)
    }

    /// Runs a request on articles matched elsewhere (newest first), ranked by `query`'s terms.
    pub(crate) fn run_matched(
        &self,
        state: &SearchRequest,
        query: &Query,
        matched: Vec<usize>,
    ) -> Results {
        let candidates = Candidates {
            articles: matched,
            check: Vec::new(),
            known: Vec::new(),
        };
        self.run_candidates(state, query, candidates)
    }

    fn run_candidates(
        &self,
        state: &SearchRequest,
        query: &Query,
        candidates: Candidates,
    ) -> Results {
        let matched = &candidates.articles;
        let Some(filters) = self.filters(state) else {
            return Results {
                query: query.clone(),
                ..Results::default()
            };
        };
        let mut hits: Vec<usize> = matched
            .iter()
            .copied()
            .filter(|&i| self.passes(i, &filters, Facet::None) && candidates.confirm(self, i))
            .collect();
        // Facts alone (a packed archive) carry no text to rank by.
        let relevance = state.sort == Sort::Auto
            && !query.is_empty()
            && self.title_ends.len() == self.rows.len();
        match state.sort {
            _ if relevance => {
                let terms: Vec<Term> = query.terms.iter().map(|t| Term::new(t)).collect();
                let title_hits = self.title_hits(&terms);
                let with_body = hits.len() <= BODY_SCORE_LIMIT;
                // One sortable key: more title hits, then more hits, then newer (lower position).
                let mut keyed: Vec<u64> = hits
                    .iter()
                    .map(|&i| {
                        let title = title_hits[i];
                        let body = if with_body {
                            terms.iter().map(|t| t.hits(self.text(i))).sum()
                        } else {
                            0
                        };
                        let (title, all) = (u64::from(title), u64::from(title + body));
                        ((0xFFFF - title.min(0xFFFF)) << 48)
                            | ((0xFFFF - all.min(0xFFFF)) << 32)
                            | i as u64
                    })
                    .collect();
                sort_by(&mut keyed, u64::cmp);
                hits = keyed
                    .into_iter()
                    .map(|key| (key & 0xFFFF_FFFF) as usize)
                    .collect();
            }
            Sort::Oldest => hits.reverse(),
            Sort::MostViewed => sort_by(&mut hits, |&a, &b| {
                self.rows[b].views.cmp(&self.rows[a].views).then(a.cmp(&b))
            }),
            Sort::Auto | Sort::Newest => {}
        }
        let count = |facet: Facet, size: usize, keys: &dyn Fn(&Row, &mut Vec<usize>)| {
            let mut counts = vec![0usize; size];
            for &i in matched {
                if self.passes(i, &filters, facet) && candidates.confirm(self, i) {
                    keys(&self.rows[i], &mut counts);
                }
            }
            counts
        };
        // Channels are counted at the article's own channel, then added up its path.
        let own = count(Facet::Channel, self.channels.values.len(), &|row, c| {
            if let Some(n) = c.get_mut(usize::from(row.channel)) {
                *n += 1;
            }
        });
        let mut channel_counts = vec![0usize; own.len()];
        for (channel, &n) in own.iter().enumerate().filter(|(_, &n)| n > 0) {
            for &ancestor in &self.channel_paths[channel] {
                channel_counts[usize::from(ancestor)] += n;
            }
        }
        let sources = count(Facet::Source, self.sources.values.len(), &|row, c| {
            c[usize::from(row.source)] += 1
        });
        let tags = count(Facet::Tag, self.tags.values.len(), &|row, c| {
            for &t in self.tags_of(row) {
                c[usize::from(t)] += 1;
            }
        });
        let months = count(Facet::Date, self.months.values.len(), &|row, c| {
            c[usize::from(row.month)] += 1
        });
        let mut months = self.months.named(&months);
        sort_by(&mut months, |a, b| b.0.cmp(&a.0));
        Results {
            query: query.clone(),
            hits,
            facets: FacetCounts {
                channels: self.channels.named(&channel_counts),
                sources: self.sources.named(&sources),
                tags: self.tags.named(&tags),
                months,
            },
        }
    }

    /// Title hits of every article for the terms (each term counted up to a cap), in one pass
    /// over all titles per term instead of one search per article.
    fn title_hits(&self, terms: &[Term]) -> Vec<u32> {
        let mut counts = vec![0u32; self.rows.len()];
        for term in terms {
            let mut per_term = vec![0u8; self.rows.len()];
            let mut article = 0;
            for at in term.finder.find_iter(self.titles.as_bytes()) {
                while self
                    .title_ends
                    .get(article)
                    .is_some_and(|&end| end as usize <= at)
                {
                    article += 1;
                }
                if let Some(n) = per_term.get_mut(article) {
                    *n = n.saturating_add(1);
                }
            }
            for (count, n) in counts.iter_mut().zip(per_term) {
                *count += u32::from(n).min(HIT_CAP as u32);
            }
        }
        counts
    }

    /// (title hits, all hits) of an article for a query (see [`Index::run`]).
    #[cfg(all(test, not(target_arch = "wasm32")))]
    fn score(&self, i: usize, query: &Query, with_body: bool) -> (u32, u32) {
        let terms: Vec<Term> = query.terms.iter().map(|t| Term::new(t)).collect();
        let title: u32 = terms.iter().map(|t| t.hits(self.title(i))).sum();
        let body: u32 = if with_body {
            terms.iter().map(|t| t.hits(self.text(i))).sum()
        } else {
            0
        };
        (title, title + body)
    }
}

/// Builds an [`Index`] of facts alone (channel, source, day, views, tags per article, no text):
/// what a packed archive's rows files give, enough to filter, sort and count facets exactly
/// with the same code as a whole catalogue.
pub struct Facts {
    index: Index,
}

impl Facts {
    /// Starts with the archive's channel tree and its tables of sources and tags.
    pub fn new(channels: &[Channel], sources: &[String], tags: &[String]) -> Facts {
        let mut index = Index::with_channels(channels);
        for source in sources {
            index.sources.intern(source);
        }
        for tag in tags {
            index.tags.intern(tag);
        }
        Facts { index }
    }

    /// Adds the next article (in newest-first order). Numbers past the tables are clamped to
    /// the last value, like interning does past 65,535.
    pub fn push(&mut self, channel: u32, source: u32, day: u32, views: u64, tags: &[u32]) {
        let index = &mut self.index;
        let tag_start = index.tag_pool.len() as u32;
        index
            .tag_pool
            .extend(tags.iter().map(|&t| small(t as usize)));
        let (channel, source) = (small(channel as usize), small(source as usize));
        index.push_row(channel, source, day, views, tag_start);
    }

    /// Articles added so far.
    pub fn len(&self) -> usize {
        self.index.rows.len()
    }

    /// True before the first article.
    pub fn is_empty(&self) -> bool {
        self.index.rows.is_empty()
    }

    /// The index of the facts, ready for [`Index::run_on`].
    pub fn finish(self) -> Index {
        self.index
    }
}

/// Whether a candidate article really contains the terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Known {
    Unknown,
    Yes,
    No,
}

/// Candidate articles of a query and what remains to confirm them.
struct Candidates<'q> {
    articles: Vec<usize>,
    /// Terms the pair index cannot decide alone.
    check: Vec<Term<'q>>,
    /// Per article, once confirmed (empty when nothing needs confirming).
    known: Vec<Cell<Known>>,
}

impl Candidates<'_> {
    fn confirm(&self, index: &Index, i: usize) -> bool {
        let Some(known) = self.known.get(i) else {
            return true;
        };
        match known.get() {
            Known::Yes => true,
            Known::No => false,
            Known::Unknown => {
                let (title, text) = (index.title(i), index.text(i));
                let found = self.check.iter().all(|t| t.occurs(title) || t.occurs(text));
                known.set(if found { Known::Yes } else { Known::No });
                found
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Facet {
    None,
    Channel,
    Source,
    Tag,
    Date,
}

#[derive(Clone, Debug)]
struct Filters {
    /// For each interned channel, whether it lies within the chosen one.
    within: Option<Vec<bool>>,
    source: Option<u16>,
    tag: Option<u16>,
    from: Option<u32>,
    to: Option<u32>,
}

/// Facet values with the number of matching articles for each, under the query and the other
/// facets' selections (so picking a source shows how many each other source would give).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// Channel ids (columns and their channels), most articles first.
    pub channels: Vec<(String, usize)>,
    /// Sources, most articles first.
    pub sources: Vec<(String, usize)>,
    /// Tags, most articles first.
    pub tags: Vec<(String, usize)>,
    /// Months as `YYYY-MM`, newest first.
    pub months: Vec<(String, usize)>,
}

/// What a list state gives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Results {
    /// The parsed query (for highlighting): for results found by pinyin, the words it matched.
    pub query: Query,
    /// Matching article positions, in display order.
    pub hits: Vec<usize>,
    /// Facet counts.
    pub facets: FacetCounts,
}

/// What a pinyin query spelled ([`crate::pinyin`]): the words and channels it may mean, and
/// whether the list is the articles they give because no character of the query matched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spelled {
    /// Channels, then words, most articles first.
    pub suggestions: Vec<Suggestion>,
    /// True when the list is what the query's pinyin matched.
    pub by_pinyin: bool,
}

/// A word or channel a pinyin query matched (`lc`: 聊城), offered under the search box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The words as written (in the first article that has them).
    pub text: String,
    /// Articles with the words in their title, source or tags; 0 for a channel.
    pub count: usize,
    /// The channel's id, for a channel whose name matched.
    pub channel: Option<String>,
}

/// The first and last day (`YYYY-MM-DD`) of a month facet value `YYYY-MM`.
pub fn month_range(key: &str) -> Option<(String, String)> {
    let (year, month) = key.split_once('-')?;
    let (y, m) = (year.parse::<i32>().ok()?, month.parse::<u8>().ok()?);
    if !(1..=12).contains(&m) || year.len() != 4 || month.len() != 2 {
        return None;
    }
    Some((
        format!("{key}-01"),
        format!("{key}-{:02}", days_in_month(y, m)),
    ))
}

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
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
