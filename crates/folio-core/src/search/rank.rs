//! Running a request on the index: candidates from the posting sets, confirmed by substring
//! search, filtered, ordered (relevance, newest, oldest, most viewed) and counted per facet.

use std::cell::Cell;

use super::fold::Query;
use super::postings::{pair_key, Bitset, Table};
use super::{FacetCounts, Index, Results, Row, SearchRequest, Sort, BODY_SCORE_LIMIT, HIT_CAP};
use crate::sorting::sort_by;

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
        let Some(filters) = self.filters(state) else {
            return Results {
                query: query.clone(),
                ..Results::default()
            };
        };
        let mut hits: Vec<usize> = candidates
            .articles
            .iter()
            .copied()
            .filter(|&i| self.passes(i, &filters, Facet::None) && candidates.confirm(self, i))
            .collect();
        self.order(&mut hits, state.sort, query);
        Results {
            query: query.clone(),
            hits,
            facets: self.facet_counts(&candidates, &filters),
        }
    }

    /// Puts the hits (newest first) in the request's order.
    fn order(&self, hits: &mut Vec<usize>, sort: Sort, query: &Query) {
        // Facts alone (a packed archive) carry no text to rank by.
        let relevance =
            sort == Sort::Auto && !query.is_empty() && self.title_ends.len() == self.rows.len();
        match sort {
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
                *hits = keyed
                    .into_iter()
                    .map(|key| (key & 0xFFFF_FFFF) as usize)
                    .collect();
            }
            Sort::Oldest => hits.reverse(),
            Sort::MostViewed => sort_by(hits, |&a, &b| {
                self.rows[b].views.cmp(&self.rows[a].views).then(a.cmp(&b))
            }),
            Sort::Auto | Sort::Newest => {}
        }
    }

    /// Each facet's counts over the candidates, under the other facets' filters.
    fn facet_counts(&self, candidates: &Candidates, filters: &Filters) -> FacetCounts {
        let count = |facet: Facet, size: usize, keys: &dyn Fn(&Row, &mut Vec<usize>)| {
            let mut counts = vec![0usize; size];
            for &i in &candidates.articles {
                if self.passes(i, filters, facet) && candidates.confirm(self, i) {
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
        FacetCounts {
            channels: self.channels.named(&channel_counts),
            sources: self.sources.named(&sources),
            tags: self.tags.named(&tags),
            months,
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
    pub(super) fn score(&self, i: usize, query: &Query, with_body: bool) -> (u32, u32) {
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
