//! Building the index: each article's folded title and text, its character and pair posting
//! sets, and its facts row; and [`Facts`], the same index from a packed archive's rows.

use rustc_hash::FxHashMap;

use super::fold::normalize;
use super::postings::{pair_key, small, Postings};
use super::{Index, Row};
use crate::model::{channel_path, Article, Block, Channel};

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
    pub(super) fn with_channels(channels: &[Channel]) -> Index {
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
    pub(super) fn push_row(
        &mut self,
        channel: u16,
        source: u16,
        day: u32,
        views: u64,
        tag_start: u32,
    ) {
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

    pub(super) fn slice<'a>(text: &'a str, ends: &[u32], i: usize) -> &'a str {
        // Each article's text is followed by one newline.
        let start = if i == 0 { 0 } else { ends[i - 1] as usize + 1 };
        &text[start..ends[i] as usize]
    }

    pub(super) fn title(&self, i: usize) -> &str {
        Self::slice(&self.titles, &self.title_ends, i)
    }

    pub(super) fn text(&self, i: usize) -> &str {
        Self::slice(&self.texts, &self.text_ends, i)
    }

    pub(super) fn tags_of(&self, row: &Row) -> &[u16] {
        let start = row.tag_start as usize;
        &self.tag_pool[start..start + usize::from(row.tag_len)]
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

/// One remembered request and its results; never part of an index's identity.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Default)]
pub(super) struct Memo(std::sync::Mutex<Option<(super::SearchRequest, super::Results)>>);

#[cfg(not(target_arch = "wasm32"))]
impl Memo {
    /// The results of `request` if they are the ones remembered.
    pub(super) fn get(&self, request: &super::SearchRequest) -> Option<super::Results> {
        let last = self.0.lock().ok()?;
        last.as_ref()
            .filter(|(r, _)| r == request)
            .map(|(_, results)| results.clone())
    }

    /// Remembers `results` of `request`.
    pub(super) fn set(&self, request: &super::SearchRequest, results: &super::Results) {
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
