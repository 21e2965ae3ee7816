//! Search and facets over the catalogue: CJK-aware substring matching, ranking, facet counts,
//! highlighting and snippets. Pure and built once per catalogue.
//!
//! Chinese has no spaces, so word indexes miss substrings like 质量强; Folio matches substrings.
//! To stay fast at 10,000+ articles it indexes every character and every pair of adjacent
//! characters (after folding) to the articles containing it. A query term's candidates are the
//! intersection of its pairs' article sets, then confirmed by a real substring search, so the
//! index only ever narrows and never decides a match on its own.

use std::collections::HashMap;

use crate::catalogue::Catalogue;
use crate::model::{days_in_month, Article, Block};
use crate::route::{ListState, Sort};

/// Most terms a query keeps; more are ignored (a pasted paragraph stays fast).
pub const MAX_TERMS: usize = 16;
/// Hits of one term counted per field for ranking; counting stops there, so a common character
/// costs as little as a rare word.
const HIT_CAP: usize = 8;

/// Folds one character for matching: full-width ASCII to half-width (ＡＢＣ１２３ = abc123),
/// every space (including the full-width U+3000) to ' ', letters to lower case. One character
/// always gives one character, so positions in folded text are positions in the original.
pub fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).map_or(c, |h| h.to_ascii_lowercase())
        }
        c if c.is_ascii() => {
            if c.is_ascii_whitespace() {
                ' '
            } else {
                c.to_ascii_lowercase()
            }
        }
        c if c.is_whitespace() => ' ',
        c => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
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

/// One article as the search sees it.
#[derive(Clone, Debug, PartialEq)]
struct Doc {
    /// Folded title.
    title: String,
    /// Folded subtitle, summary, body, source, editor, authors and tags, one per line.
    text: String,
    /// Channel path ids, top first (an article counts for its column and its channel).
    channels: Vec<u16>,
    source: u16,
    tags: Vec<u16>,
    /// Local publication day as YYYYMMDD.
    day: u32,
    views: u64,
}

/// The search index of a catalogue. Built once when the data loads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Index {
    docs: Vec<Doc>,
    grams: HashMap<(char, char), Postings>,
    chars: HashMap<char, Postings>,
    channel_ids: Vec<String>,
    sources: Vec<String>,
    tags: Vec<String>,
}

/// Interns strings to small numbers.
fn intern(table: &mut Vec<String>, lookup: &mut HashMap<String, u16>, value: &str) -> u16 {
    if let Some(&id) = lookup.get(value) {
        return id;
    }
    let id = u16::try_from(table.len()).unwrap_or(u16::MAX);
    table.push(value.to_owned());
    lookup.insert(value.to_owned(), id);
    id
}

