//! Traditional and simplified Chinese as one: the folding table search uses, so 質量強市 finds
//! 质量强市 and the other way round.
//!
//! Every character of the text and of a query folds to one form (OpenCC's simplified one,
//! through Taiwan and Hong Kong variants; see `scripts/fold-table.py`), one character to one
//! character, so positions in folded text stay positions in the original and results show the
//! text as written. Characters that fold together form a *class* (髮, 發 and 发).
//!
//! The table is data, not code: natively it is compiled in (`data/fold.txt`), while the Wasm
//! is given it when a search first needs it. A whole data file is indexed with the whole
//! table ([`install`], from the `fold.txt` served beside the viewer); a packed archive carries
//! the table in parts by block of code points ([`part_path`]), each holding every class with a
//! member in its block, so a query fetches only the parts of its own characters and still
//! knows every form its text may take ([`missing_parts`], [`install_part`]). Until a character's
//! part is there, it folds to itself.

use std::cell::{Cell, RefCell};

/// The first code point the table can fold (CJK Extension A); everything folded lies in the
/// Basic Multilingual Plane from here.
const FIRST: u32 = 0x3400;
/// Code points per part: 512, so the plane's 65,536 are 128 parts, one bit each of a `u128`.
const PART_BITS: u32 = 9;

/// A text that is not a folding table: not pairs of characters the table folds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotATable;

/// The table as loaded: the folded form of every code point from [`FIRST`] (0: itself), and
/// which parts are loaded.
#[derive(Default)]
struct Table {
    folded: Vec<u16>,
    parts: u128,
    /// How many times the table was added to: an index made before is made again.
    generation: u32,
}

