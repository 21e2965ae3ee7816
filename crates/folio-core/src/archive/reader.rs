//! Reading a packed archive lazily. The reader never fetches: asked for a view, it answers
//! with the view or with the files it still needs ([`Step::Fetch`]); the caller fetches them
//! (the browser's `fetch`, a test's folder), hands them over with [`Archive::add`], and asks
//! again. Files are kept in a cache of bounded size, least recently used first out.

use std::cell::RefCell;
use std::rc::Rc;

use super::codec::{self, Shard, EXTERNAL, POSTINGS_MAGIC};
use super::raw::{RawBucket, RawLink, RawLinks, RawNames, RawText};
use super::{
    bucket_path, contains_terms, facet_key, list_path, numbers, postings_path, rows_path,
    shard_path, term_keys, text_of, text_path, texts, Manifest, NAMES, READINGS, TITLE, WORDS,
};
use crate::catalogue::{paginate, ArticleView, Link, ListPage};
use crate::encoding::utf8_text;
use crate::error::{Error, Fault};
use crate::load;
use crate::load::raw::{self, Field};
use crate::model::{Article, DateTime};
use crate::pinyin::{self, Pattern, SUGGESTED};
use crate::problem::Problem;
use crate::route::Sort;
use crate::search::{Facts, Index, Query, SearchRequest, Spelled};
use crate::variants;

/// Bytes of decoded files the cache keeps before it drops the least recently used.
pub const CACHE_BYTES: usize = 24 << 20;

/// A view, or the files still needed to show it.
#[derive(Clone, Debug, PartialEq)]
pub enum Step<T> {
    /// Everything was at hand.
    Ready(T),
    /// Fetch these files (paths relative to the archive folder), add them, and ask again.
    Fetch(Vec<String>),
}

/// A file in the cache.
#[derive(Clone, Debug)]
enum Item {
    List(Rc<[Rc<Article>]>),
    Text(Rc<TextChunk>),
    /// Ids and their numbers (looked up once per article opened: a scan is enough).
    Bucket(Rc<[(String, u32)]>),
    Shard(Rc<Shard>),
    Set(Rc<[u32]>),
    Rows(Rc<[u8]>),
}

/// Whole articles of one `text/` file with their links.
#[derive(Debug)]
struct TextChunk {
    articles: Vec<Rc<Article>>,
    links: Vec<Links>,
}

#[derive(Debug, Default)]
struct Links {
    older: Option<Link>,
    newer: Option<Link>,
    related: Vec<Link>,
}

/// The tables of source and tag names the rows number.
struct Names {
    sources: Vec<String>,
    tags: Vec<String>,
}

/// A link as a `text/` file holds it; `None` when it is not one.
fn link(raw: &Field<RawLink>) -> Option<Link> {
    let raw = raw.value()?;
    Some(Link {
        id: text_of(&raw.id)?.to_owned(),
        title: text_of(&raw.title)?.to_owned(),
        published: DateTime::parse(text_of(&raw.published)?)?,
    })
}

/// An article's links; `None` when one of them is not a link.
fn links(raw: &Field<RawLinks>) -> Option<Links> {
    let raw = raw.value()?;
    let optional = |field: &Field<RawLink>| match field {
        Field::Absent | Field::Null => Some(None),
        field => link(field).map(Some),
    };
    Some(Links {
        older: optional(&raw.older)?,
        newer: optional(&raw.newer)?,
        related: raw
            .related
            .value()?
            .iter()
            .map(link)
            .collect::<Option<_>>()?,
    })
}

/// Files read, least recently used first out. A list, not a map: it holds a few hundred files
/// at most, and one hash map type less keeps the Wasm smaller.
#[derive(Default)]
struct Cache {
    items: Vec<Cached>,
    bytes: usize,
    tick: u64,
}

struct Cached {
    path: String,
    item: Item,
    size: usize,
    used: u64,
}

impl Cache {
    fn get(&mut self, path: &str) -> Option<Item> {
        self.tick += 1;
        let tick = self.tick;
        self.items.iter_mut().find(|c| c.path == path).map(|c| {
            c.used = tick;
            c.item.clone()
        })
    }

