//! Search and facets over the catalogue: CJK-aware substring matching, ranking, facet counts,
//! highlighting and snippets. Pure and built once per catalogue.
//!
//! Chinese has no spaces, so word indexes miss substrings like 质量强; Folio matches substrings.
//! To stay fast at 10,000+ articles it indexes every character and every pair of adjacent
//! characters (after folding) to the articles containing it. A query term's candidates are the
//! intersection of its pairs' article sets, then confirmed by a real substring search, so the
//! index only ever narrows and never decides a match on its own.

use rustc_hash::FxHashMap;

use crate::model::days_in_month;

mod fold;
mod highlight;
mod index;
mod postings;
mod rank;

pub use fold::{fold, normalize, Query};
pub use highlight::{highlight, snippet, Segment};
#[cfg(not(target_arch = "wasm32"))]
use index::Memo;
pub use index::{searchable_text, Facts};
use postings::{Postings, Table};

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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
