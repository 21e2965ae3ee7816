//! One sort for all of the crate's sorts. Every `sort_unstable_by` with its own closure compiles
//! to its own copy of the sorting code (about 3 KB of Wasm each, 1.2 KB gzip); sorting positions
//! through one `dyn` comparator keeps a single copy. The relevance ranking, which runs per
//! keystroke, sorts its packed `u64` keys this way too (a comparison through `dyn` costs little
//! beside counting the hits the keys come from).

use std::cmp::Ordering;

/// Sorts `items` by `compare`, unstably (callers that need a total order break ties).
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    // `order` is a permutation of 0..len, so each slot is taken exactly once.
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The positions `0..len` in the order `compare` gives them.
#[inline(never)]
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::sort_by;

    #[test]
    fn sorts_by_the_comparator_and_keeps_every_item() {
        let mut words: Vec<String> = ["pear", "fig", "apple", "kiwi", "fig"]
            .into_iter()
            .map(String::from)
            .collect();
        sort_by(&mut words, |a, b| {
            a.len().cmp(&b.len()).then_with(|| a.cmp(b))
        });
        assert_eq!(words, ["fig", "fig", "kiwi", "pear", "apple"]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, u8::cmp);
        assert!(empty.is_empty());
    }
}