    fn remove(&mut self, path: &str) {
        if let Some(at) = self.items.iter().position(|c| c.path == path) {
            self.bytes -= self.items.swap_remove(at).size;
        }
    }

    fn put(&mut self, path: String, item: Item, size: usize) {
        self.remove(&path);
        self.tick += 1;
        self.items.push(Cached {
            path,
            item,
            size,
            used: self.tick,
        });
        self.bytes += size;
        while self.bytes > CACHE_BYTES && self.items.len() > 1 {
            let oldest = (0..self.items.len()).min_by_key(|&i| self.items[i].used);
            if let Some(at) = oldest {
                self.bytes -= self.items.swap_remove(at).size;
            }
        }
    }
}

#[derive(Default)]
struct State {
    cache: Cache,
    names: Option<Rc<Names>>,
    /// The vocabulary pinyin queries are matched against (format 2.2, [`WORDS`]).
    words: Option<Rc<Vec<(String, u32)>>>,
    facts: Option<Rc<Index>>,
    problems: Vec<(String, Problem)>,
    checked: Checked,
}

/// Candidates already confirmed against their text, for the terms their keys do not decide.
#[derive(Default)]
struct Checked {
    terms: Vec<String>,
    /// Article numbers, sorted, with whether each contains the terms.
    known: Vec<(u32, bool)>,
}

impl Checked {
    fn get(&self, i: usize) -> Option<bool> {
        let at = self.known.binary_search_by_key(&(i as u32), |k| k.0).ok()?;
        Some(self.known[at].1)
    }

    fn set(&mut self, i: usize, found: bool) {
        if let Err(at) = self.known.binary_search_by_key(&(i as u32), |k| k.0) {
            self.known.insert(at, (i as u32, found));
        }
    }

    /// Starts over when the terms to confirm change.
    fn for_terms(&mut self, terms: &[&str]) {
        if self
            .terms
            .iter()
            .map(String::as_str)
            .ne(terms.iter().copied())
        {
            self.terms = terms.iter().map(|t| (*t).to_owned()).collect();
            self.known.clear();
        }
    }
}

/// An open packed archive: its manifest, and what has been fetched of the rest.
pub struct Archive {
    /// The manifest.
    pub manifest: Manifest,
    state: RefCell<State>,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive")
            .field("build", &self.manifest.layout.build)
            .finish()
    }
}

/// The articles a list shows, as positions in the newest-first order.
enum Order {
    /// Every article, newest first or (reversed) oldest first.
    All { reversed: bool },
    /// These, in this order.
    Some(Vec<usize>),
}

impl Order {
    fn len(&self, n: usize) -> usize {
        match self {
            Order::All { .. } => n,
            Order::Some(hits) => hits.len(),
        }
    }

    fn at(&self, k: usize, n: usize) -> usize {
        match self {
            Order::All { reversed: false } => k,
            Order::All { reversed: true } => n - 1 - k,
            Order::Some(hits) => hits[k],
        }
    }
}

impl Archive {
    /// Opens an archive from its manifest's bytes.
    pub fn open(manifest: &[u8]) -> Result<Archive, Error> {
        Ok(Archive {
            manifest: Manifest::parse(manifest)?,
            state: RefCell::default(),
        })
    }

    /// Whether the archive has keys of three and four characters (format 1.1 on).
    fn grams(&self) -> bool {
        self.manifest.layout.version >= [1, 1]
    }

    fn n(&self) -> usize {
        self.manifest.layout.articles as usize
    }

    fn build(&self) -> &str {
        &self.manifest.layout.build
    }

    /// Problems met in the chunks read so far, with their files.
    pub fn problems(&self) -> Vec<(String, Problem)> {
        self.state.borrow().problems.clone()
    }

