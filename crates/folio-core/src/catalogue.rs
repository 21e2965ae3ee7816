//! The loaded articles and channels, with the questions the views ask of them.
//!
//! Pure: lists by channel, breadcrumb paths, related articles, previous/next and paging.

use std::ops::{Deref, Range, RangeInclusive};
use std::rc::Rc;
use std::sync::{Arc, Mutex, MutexGuard};

use rustc_hash::FxHashMap;

use crate::model::{ancestry, Article, Channel, DateTime, Site};
use crate::pinyin::Pattern;
use crate::pinyin::SUGGESTED;
use crate::search::{
    FacetCounts, Index, Query, Results, SearchRequest, Spelled, Suggestion, MAX_TERMS,
};
use crate::sorting::sort_by;

/// Validated data, articles newest first.
#[derive(Clone, Debug)]
pub struct Catalogue {
    site: Site,
    channels: Vec<Channel>,
    articles: Vec<Article>,
    by_id: FxHashMap<String, usize>,
    channel_by_id: FxHashMap<String, usize>,
    /// Built the first time a search or a list needs it: opening an article (a deep link, the
    /// first view of many readers) does not pay for indexing every article. Built again when
    /// the folding table is added to after it (in the Wasm, at the first search that needs it;
    /// see [`crate::variants`]).
    index: IndexCell,
}

/// A catalogue's index once built: the folding table's generation it was built with, and the
/// index (shared by clones of the catalogue).
#[derive(Debug, Default)]
struct IndexCell(Mutex<Option<(u32, Arc<Index>)>>);

impl IndexCell {
    fn get(&self) -> MutexGuard<'_, Option<(u32, Arc<Index>)>> {
        // Building an index does not panic; were it to, the next use builds it again.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Clone for IndexCell {
    fn clone(&self) -> Self {
        IndexCell(Mutex::new(self.get().clone()))
    }
}

/// The index is made from the rest, so two catalogues are equal when the rest is.
impl PartialEq for Catalogue {
    fn eq(&self, other: &Self) -> bool {
        self.site == other.site
            && self.channels == other.channels
            && self.articles == other.articles
    }
}

impl Catalogue {
    /// Builds the catalogue and its search index; articles are sorted newest first (ties by id,
    /// so the order is stable).
    pub fn new(site: Site, channels: Vec<Channel>, mut articles: Vec<Article>) -> Self {
        sort_by(&mut articles, newest_first);
        let by_id = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let channel_by_id = channels
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Catalogue {
            site,
            channels,
            articles,
            by_id,
            channel_by_id,
            index: IndexCell::default(),
        }
    }

    /// The catalogue for `folio pack` (the order, the links, the channel tree; the archive's
    /// own index is built apart, and this one is never asked for).
    pub fn unindexed(site: Site, channels: Vec<Channel>, articles: Vec<Article>) -> Self {
        let mut catalogue = Catalogue::new(site, channels, Vec::new());
        let mut articles = articles;
        sort_by(&mut articles, newest_first);
        catalogue.by_id = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        catalogue.articles = articles;
        catalogue
    }

    /// The search index of these articles, built on first use (and again when the folding
    /// table has been added to since). Positions in the index are positions in the sorted
    /// articles.
    pub fn index(&self) -> Arc<Index> {
        let generation = crate::variants::generation();
        let mut index = self.index.get();
        match &*index {
            Some((built_with, built)) if *built_with == generation => built.clone(),
            _ => {
                let built = Arc::new(Index::build(&self.articles, &self.channels));
                *index = Some((generation, built.clone()));
                built
            }
        }
    }