thread_local! {
    static TABLE: RefCell<Table> = RefCell::new(native());
    /// Set while an archive keyed without folding (before format 2.1) is read: see [`without`].
    static OFF: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read` with every character folding to itself: how an archive whose keys were made
/// without the table is read, whatever another viewer on the page has loaded.
pub fn without<T>(read: impl FnOnce() -> T) -> T {
    struct On;
    impl Drop for On {
        fn drop(&mut self) {
            OFF.set(false);
        }
    }
    OFF.set(true);
    let _on = On;
    read()
}

/// Natively the whole table is always there: the `folio` command indexes with it.
#[cfg(not(target_arch = "wasm32"))]
fn native() -> Table {
    let mut table = Table::default();
    // The committed table is checked by `make test` against OpenCC's data; it always reads.
    let _ = fill(&mut table, include_str!("../data/fold.txt"));
    table.parts = u128::MAX;
    table
}

#[cfg(target_arch = "wasm32")]
fn native() -> Table {
    Table::default()
}

/// The folded form of a character (itself when it has none or its part is not loaded).
pub fn fold(c: char) -> char {
    if OFF.get() {
        return c;
    }
    let Some(at) = (c as u32).checked_sub(FIRST) else {
        return c;
    };
    TABLE.with(|table| match table.borrow().folded.get(at as usize) {
        Some(&to) if to != 0 => char::from_u32(u32::from(to)).unwrap_or(c),
        _ => c,
    })
}

/// The part a character's classes are in, for characters the table can fold: the CJK unified
/// ideographs (with Extension A) and the compatibility ideographs, what [`crate::search::fold`]
/// asks the table about. Every such part is written, even when empty.
fn part_of(c: char) -> Option<u32> {
    let code = c as u32;
    let foldable = (FIRST..=0x9FFF).contains(&code) || (0xF900..=0xFAFF).contains(&code);
    foldable.then_some(code >> PART_BITS)
}

/// Every part a table can have, in order.
fn all_parts() -> impl Iterator<Item = u32> {
    (FIRST >> PART_BITS..=0x9FFF >> PART_BITS).chain(0xF900 >> PART_BITS..=0xFAFF >> PART_BITS)
}

/// The path of a part in an archive's build folder: `fold/N.txt`.
pub fn part_path(part: u32) -> String {
    format!("fold/{part}.txt")
}

/// The parts of an archive path (`fold/N.txt`), if it names one.
pub fn path_part(path: &str) -> Option<u32> {
    let number = path.strip_prefix("fold/")?.strip_suffix(".txt")?;
    let part: u32 = number.parse().ok()?;
    all_parts().any(|p| p == part).then_some(part)
}

/// The paths of the parts `text` needs that are not loaded yet (none natively), in order.
pub fn missing_parts(text: &str) -> Vec<String> {
    let loaded = TABLE.with(|table| table.borrow().parts);
    let mut wanted: u128 = 0;
    for part in text.chars().filter_map(part_of) {
        wanted |= 1 << part;
    }
    let missing = wanted & !loaded;
    (0..128)
        .filter(|part| missing & (1 << part) != 0)
        .map(part_path)
        .collect()
}

/// Whether the whole table is loaded (always natively).
pub fn loaded() -> bool {
    TABLE.with(|table| table.borrow().parts == u128::MAX)
}

/// Changes whenever the table is added to (see [`crate::catalogue::Catalogue::index`]).
pub fn generation() -> u32 {
    TABLE.with(|table| table.borrow().generation)
}

/// Loads the whole table (`fold.txt`): every character folds from now on.
pub fn install(text: &str) -> Result<(), NotATable> {
    TABLE.with(|table| {
        let mut table = table.borrow_mut();
        fill(&mut table, text)?;
        table.parts = u128::MAX;
        Ok(())
    })
}

/// Loads one part of an archive's table (`fold/N.txt`, its pairs).
pub fn install_part(part: u32, text: &str) -> Result<(), NotATable> {
    TABLE.with(|table| {
        let mut table = table.borrow_mut();
        fill(&mut table, text)?;
        table.parts |= 1 << part;
        Ok(())
    })
}

/// The pairs of a table's text (see [`fill`]), each of two foldable characters.
fn read_pairs(text: &str) -> Result<Vec<(char, char)>, NotATable> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let pairs = match text.strip_prefix('#') {
        Some(rest) => rest.split_once('\n').map_or("", |(_, pairs)| pairs),
        None => text,
    };
    let mut read = Vec::new();
    let mut chars = pairs.chars().filter(|c| !matches!(c, '\n' | '\r'));
    while let Some(from) = chars.next() {
        let to = chars.next().ok_or(NotATable)?;
        if part_of(from).is_none() || part_of(to).is_none() {
            return Err(NotATable);
        }
        read.push((from, to));
    }
    Ok(read)
}

/// Reads pairs (a character, then its folded form; an optional first line starting with `#`;
/// line ends and a byte order mark are skipped) into the table. A pair outside the foldable
/// range makes the text an error, and nothing of it is read.
fn fill(table: &mut Table, text: &str) -> Result<(), NotATable> {
    let read = read_pairs(text)?;
    if table.folded.is_empty() {
        table.folded = vec![0; (0x1_0000 - FIRST) as usize];
    }
    for (from, to) in read {
        table.folded[(from as u32 - FIRST) as usize] = to as u16;
    }
    table.generation = table.generation.wrapping_add(1);
    Ok(())
}

/// The table's parts for a packed archive, from the whole table's text: for each part with
/// any, the pairs of every class with a member in it (a class in two parts is written in
/// both). `folio pack` writes them.
#[cfg(not(target_arch = "wasm32"))]
pub fn parts() -> Vec<(u32, String)> {
    // The committed table is checked by `make test` against OpenCC's data; it always reads.
    let pairs = read_pairs(include_str!("../data/fold.txt")).unwrap_or_default();
    // Each class: its folded form and every character folding to it.
    let mut classes: std::collections::BTreeMap<char, Vec<(char, char)>> = Default::default();
    for &(from, to) in &pairs {
        classes.entry(to).or_default().push((from, to));
    }
    let mut parts: std::collections::BTreeMap<u32, String> = std::collections::BTreeMap::new();
    for (&to, class) in &classes {
        let members = class.iter().map(|p| p.0).chain([to]);
        let mut written: Vec<u32> = Vec::new();
        for part in members.filter_map(part_of) {
            if written.contains(&part) {
                continue;
            }
            written.push(part);
            let text = parts.entry(part).or_default();
            for (from, to) in class {
                if !text.contains(*from) {
                    text.push(*from);
                    text.push(*to);
                }
            }
        }
    }
    for part in all_parts() {
        parts.entry(part).or_default();
    }
    parts.into_iter().collect()
}

// Natively, where the whole table is compiled in.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn folded(text: &str) -> String {
        text.chars().map(fold).collect()
    }

    #[test]
    fn traditional_and_variant_forms_fold_to_the_simplified_one() {
        assert_eq!(folded("質量強市"), "质量强市");
        assert_eq!(folded("聊城實施科學技術獎勵"), "聊城实施科学技术奖励");
        // Hong Kong and Taiwan variants, and both characters simplified 发 stands for.
        assert_eq!(folded("綫線裏裡"), "线线里里");
        assert_eq!(folded("發髮发"), "发发发");
        // Simplified text, Latin letters and kana stay as they are.
        assert_eq!(folded("质量强市 abc かな"), "质量强市 abc かな");
        // Reading an archive keyed without the table.
        assert_eq!(without(|| folded("質量強市")), "質量強市");
        assert_eq!(folded("質"), "质", "on again after");
    }

    #[test]
    fn folding_is_idempotent_and_one_character_for_one() {
        let whole = include_str!("../data/fold.txt");
        let pairs = whole.split_once('\n').unwrap().1.trim_end();
        assert!(pairs.chars().count() > 6_000, "the table has its pairs");
        for c in pairs.chars() {
            assert_eq!(
                fold(fold(c)),
                fold(c),
                "{c} folds to a form that folds again"
            );
            assert_eq!(
                fold(c).len_utf8(),
                3,
                "{c} folds within the plane's CJK range"
            );
        }
    }

    #[test]
    fn parts_hold_every_class_their_characters_belong_to() {
        let parts = parts();
        assert!(parts.len() > 20);
        // A part read alone folds each of its characters as the whole table does, and knows
        // every traditional form of the simplified characters in its block.
        for (part, text) in &parts {
            let mut table = Table::default();
            fill(&mut table, text).expect("a part reads");
            let fold_alone = |c: char| match table.folded.get((c as u32 - FIRST) as usize) {
                Some(&to) if to != 0 => char::from_u32(u32::from(to)).unwrap(),
                _ => c,
            };
            for c in text.chars() {
                assert_eq!(fold_alone(c), fold(c), "part {part}: {c}");
            }
            assert_eq!(path_part(&part_path(*part)), Some(*part));
        }
        let with = |c: char| {
            let part = part_of(c).unwrap();
            parts
                .iter()
                .find(|(p, _)| *p == part)
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        };
        // 术's part knows 術 (in another block), 質's part knows 质.
        assert!(with('术').contains('術'));
        assert!(with('質').contains('质'));
        assert_eq!(path_part("fold/3.txt"), None, "below the foldable range");
        assert_eq!(
            path_part("fold/127.txt"),
            None,
            "full-width forms fold without the table"
        );
        // Every part any character can ask for is written (even empty), and no other.
        let asked: std::collections::BTreeSet<u32> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter_map(part_of)
            .collect();
        let written: std::collections::BTreeSet<u32> = parts.iter().map(|(p, _)| *p).collect();
        assert_eq!(asked, written);
        assert_eq!(path_part("fold/x.txt"), None);
    }

    #[test]
    fn a_table_with_a_character_out_of_range_is_refused() {
        let mut table = Table::default();
        assert_eq!(fill(&mut table, "#header\n質质"), Ok(()));
        assert_eq!(fill(&mut table, "發发a质"), Err(NotATable));
        assert_eq!(
            fill(&mut table, "質"),
            Err(NotATable),
            "a character without its pair"
        );
        assert_eq!(
            table.folded[('發' as u32 - FIRST) as usize],
            0,
            "nothing of it is read"
        );
        // A byte order mark and Windows line ends are not the table's business.
        assert_eq!(fill(&mut table, "\u{FEFF}#header\r\n發发\r\n"), Ok(()));
        assert_eq!(table.folded[('發' as u32 - FIRST) as usize], '发' as u16);
    }

    #[test]
    fn nothing_is_missing_natively() {
        assert!(missing_parts("質量强市，（ＡＢＣ）\u{FFFD}한국").is_empty());
    }
}