    /// Reads a fetched file into the cache. A file that is damaged, or of another build, is an
    /// error naming it; the archive stays usable for everything else.
    pub fn add(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        let fault = |fault: Fault| Error::ArchiveFile {
            file: path.to_owned(),
            fault,
        };
        let damaged = || fault(Fault::Damaged);
        let layout = &self.manifest.layout;
        let number = |prefix: &str, suffix: &str| -> Option<u32> {
            path.strip_prefix(prefix)?
                .strip_suffix(suffix)?
                .parse()
                .ok()
        };
        let size = bytes.len();
        let mut state = self.state.borrow_mut();
        let item = if let Some(k) = number("list/", ".json") {
            let articles = self.chunk_articles(path, bytes, k, false, &mut state)?;
            Item::List(articles.into())
        } else if let Some(k) = number("text/", ".json") {
            let articles = self.chunk_articles(path, bytes, k, true, &mut state)?;
            let text = utf8_text(bytes).map_err(|_| damaged())?;
            let Ok(Field::Value(raw)) = raw::read::<RawText>(text) else {
                return Err(damaged());
            };
            let links: Vec<Links> = raw
                .links
                .value()
                .and_then(|items| items.iter().map(links).collect())
                .ok_or_else(damaged)?;
            if links.len() != articles.len() {
                return Err(damaged());
            }
            Item::Text(Rc::new(TextChunk { articles, links }))
        } else if path.starts_with("ids/") {
            let text = utf8_text(bytes).map_err(|_| damaged())?;
            let Ok(Field::Value(raw)) = raw::read::<RawBucket>(text) else {
                return Err(damaged());
            };
            let (ids, at) = texts(&raw.ids)
                .zip(numbers(&raw.at))
                .filter(|(ids, at)| ids.len() == at.len())
                .ok_or_else(damaged)?;
            if at.iter().any(|&doc| doc >= layout.articles) {
                return Err(damaged());
            }
            Item::Bucket(ids.into_iter().zip(at).collect())
        } else if path.starts_with("search/k/") {
            let cursor = codec::open(bytes, POSTINGS_MAGIC, self.build()).map_err(fault)?;
            let set = codec::decode_set(cursor.rest(), layout.articles).map_err(fault)?;
            Item::Set(set.into())
        } else if path.starts_with("search/") {
            Item::Shard(Rc::new(Shard::parse(bytes, self.build()).map_err(fault)?))
        } else if path == NAMES {
            let text = utf8_text(bytes).map_err(|_| damaged())?;
            let Ok(Field::Value(raw)) = raw::read::<RawNames>(text) else {
                return Err(damaged());
            };
            let (sources, tags) = texts(&raw.sources)
                .zip(texts(&raw.tags))
                .ok_or_else(damaged)?;
            state.names = Some(Rc::new(Names { sources, tags }));
            drop(state);
            return self.assemble_facts();
        } else if let Some(part) = variants::path_part(path) {
            let text = utf8_text(bytes).map_err(|_| damaged())?;
            return variants::install_part(part, text).map_err(|_| damaged());
        } else if path == WORDS || path == READINGS {
            // A damaged one is named once; pinyin queries are then searched as typed.
            let text = utf8_text(bytes).ok();
            let read = match path {
                WORDS => text.and_then(|t| pinyin::read_words(t).ok()),
                _ => text
                    .filter(|t| pinyin::install(t).is_ok())
                    .map(|_| Vec::new()),
            };
            return match (read, path) {
                (Some(words), WORDS) => {
                    // Not over the mark a damaged readings file left.
                    state.words.get_or_insert_with(|| Rc::new(words));
                    Ok(())
                }
                (Some(_), _) => Ok(()),
                (None, _) => {
                    state.words = Some(Rc::new(Vec::new()));
                    Err(damaged())
                }
            };
        } else if number("rows/", ".bin").is_some() {
            // Checked now, read once every rows file is here.
            codec::decode_rows(bytes, self.build(), |_| {}).map_err(fault)?;
            Item::Rows(bytes.into())
        } else {
            return Err(damaged());
        };
        state.cache.put(path.to_owned(), item, size);
        drop(state);
        self.assemble_facts()
    }