    /// Runs a request ([`Index::run`]). A query typed in pinyin (`zlqs`, `liaocheng`, see
    /// [`crate::pinyin`]) is also matched against titles, sources, tags and channel names: the
    /// words and channels it matched become suggestions, and when no character of the query
    /// matched, the articles it matched are the results, ranked by those words (the results'
    /// query is those words, so they are marked in the titles).
    pub fn search(&self, request: &SearchRequest) -> (Results, Option<Spelled>) {
        let index = self.index();
        let mut results = index.run(request);
        let Some(pattern) = Pattern::parse(&request.q).filter(|_| crate::pinyin::loaded()) else {
            return (results, None);
        };
        let finder = pattern.finder();
        // Every (folded word, article, word as written) matched, once per article.
        let mut found: Vec<(String, usize, &str)> = Vec::new();
        let mut matched = Vec::new();
        for (i, article) in self.articles.iter().enumerate() {
            let before = found.len();
            for field in crate::pinyin::fields(article) {
                let Some((from, to)) = finder.find(field) else {
                    continue;
                };
                let key = crate::search::normalize(&field[from..to]);
                if key.chars().any(crate::pinyin::is_han)
                    && !found[before..].iter().any(|f| f.0 == key)
                {
                    found.push((key, i, &field[from..to]));
                }
            }
            if found.len() > before {
                matched.push(i);
            }
        }
        // Words by how many articles have them, then by the newest that has them.
        sort_by(&mut found, |a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut ranked: Vec<(String, usize, &str, usize)> = Vec::new();
        for (key, i, text) in found {
            match ranked.last_mut() {
                Some(last) if last.0 == key => last.3 += 1,
                _ => ranked.push((key, i, text, 1)),
            }
        }
        sort_by(&mut ranked, |a, b| b.3.cmp(&a.3).then(a.1.cmp(&b.1)));
        let mut suggestions = finder.channels(&self.channels, SUGGESTED / 2);
        suggestions.extend(ranked.iter().take(SUGGESTED - suggestions.len()).map(
            |(_, _, text, count)| Suggestion {
                text: (*text).to_owned(),
                count: *count,
                channel: None,
            },
        ));
        let mut by_pinyin = false;
        if results.hits.is_empty() && !matched.is_empty() {
            let terms = ranked.into_iter().take(MAX_TERMS).map(|(key, ..)| key);
            let query = Query {
                terms: terms.collect(),
            };
            results = index.run_matched(request, &query, matched);
            by_pinyin = !results.hits.is_empty();
        }
        let spelled = Spelled {
            suggestions,
            by_pinyin,
        };
        (results, Some(spelled))
    }

    /// The site.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// All articles, newest first.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// All channels, in file order.
    pub fn channels(&self) -> &[Channel] {
        &self.channels
    }

    /// The article with this id.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.by_id.get(id).map(|&i| &self.articles[i])
    }

    /// Position of an article in the newest-first order.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The channel with this id.
    pub fn channel(&self, id: &str) -> Option<&Channel> {
        self.channel_by_id.get(id).map(|&i| &self.channels[i])
    }

    /// Top-level channels, in file order.
    pub fn top_channels(&self) -> impl Iterator<Item = &Channel> {
        self.channels.iter().filter(|c| c.parent.is_none())
    }

    /// Direct children of a channel, in file order.
    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Channel> + 'a {
        self.channels
            .iter()
            .filter(move |c| c.parent.as_deref() == Some(id))
    }

    /// The path from the top-level channel down to `id` (breadcrumb order).
    pub fn channel_path(&self, id: &str) -> Vec<&Channel> {
        ancestry(id, self.channels.len(), |id| self.channel(id))
    }

    /// Related articles: the ones the editor listed, then the newest others from the same
    /// channel, at most `limit` in all.
    pub fn related(&self, article: &Article, limit: usize) -> Vec<&Article> {
        let mut related: Vec<&Article> = article
            .related
            .iter()
            .filter_map(|id| self.article(id))
            .filter(|a| a.id != article.id)
            .take(limit)
            .collect();
        for candidate in &self.articles {
            if related.len() >= limit {
                break;
            }
            if candidate.channel == article.channel
                && candidate.id != article.id
                && !related.iter().any(|r| r.id == candidate.id)
            {
                related.push(candidate);
            }
        }
        related
    }

    /// The previous (older) and next (newer) article in the same channel.
    pub fn neighbours(&self, article: &Article) -> (Option<&Article>, Option<&Article>) {
        let Some(position) = self.position(&article.id) else {
            return (None, None);
        };
        let same = |a: &&Article| a.channel == article.channel;
        let newer = self.articles[..position].iter().rev().find(same);
        let older = self.articles[position + 1..].iter().find(same);
        (older, newer)
    }
}

impl Catalogue {
    /// One page of a search's results, as a view shows it.
    pub fn page_of(&self, results: &Results, page: usize, per_page: usize) -> ListPage {
        let total = results.hits.len();
        let page = paginate(total, per_page, page);
        ListPage {
            query: results.query.clone(),
            total,
            approximate: false,
            articles: results.hits[page.range.clone()]
                .iter()
                .map(|&i| Rc::new(self.articles[i].clone()))
                .collect(),
            page,
            facets: Some(results.facets.clone()),
            later: Vec::new(),
            spelled: None,
        }
    }

    /// An article with its previous/next and related links.
    pub fn article_view(&self, id: &str, related: usize) -> Option<ArticleView> {
        let article = self.article(id)?;
        let (older, newer) = self.neighbours(article);
        Some(ArticleView {
            older: older.map(Link::to),
            newer: newer.map(Link::to),
            related: self
                .related(article, related)
                .into_iter()
                .map(Link::to)
                .collect(),
            article: Rc::new(article.clone()),
        })
    }
}

/// A link to another article: what a link shows of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// When it was published.
    pub published: DateTime,
}

