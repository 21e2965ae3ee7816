//! The sets the index keeps and evaluates: posting sets (a list or a bitmap), the bitset a
//! query narrows, the key of a character pair, and interned facet values.

use rustc_hash::FxHashMap;

use crate::sorting::sort_by;

/// A set of article positions, as a list or, when dense, as a bitmap.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Postings {
    List(Vec<u32>),
    Bits(Vec<u64>),
}

/// A set of articles during evaluation: one bit per article.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Bitset(Vec<u64>);

impl Bitset {
    pub(super) fn full(n: usize) -> Bitset {
        let mut words = vec![u64::MAX; n.div_ceil(64)];
        if n % 64 != 0 {
            if let Some(last) = words.last_mut() {
                *last = (1u64 << (n % 64)) - 1;
            }
        }
        Bitset(words)
    }

    pub(super) fn and(&mut self, postings: &Postings) {
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

    pub(super) fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
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

/// Key of a pair of adjacent characters.
pub(super) fn pair_key(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// Interned strings: each distinct value gets a small number.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Table {
    pub(super) values: Vec<String>,
    /// Keyed like the catalogue's id maps (one hash map type less in the Wasm).
    pub(super) lookup: FxHashMap<String, usize>,
}

/// More than 65,535 distinct sources or tags share the last number: facets stay usable.
pub(super) fn small(id: usize) -> u16 {
    u16::try_from(id).unwrap_or(u16::MAX)
}

impl Table {
    pub(super) fn intern(&mut self, value: &str) -> u16 {
        if let Some(&id) = self.lookup.get(value) {
            return small(id);
        }
        let id = self.values.len();
        self.values.push(value.to_owned());
        self.lookup.insert(value.to_owned(), id);
        small(id)
    }

    pub(super) fn find(&self, value: &str) -> Option<u16> {
        self.lookup.get(value).copied().map(small)
    }

    /// Counts per value, named, most first (ties by name).
    pub(super) fn named(&self, counts: &[usize]) -> Vec<(String, usize)> {
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