    fn chunk_articles(
        &self,
        path: &str,
        bytes: &[u8],
        k: u32,
        with_body: bool,
        state: &mut State,
    ) -> Result<Vec<Rc<Article>>, Error> {
        let damaged = || Error::ArchiveFile {
            file: path.to_owned(),
            fault: Fault::Damaged,
        };
        let text = utf8_text(bytes).map_err(|_| damaged())?;
        let (articles, problems) =
            load::load_articles(text, &self.manifest.channels, with_body).map_err(|_| damaged())?;
        state
            .problems
            .extend(problems.into_iter().map(|p| (path.to_owned(), p)));
        let chunk = self.manifest.layout.chunk as usize;
        let expected = self.n().saturating_sub(k as usize * chunk).min(chunk);
        // Articles are found by position: a chunk with one skipped would shift every other.
        if articles.len() != expected {
            return Err(damaged());
        }
        Ok(articles.into_iter().map(Rc::new).collect())
    }

    /// Builds the facts once the names and every rows file are in the cache.
    fn assemble_facts(&self) -> Result<(), Error> {
        let mut state = self.state.borrow_mut();
        if state.facts.is_some() {
            return Ok(());
        }
        let Some(names) = state.names.clone() else {
            return Ok(());
        };
        let files = self.rows_files();
        let mut parts = Vec::with_capacity(files.len());
        for path in &files {
            match state.cache.items.iter().find(|c| c.path == *path) {
                Some(Cached {
                    item: Item::Rows(bytes),
                    ..
                }) => parts.push(bytes.clone()),
                _ => return Ok(()),
            }
        }
        let mut facts = Facts::new(&self.manifest.channels, &names.sources, &names.tags);
        for (path, bytes) in files.iter().zip(parts) {
            codec::decode_rows(&bytes, self.build(), |row| {
                facts.push(row.channel, row.source, row.day, row.views, &row.tags)
            })
            .map_err(|fault| Error::ArchiveFile {
                file: path.clone(),
                fault,
            })?;
            state.cache.remove(path);
        }
        if facts.len() != self.n() {
            return Err(Error::ArchiveFile {
                file: files.last().cloned().unwrap_or_default(),
                fault: Fault::Damaged,
            });
        }
        state.facts = Some(Rc::new(facts.finish()));
        Ok(())
    }

    fn rows_files(&self) -> Vec<String> {
        let per = self.manifest.layout.rows as usize;
        (0..self.n().div_ceil(per) as u32).map(rows_path).collect()
    }

    /// The facet keys of a request's channel, source and tag, so that a list filtered by them
    /// alone needs one posting set each instead of every rows file (archives of format 1.1
    /// on); `Ok(None)` when a value names nothing, `Err` with the names file when it is needed.
    fn facet_keys(
        &self,
        request: &SearchRequest,
        state: &State,
    ) -> Result<Option<Vec<u64>>, String> {
        let mut keys = Vec::new();
        if let Some(channel) = &request.channel {
            match self.manifest.channels.iter().position(|c| &c.id == channel) {
                Some(at) => keys.push(facet_key(0, at as u32)),
                None => return Ok(None),
            }
        }
        for (kind, value) in [(1, &request.source), (2, &request.tag)] {
            let Some(value) = value else { continue };
            let Some(names) = &state.names else {
                return Err(NAMES.to_owned());
            };
            let table = if kind == 1 {
                &names.sources
            } else {
                &names.tags
            };
            match table.iter().position(|name| name == value) {
                Some(at) => keys.push(facet_key(kind, at as u32)),
                None => return Ok(None),
            }
        }
        Ok(Some(keys))
    }

    /// The files the facts need that are not here yet.
    fn facts_files(&self, state: &mut State) -> Vec<String> {
        let mut files: Vec<String> = self
            .rows_files()
            .into_iter()
            .filter(|path| state.cache.get(path).is_none())
            .collect();
        if state.names.is_none() {
            files.push(NAMES.to_owned());
        }
        files
    }

    /// The keys of a query's terms, with `flag` ([`TITLE`] for their title keys).
    fn query_keys(&self, query: &Query, flag: u64) -> Vec<u64> {
        let mut keys = Vec::new();
        for term in &query.terms {
            for key in term_keys(term, self.grams()).0 {
                keys.push(key | flag);
            }
        }
        keys
    }