impl Link {
    /// The link to an article.
    pub fn to(article: &Article) -> Link {
        Link {
            id: article.id.clone(),
            title: article.title.clone(),
            published: article.published,
        }
    }
}

/// What an article view shows: the article and its links.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleView {
    /// The article, whole.
    pub article: Rc<Article>,
    /// The previous (older) article in its channel.
    pub older: Option<Link>,
    /// The next (newer) article in its channel.
    pub newer: Option<Link>,
    /// Related articles.
    pub related: Vec<Link>,
}

/// What a list view shows: one page of matching articles, their number and the facets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListPage {
    /// The parsed query (for highlighting).
    pub query: Query,
    /// How many articles match.
    pub total: usize,
    /// True when `total` and the facet counts are upper bounds: a packed archive matching a
    /// term its keys do not decide has candidates not yet confirmed against their text (the
    /// articles shown are always confirmed).
    pub approximate: bool,
    /// The page shown.
    pub page: Page,
    /// Its articles (a packed archive's list records have no body).
    pub articles: Vec<Rc<Article>>,
    /// Facet counts; `None` while they are being counted.
    pub facets: Option<FacetCounts>,
    /// Files to fetch to count the facets (a packed archive); empty when nothing is pending.
    pub later: Vec<String>,
    /// What a pinyin query spelled ([`Catalogue::search`], a packed archive's vocabulary).
    pub spelled: Option<Rc<Spelled>>,
}

/// Newest first; ties are broken by id (unique), so an unstable sort gives the same order.
fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.published
        .unix_seconds()
        .cmp(&a.published.unix_seconds())
        .then_with(|| a.id.cmp(&b.id))
}

/// A shared catalogue that compares by identity, so component props stay cheap to compare.
#[derive(Clone, Debug)]
pub struct SharedCatalogue(pub Rc<Catalogue>);

impl PartialEq for SharedCatalogue {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for SharedCatalogue {
    type Target = Catalogue;
    fn deref(&self) -> &Catalogue {
        &self.0
    }
}

/// Related articles an article view shows.
pub const RELATED: usize = 6;

/// Articles per list page unless the page or element says otherwise.
pub const PAGE_SIZE: usize = 20;
/// The page sizes a page or element may ask for.
pub const PAGE_SIZES: RangeInclusive<usize> = 1..=200;

/// One page of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The page shown, 1-based, clamped to the pages that exist.
    pub number: usize,
    /// How many pages there are (at least 1, even for an empty list).
    pub count: usize,
    /// The slice of the list on this page.
    pub range: Range<usize>,
}

/// Cuts a list of `total` items into pages of `per_page` and picks page `requested` (1-based).
/// A page past the end shows the last page; page 0 shows the first.
pub fn paginate(total: usize, per_page: usize, requested: usize) -> Page {
    let per_page = per_page.max(1);
    let count = total.div_ceil(per_page).max(1);
    let number = requested.clamp(1, count);
    let start = (number - 1) * per_page;
    Page {
        number,
        count,
        range: start.min(total)..(start + per_page).min(total),
    }
}

/// The page numbers to show: the first, the last, and two on each side of the current one;
/// `None` marks a gap.
pub fn page_window(page: usize, pages: usize) -> Vec<Option<usize>> {
    let mut shown: Vec<Option<usize>> = Vec::new();
    for n in 1..=pages {
        if n == 1 || n == pages || n.abs_diff(page) <= 2 {
            shown.push(Some(n));
        } else if shown.last() != Some(&None) {
            shown.push(None);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_keeps_ends_and_neighbours() {
        assert_eq!(page_window(1, 1), [Some(1)]);
        assert_eq!(page_window(1, 3), [Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_window(1, 10),
            [Some(1), Some(2), Some(3), None, Some(10)]
        );
        assert_eq!(
            page_window(6, 10),
            [
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(10)
            ]
        );
        assert_eq!(
            page_window(10, 10),
            [Some(1), None, Some(8), Some(9), Some(10)]
        );
    }

    #[test]
    fn paginate_clamps_and_slices() {
        assert_eq!(
            paginate(0, 10, 1),
            Page {
                number: 1,
                count: 1,
                range: 0..0
            }
        );
        assert_eq!(
            paginate(25, 10, 3),
            Page {
                number: 3,
                count: 3,
                range: 20..25
            }
        );
        assert_eq!(
            paginate(25, 10, 9),
            Page {
                number: 3,
                count: 3,
                range: 20..25
            }
        );
        assert_eq!(
            paginate(25, 10, 0),
            Page {
                number: 1,
                count: 1 + 2,
                range: 0..10
            }
        );
        assert_eq!(paginate(20, 10, 2).range, 10..20);
        assert_eq!(
            paginate(5, 0, 1).count,
            5,
            "a page size of 0 is treated as 1"
        );
    }
}