/// The searchable text of an article besides its title, one field per line so no match spans
/// two fields.
fn searchable_text(article: &Article) -> String {
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
    normalize(&parts.join("\n"))
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

impl Index {
    /// Indexes every article of a catalogue (in its newest-first order).
    pub fn build(catalogue: &Catalogue) -> Index {
        let articles = catalogue.articles();
        let n = articles.len();
        let mut channel_lookup = HashMap::new();
        let mut source_lookup = HashMap::new();
        let mut tag_lookup = HashMap::new();
        let mut channel_ids = Vec::new();
        let mut sources = Vec::new();
        let mut tags = Vec::new();
        let mut gram_lists: HashMap<(char, char), Vec<u32>> = HashMap::new();
        let mut char_lists: HashMap<char, Vec<u32>> = HashMap::new();
        let mut docs = Vec::with_capacity(n);
        for (i, article) in articles.iter().enumerate() {
            let i = i as u32;
            let title = normalize(&article.title);
            let text = searchable_text(article);
            for field in [&title, &text] {
                let mut previous: Option<char> = None;
                for c in field.chars() {
                    let list = char_lists.entry(c).or_default();
                    // Lists are built in article order, so a repeat can only be at the end.
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                    if let Some(p) = previous {
                        let list = gram_lists.entry((p, c)).or_default();
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                    previous = Some(c);
                }
            }
            let published = &article.published;
            docs.push(Doc {
                title,
                text,
                channels: catalogue
                    .channel_path(&article.channel)
                    .iter()
                    .map(|c| intern(&mut channel_ids, &mut channel_lookup, &c.id))
                    .collect(),
                source: intern(&mut sources, &mut source_lookup, &article.source),
                tags: article
                    .tags
                    .iter()
                    .map(|t| intern(&mut tags, &mut tag_lookup, t))
                    .collect(),
                day: published.year.max(0) as u32 * 10_000
                    + u32::from(published.month) * 100
                    + u32::from(published.day),
                views: article.views.unwrap_or(0),
            });
        }
        // Dense sets take less room and intersect faster as bitmaps: a list costs 32 bits an
        // entry, a bitmap one bit an article.
        let compact = |list: Vec<u32>| {
            if list.len() * 32 > n {
                let mut bits = vec![0u64; n.div_ceil(64)];
                for i in list {
                    bits[i as usize / 64] |= 1 << (i % 64);
                }
                Postings::Bits(bits)
            } else {
                Postings::List(list)
            }
        };
        Index {
            docs,
            grams: gram_lists
                .into_iter()
                .map(|(k, v)| (k, compact(v)))
                .collect(),
            chars: char_lists
                .into_iter()
                .map(|(k, v)| (k, compact(v)))
                .collect(),
            channel_ids,
            sources,
            tags,
        }
    }

    /// Number of indexed articles.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when no article is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Articles (positions) that contain every term, in position order.
    pub fn matching(&self, query: &Query) -> Vec<usize> {
        let n = self.docs.len();
        if query.is_empty() {
            return (0..n).collect();
        }
        let mut candidates = Bitset::full(n);
        let mut needs_check = false;
        for term in &query.terms {
            let chars: Vec<char> = term.chars().collect();
            if chars.len() == 1 {
                // A single character's set is exact.
                match self.chars.get(&chars[0]) {
                    Some(postings) => candidates.and(postings),
                    None => return Vec::new(),
                }
            } else {
                needs_check = true;
                for pair in chars.windows(2) {
                    match self.grams.get(&(pair[0], pair[1])) {
                        Some(postings) => candidates.and(postings),
                        None => return Vec::new(),
                    }
                }
            }
            if candidates.is_empty() {
                return Vec::new();
            }
        }
        let found = candidates.iter();
        if !needs_check {
            return found.collect();
        }
        found
            .filter(|&i| {
                let doc = &self.docs[i];
                query
                    .terms
                    .iter()
                    .all(|t| doc.title.contains(t.as_str()) || doc.text.contains(t.as_str()))
            })
            .collect()
    }

    fn passes(&self, i: usize, filters: &Filters, skip: Facet) -> bool {
        let doc = &self.docs[i];
        (skip == Facet::Channel || filters.channel.is_none_or(|c| doc.channels.contains(&c)))
            && (skip == Facet::Source || filters.source.is_none_or(|s| doc.source == s))
            && (skip == Facet::Tag || filters.tag.is_none_or(|t| doc.tags.contains(&t)))
            && (skip == Facet::Date
                || (filters.from.is_none_or(|d| doc.day >= d)
                    && filters.to.is_none_or(|d| doc.day <= d)))
    }

    /// Resolves a list state's filters to interned ids. A value the data does not have matches
    /// nothing (it is not silently dropped).
    fn filters(&self, state: &ListState) -> Option<Filters> {
        let find = |table: &[String], value: &Option<String>| -> Option<Option<u16>> {
            match value {
                None => Some(None),
                Some(v) => table.iter().position(|t| t == v).map(|p| Some(p as u16)),
            }
        };
        let day = |d: &Option<String>| {
            d.as_ref()
                .and_then(|d| d.replace('-', "").parse::<u32>().ok())
        };
        Some(Filters {
            channel: find(&self.channel_ids, &state.channel)?,
            source: find(&self.sources, &state.source)?,
            tag: find(&self.tags, &state.tag)?,
            from: day(&state.from),
            to: day(&state.to),
        })
    }

    /// Runs a list state: the query, every filter, the order, and the facet counts.
    pub fn run(&self, state: &ListState) -> Results {
        let query = Query::parse(&state.q);
        let matched = self.matching(&query);
        let Some(filters) = self.filters(state) else {
            return Results {
                query,
                ..Results::default()
            };
        };
        let mut hits: Vec<usize> = matched
            .iter()
            .copied()
            .filter(|&i| self.passes(i, &filters, Facet::None))
            .collect();
        let relevance = state.sort == Sort::Auto && !query.is_empty();
        match state.sort {
            _ if relevance => {
                let mut scored: Vec<(u32, u32, usize)> = hits
                    .iter()
                    .map(|&i| {
                        let (title, other) = self.score(i, &query);
                        (title, other, i)
                    })
                    .collect();
                // Title hits first, then all hits, then newer (lower position) first.
                scored
                    .sort_unstable_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
                hits = scored.into_iter().map(|(_, _, i)| i).collect();
            }
            Sort::Oldest => hits.reverse(),
            Sort::MostViewed => {
                hits.sort_by(|&a, &b| self.docs[b].views.cmp(&self.docs[a].views).then(a.cmp(&b)))
            }
            Sort::Auto | Sort::Newest => {}
        }
        let count = |facet: Facet, keys: fn(&Doc) -> &[u16]| {
            let mut counts: HashMap<u16, usize> = HashMap::new();
            for &i in &matched {
                if self.passes(i, &filters, facet) {
                    for &key in keys(&self.docs[i]) {
                        *counts.entry(key).or_default() += 1;
                    }
                }
            }
            counts
        };
        let named = |table: &[String], counts: HashMap<u16, usize>| {
            let mut list: Vec<(String, usize)> = counts
                .into_iter()
                .map(|(k, n)| (table[k as usize].clone(), n))
                .collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            list
        };
        let channels = named(&self.channel_ids, count(Facet::Channel, |d| &d.channels));
        let sources = named(
            &self.sources,
            count(Facet::Source, |d| std::slice::from_ref(&d.source)),
        );
        let tags = named(&self.tags, count(Facet::Tag, |d| &d.tags));
        let mut months: Vec<(String, usize)> = {
            let mut counts: HashMap<u32, usize> = HashMap::new();
            for &i in &matched {
                if self.passes(i, &filters, Facet::Date) {
                    *counts.entry(self.docs[i].day / 100).or_default() += 1;
                }
            }
            counts
                .into_iter()
                .map(|(m, n)| (format!("{:04}-{:02}", m / 100, m % 100), n))
                .collect()
        };
        months.sort_by(|a, b| b.0.cmp(&a.0));
        Results {
            query,
            hits,
            facets: FacetCounts {
                channels,
                sources,
                tags,
                months,
            },
        }
    }

    /// (title hits, all hits) of an article for a query, each term counted up to a cap.
    fn score(&self, i: usize, query: &Query) -> (u32, u32) {
        let doc = &self.docs[i];
        let mut title = 0;
        let mut other = 0;
        for term in &query.terms {
            let t = doc.title.matches(term.as_str()).take(HIT_CAP).count() as u32;
            title += t;
            other += t + doc.text.matches(term.as_str()).take(HIT_CAP).count() as u32;
        }
        (title, other)
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

#[derive(Clone, Copy, Debug)]
struct Filters {
    channel: Option<u16>,
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
    /// The parsed query (for highlighting).
    pub query: Query,
    /// Matching article positions, in display order.
    pub hits: Vec<usize>,
    /// Facet counts.
    pub facets: FacetCounts,
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
        for (at, found) in folded.match_indices(term.as_str()) {
            ranges.push((to_original(at), to_original(at + found.len())));
        }
    }
    ranges.sort_unstable();
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
        .filter_map(|t| folded.find(t.as_str()))
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