    /// The articles whose keys allow every key given, newest first; `None` for no key. Those
    /// already found not to contain a term their keys do not decide are left out.
    fn matched(
        &self,
        keys: Vec<u64>,
        state: &mut State,
        fetch: &mut Vec<String>,
    ) -> Result<Option<Vec<u32>>, Error> {
        if keys.is_empty() {
            return Ok(None);
        }
        let layout = &self.manifest.layout;
        let mut sets: Vec<Rc<[u32]>> = Vec::new();
        for key in keys {
            let shard_file = shard_path(key, layout.shards);
            let Some(Item::Shard(shard)) = state.cache.get(&shard_file) else {
                fetch.push(shard_file);
                continue;
            };
            match shard.get(key) {
                None => sets.push(Rc::from([])),
                Some([EXTERNAL]) => match state.cache.get(&postings_path(key)) {
                    Some(Item::Set(set)) => sets.push(set),
                    _ => fetch.push(postings_path(key)),
                },
                Some(payload) => sets.push(
                    codec::decode_set(payload, layout.articles)
                        .map_err(|fault| Error::ArchiveFile {
                            file: shard_file,
                            fault,
                        })?
                        .into(),
                ),
            }
        }
        if !fetch.is_empty() {
            return Ok(None);
        }
        // Starting from the smallest set keeps every intersection small.
        let smallest = (0..sets.len()).min_by_key(|&i| sets[i].len());
        let mut matched = smallest.map_or_else(Vec::new, |i| sets.swap_remove(i).to_vec());
        for set in sets {
            if matched.is_empty() {
                break;
            }
            matched = codec::intersect(&matched, &set);
        }
        let checked = &state.checked;
        matched.retain(|&i| checked.get(i as usize) != Some(false));
        Ok(Some(matched))
    }

    /// Confirms candidates against their text in display order until the first `need` are
    /// known matches, the rest keeping their place: gives the hits without those found not to
    /// match and whether any is still unconfirmed, or the `text/` files to fetch first.
    /// Answers are kept (while the terms stay the same), so a file dropped from the cache is
    /// not needed again.
    fn confirm(
        &self,
        state: &mut State,
        hits: Vec<usize>,
        terms: &[&str],
        need: usize,
    ) -> Result<(Vec<usize>, bool), Vec<String>> {
        let chunk = self.manifest.layout.chunk as usize;
        let mut shown = Vec::with_capacity(hits.len());
        let mut fetch: Vec<String> = Vec::new();
        let (mut found, mut open) = (0, 0);
        for i in hits {
            let mut known = state.checked.get(i);
            if known.is_none() && found + open < need {
                let path = text_path((i / chunk) as u32);
                match state.cache.get(&path) {
                    Some(Item::Text(text)) => {
                        let yes = text
                            .articles
                            .get(i % chunk)
                            .is_some_and(|article| contains_terms(article, terms));
                        state.checked.set(i, yes);
                        known = Some(yes);
                    }
                    _ if fetch.contains(&path) => {}
                    _ => fetch.push(path),
                }
            }
            match known {
                Some(false) => {}
                Some(true) => {
                    found += 1;
                    shown.push(i);
                }
                None => {
                    open += 1;
                    shown.push(i);
                }
            }
        }
        if fetch.is_empty() {
            Ok((shown, open > 0))
        } else {
            Err(fetch)
        }
    }

    /// One page of a list: the articles (always confirmed matches), their number and the facet
    /// counts once the facts are here (upper bounds, flagged `approximate`, while candidates of
    /// a term its keys do not decide remain unconfirmed). `ListPage::later` names what to fetch
    /// to count the facets.
    pub fn list(
        &self,
        request: &SearchRequest,
        page: usize,
        per_page: usize,
    ) -> Result<Step<ListPage>, Error> {
        // A query is folded with the table the keys were made with: its characters' parts first;
        // an archive keyed without it is read without it.
        if !self.folds() {
            return variants::without(|| self.list_of(request, page, per_page));
        }
        let step = self.list_folded(request, page, per_page)?;
        // A pinyin query (format 2.2) is matched against the archive's vocabulary: the words
        // it spells are suggested, and when no character of the query matches, the list is the
        // first word's. The vocabulary and the readings are fetched the first time a query as
        // typed finds nothing (what the reader typed is then most likely pinyin); once here,
        // every pinyin query gets its suggestions.
        let Some(pattern) = Pattern::parse(&request.q).filter(|_| self.speaks()) else {
            return Ok(step);
        };
        let Step::Ready(list) = &step else {
            return Ok(step);
        };
        let total = list.total;
        let words = self.state.borrow().words.clone();
        let words = match words {
            // No words (an archive without Chinese, or a damaged file named before).
            Some(words) if words.is_empty() => return Ok(step),
            Some(words) if pinyin::loaded() => words,
            _ if total > 0 => return Ok(step),
            words => {
                let mut fetch = Vec::new();
                if !pinyin::loaded() {
                    fetch.push(READINGS.to_owned());
                }
                if words.is_none() {
                    fetch.push(WORDS.to_owned());
                }
                return Ok(Step::Fetch(fetch));
            }
        };
        let finder = pattern.finder();
        let mut suggestions = finder.channels(&self.manifest.channels, SUGGESTED / 2);
        suggestions.extend(pinyin::suggest(
            &pattern,
            &words,
            SUGGESTED - suggestions.len(),
        ));
        let mut step = step;
        let word = suggestions.iter().find(|s| s.channel.is_none());
        if let (0, Some(word)) = (total, word) {
            // The word's own list, as typing it gives; never spelled again (a word that is
            // itself pinyin, a name like CCTV新闻, would otherwise be looked up without end).
            let word = SearchRequest {
                q: word.text.clone(),
                ..request.clone()
            };
            step = self.list_folded(&word, page, per_page)?;
        }
        Ok(match step {
            Step::Ready(mut list) => {
                list.spelled = Some(Rc::new(Spelled {
                    by_pinyin: total == 0 && list.total > 0,
                    suggestions,
                }));
                Step::Ready(list)
            }
            fetch => fetch,
        })
    }

    /// A list of a format 2.1 archive or later, its query folded: the parts of the folding
    /// table its characters need first.
    fn list_folded(
        &self,
        request: &SearchRequest,
        page: usize,
        per_page: usize,
    ) -> Result<Step<ListPage>, Error> {
        let parts = variants::missing_parts(&request.q);
        if !parts.is_empty() {
            return Ok(Step::Fetch(parts));
        }
        self.list_of(request, page, per_page)
    }

    /// Whether the archive has a vocabulary for pinyin queries (format 2.2 on).
    fn speaks(&self) -> bool {
        self.manifest.layout.version >= [2, 2]
    }

    /// Whether the keys were made from folded text, with title keys (format 2.1 on).
    fn folds(&self) -> bool {
        self.manifest.layout.version >= [2, 1]
    }

    fn list_of(
        &self,
        request: &SearchRequest,
        page: usize,
        per_page: usize,
    ) -> Result<Step<ListPage>, Error> {
        let n = self.n();
        let query = Query::parse(&request.q);
        let mut state = self.state.borrow_mut();
        // Without the rows, a channel, source or tag is a posting set; a date range and the
        // views sort need the rows.
        let facet_filtered =
            request.channel.is_some() || request.source.is_some() || request.tag.is_some();
        let filtered = request.from.is_some()
            || request.to.is_some()
            || request.sort == Sort::MostViewed
            || (facet_filtered && !self.grams());
        let facet_keys = match (&state.facts, filtered || !facet_filtered) {
            (None, false) => match self.facet_keys(request, &state) {
                Ok(keys) => keys,
                Err(names) => return Ok(Step::Fetch(vec![names])),
            },
            _ => Some(Vec::new()),
        };
        let unsure: Vec<&str> = query
            .terms
            .iter()
            .filter(|t| !term_keys(t, self.grams()).1)
            .map(String::as_str)
            .collect();
        state.checked.for_terms(&unsure);
        let mut fetch = Vec::new();
        let matched = match &facet_keys {
            Some(facets) => {
                let mut keys = self.query_keys(&query, 0);
                keys.extend_from_slice(facets);
                self.matched(keys, &mut state, &mut fetch)?
            }
            // A channel, source or tag that names nothing: no article.
            None => Some(Vec::new()),
        };
        // Relevance (format 2.1): the articles with every term in their title come first.
        let titled = match request.sort == Sort::Auto && self.folds() && facet_keys.is_some() {
            true => self.matched(self.query_keys(&query, TITLE), &mut state, &mut fetch)?,
            false => None,
        };
        if !fetch.is_empty() {
            return Ok(Step::Fetch(fetch));
        }
        let facts = state.facts.clone();
        let (mut order, facets, later) = match (&facts, matched) {
            (Some(facts), matched) => {
                let matched = matched.map_or_else(
                    || (0..n).collect(),
                    |m| m.into_iter().map(|i| i as usize).collect(),
                );
                let results = facts.run_on(request, matched);
                (Order::Some(results.hits), Some(results.facets), Vec::new())
            }
            (None, _) if filtered => return Ok(Step::Fetch(self.facts_files(&mut state))),
            (None, None) => (
                Order::All {
                    reversed: request.sort == Sort::Oldest,
                },
                Some(self.manifest.layout.facets.clone()),
                Vec::new(),
            ),
            (None, Some(matched)) => {
                let mut hits: Vec<usize> = matched.into_iter().map(|i| i as usize).collect();
                if request.sort == Sort::Oldest {
                    hits.reverse();
                }
                (Order::Some(hits), None, self.facts_files(&mut state))
            }
        };
        // Title matches go before the rest, each keeping its order (newest first).
        if let (Some(titled), Order::Some(hits)) = (&titled, &mut order) {
            let mut rest = Vec::new();
            hits.retain(|&i| {
                let title = titled.binary_search(&(i as u32)).is_ok();
                if !title {
                    rest.push(i);
                }
                title
            });
            hits.append(&mut rest);
        }
        let mut page = paginate(order.len(n), per_page, page);
        let mut approximate = false;
        if let (false, Order::Some(hits)) = (unsure.is_empty(), &mut order) {
            match self.confirm(&mut state, std::mem::take(hits), &unsure, page.range.end) {
                Ok((shown, open)) => {
                    *hits = shown;
                    approximate = open;
                    page = paginate(hits.len(), per_page, page.number);
                }
                Err(files) => return Ok(Step::Fetch(files)),
            }
        }
        let total = order.len(n);
        let chunk = self.manifest.layout.chunk as usize;
        let mut articles = Vec::with_capacity(page.range.len());
        let mut missing: Vec<String> = Vec::new();
        for k in page.range.clone() {
            let position = order.at(k, n);
            let path = list_path((position / chunk) as u32);
            match state.cache.get(&path) {
                Some(Item::List(list)) => articles.push(list[position % chunk].clone()),
                _ if missing.contains(&path) => {}
                _ => missing.push(path),
            }
        }
        if !missing.is_empty() {
            return Ok(Step::Fetch(missing));
        }
        Ok(Step::Ready(ListPage {
            approximate,
            query,
            total,
            page,
            articles,
            facets,
            later,
            spelled: None,
        }))
    }

    /// An article with its links, or `None` when the archive has no article with this id.
    pub fn article(&self, id: &str) -> Result<Step<Option<ArticleView>>, Error> {
        let layout = &self.manifest.layout;
        let mut state = self.state.borrow_mut();
        let bucket = bucket_path(id, layout.buckets);
        let Some(Item::Bucket(ids)) = state.cache.get(&bucket) else {
            return Ok(Step::Fetch(vec![bucket]));
        };
        let Some(&(_, position)) = ids.iter().find(|(known, _)| known == id) else {
            return Ok(Step::Ready(None));
        };
        let chunk = layout.chunk;
        let path = text_path(position / chunk);
        let Some(Item::Text(text)) = state.cache.get(&path) else {
            return Ok(Step::Fetch(vec![path]));
        };
        let at = (position % chunk) as usize;
        let article = text.articles[at].clone();
        if article.id != id {
            // The bucket and the chunk disagree: one of them is not this archive's.
            return Err(Error::ArchiveFile {
                file: bucket,
                fault: Fault::Damaged,
            });
        }
        let links = &text.links[at];
        Ok(Step::Ready(Some(ArticleView {
            article,
            older: links.older.clone(),
            newer: links.newer.clone(),
            related: links.related.clone(),
        })))
    }
}
