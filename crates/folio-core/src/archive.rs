//! Packed archives: the static files `folio pack` writes so a viewer fetches only what a view
//! shows (format 2.1, described for site owners in `docs/archive.md`).
//!
//! An archive is a folder of plain files, served as they are by any static host:
//! - `manifest.json`, the entry point: the format version, the build id, the site and channels
//!   (in the data file's own schema), the counts and the whole archive's facet counts;
//!
//! and, in the build's own folder `b/BUILD/` (format 2; at the root in format 1), never
//! rewritten once written, so a deploy adds a build beside the last one and a reader who
//! started on it keeps reading it:
//! - `list/K.json`: list records (articles without their body) of articles `K·chunk ..`, in the
//!   newest-first order that numbers every article;
//! - `text/K.json`: the same articles whole, with each one's previous/next and related links;
//! - `ids/B.json`: which number each article id has, bucketed by a hash of the id;
//! - `search/S.bin`: posting sets of characters and of runs of two, three and four, sharded by
//!   a hash of the key, so a query fetches only its keys' shards; a very common key has its own
//!   `search/k/KEY.bin`;
//! - `rows/K.bin` and `rows/names.json`: each article's channel, source, day, views and tags,
//!   for filters, sorts and exact facet counts;
//! - `fold/N.txt` (2.1): the table that folds traditional characters to simplified ones, a
//!   part per block of 512 code points, fetched for the characters a query has.
//!
//! Every binary file carries the build id; JSON chunks are read by the same loader as a data
//! file, so a hostile archive gets the same problem messages and never a panic.

use crate::encoding::utf8_text;
use crate::error::{Error, Fault};
use crate::load;
use crate::load::raw::{read, Field};
use crate::model::{Article, Channel, Site};
use crate::problem::Problem;
use crate::search::{normalize, searchable_text, FacetCounts};
use raw::{RawCount, RawManifest};

pub mod codec;
mod raw;
pub mod reader;

/// The `format` value of a manifest.
pub const FORMAT: &str = "folio-archive";
/// The format version this code writes; it reads any `1.x` and `2.x` (1.0 archives have no keys
/// of three and four characters: their longer terms are matched by pairs and confirmed against
/// text; 1.x archives keep their files beside the manifest, 2.x in the build's folder; 2.1
/// archives fold traditional Chinese to simplified in their keys and carry the table, in
/// parts: `fold/N.txt`, see [`crate::variants`]; 2.2 archives carry a vocabulary for pinyin
/// queries, [`WORDS`], and the readings, [`READINGS`], see [`crate::pinyin`]).
pub const VERSION: [u32; 2] = [2, 2];
/// The major versions this code reads.
const READS: [u32; 2] = [1, 2];
/// The folder of the builds' own folders (format 2).
pub const BUILDS: &str = "b/";
/// The manifest's name in the archive folder.
pub const MANIFEST: &str = "manifest.json";
/// The tables of source and tag names the rows files number.
pub const NAMES: &str = "rows/names.json";
/// The words a pinyin query is matched against, most articles first ([`crate::pinyin::vocabulary`]).
pub const WORDS: &str = "words.txt";
/// The readings of Chinese characters ([`crate::pinyin`]'s table).
pub const READINGS: &str = "pinyin.txt";

/// The manifest's own fields (its `site` and `channels` are read by the loader).
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Always [`FORMAT`].
    pub format: String,
    /// Major and minor version; a reader refuses a newer major version.
    pub version: [u32; 2],
    /// Names this run of `folio pack`; every other file carries it, so two builds never mix.
    pub build: String,
    /// Number of articles.
    pub articles: u32,
    /// Articles per `list/` and `text/` file.
    pub chunk: u32,
    /// Articles per `rows/` file.
    pub rows: u32,
    /// Number of `search/` shards.
    pub shards: u32,
    /// Number of `ids/` buckets.
    pub buckets: u32,
    /// Facet counts of the whole archive (what the first list shows before any filter).
    pub facets: FacetCounts,
    /// Problems `folio pack` met in its input (articles skipped and values dropped).
    pub problems: u32,
}

/// A packed archive's manifest, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Manifest {
    /// Its own fields.
    pub layout: Layout,
    /// The site.
    pub site: Site,
    /// The channels.
    pub channels: Vec<Channel>,
    /// Problems with the site or channels.
    pub problems: Vec<Problem>,
}

impl Manifest {
    /// Reads a manifest: a newer major version, or counts that cannot be right, are errors.
    pub fn parse(bytes: &[u8]) -> Result<Manifest, Error> {
        let damaged = || Error::ArchiveFile {
            file: MANIFEST.to_owned(),
            fault: Fault::Damaged,
        };
        let text = utf8_text(bytes)?;
        let Ok(Field::Value(raw)) = read::<RawManifest>(text) else {
            return Err(damaged());
        };
        if text_of(&raw.format) != Some(FORMAT) {
            return Err(damaged());
        }
        let version = numbers(&raw.version).ok_or_else(damaged)?;
        let [major, minor] = version[..] else {
            return Err(damaged());
        };
        if !READS.contains(&major) {
            return Err(Error::ArchiveVersion {
                found: format!("{major}.{minor}"),
            });
        }
        let positive = |field: &Field<u64>| number(field).filter(|&n| n > 0).ok_or_else(damaged);
        let Field::Value(facets) = &raw.facets else {
            return Err(damaged());
        };
        let layout = Layout {
            format: FORMAT.to_owned(),
            version: [major, minor],
            build: text_of(&raw.build)
                .filter(|b| b.len() == codec::BUILD_LEN && b.bytes().all(|c| c.is_ascii_hexdigit()))
                .ok_or_else(damaged)?
                .to_owned(),
            articles: number(&raw.articles).ok_or_else(damaged)?,
            chunk: positive(&raw.chunk)?,
            rows: positive(&raw.rows)?,
            shards: positive(&raw.shards)?,
            buckets: positive(&raw.buckets)?,
            facets: FacetCounts {
                channels: value_counts(&facets.channels).ok_or_else(damaged)?,
                sources: value_counts(&facets.sources).ok_or_else(damaged)?,
                tags: value_counts(&facets.tags).ok_or_else(damaged)?,
                months: value_counts(&facets.months).ok_or_else(damaged)?,
            },
            problems: number(&raw.problems).unwrap_or(0),
        };
        let (site, channels, problems) = load::load_head(text)?;
        Ok(Manifest {
            layout,
            site,
            channels,
            problems,
        })
    }
}

impl Layout {
    /// The folder the build's files are in, relative to the manifest: `b/BUILD/` (format 2),
    /// the manifest's own (format 1). Made from the checked build id, never read from the
    /// manifest, so no manifest can send the reader elsewhere.
    pub fn folder(&self) -> String {
        if self.version[0] >= 2 {
            format!("{BUILDS}{}/", self.build)
        } else {
            String::new()
        }
    }
}

/// The text of a field, when it is one.
pub(crate) fn text_of(field: &Field<String>) -> Option<&str> {
    field.value().map(String::as_str)
}

/// A count that fits in a `u32`.
pub(crate) fn number(field: &Field<u64>) -> Option<u32> {
    field.value().and_then(|&n| u32::try_from(n).ok())
}

/// A list whose every item is a count that fits in a `u32`.
pub(crate) fn numbers(field: &Field<Vec<Field<u64>>>) -> Option<Vec<u32>> {
    field.value()?.iter().map(number).collect()
}

/// A list whose every item is a string.
pub(crate) fn texts(field: &Field<Vec<Field<String>>>) -> Option<Vec<String>> {
    field
        .value()?
        .iter()
        .map(|f| text_of(f).map(str::to_owned))
        .collect()
}

/// Facet values with their counts (`[{"v": value, "n": count}, …]`).
fn value_counts(field: &Field<Vec<Field<RawCount>>>) -> Option<Vec<(String, usize)>> {
    field
        .value()?
        .iter()
        .map(|item| {
            let item = item.value()?;
            Some((text_of(&item.value)?.to_owned(), number(&item.n)? as usize))
        })
        .collect()
}

/// The list records file holding article `k·chunk`.
pub fn list_path(k: u32) -> String {
    format!("list/{k}.json")
}

/// The whole-articles file holding article `k·chunk`.
pub fn text_path(k: u32) -> String {
    format!("text/{k}.json")
}

/// The rows file holding article `k·rows`.
pub fn rows_path(k: u32) -> String {
    format!("rows/{k}.bin")
}

/// The shard holding a key.
pub fn shard_path(key: u64, shards: u32) -> String {
    format!("search/{}.bin", shard_of(key, shards))
}

/// The number of the shard holding a key: a title key ([`TITLE`]) shares its text key's, so
/// ranking by title costs a query no other shard.
pub fn shard_of(key: u64, shards: u32) -> u32 {
    (mix(key & !TITLE) % u64::from(shards)) as u32
}

/// The file of a key too common to share a shard.
pub fn postings_path(key: u64) -> String {
    format!("search/k/{key:x}.bin")
}

/// The bucket file saying which number an article id has.
pub fn bucket_path(id: &str, buckets: u32) -> String {
    format!("ids/{}.json", bucket_of(id, buckets))
}

/// The number of the bucket holding an id.
pub fn bucket_of(id: &str, buckets: u32) -> u32 {
    (fnv(id.as_bytes()) % u64::from(buckets)) as u32
}

/// The search keys of a folded term, and whether they decide it alone, in an archive with
/// keys of three and four characters (`grams`, format 1.1) or without.
///
/// A term of one character is its character's key and one of two characters its pair's; one
/// of three or four characters is its own key when every character has a [`gram_code`]. All of
/// these are exact: fields are indexed apart, so no key spans two fields. A longer term (or one
/// with a character outside the codes) is matched by its overlapping keys of four characters
/// (or pairs), which every article containing it has, but which an article may have apart;
/// such candidates are confirmed against the article's text before they are shown.
pub fn term_keys(term: &str, grams: bool) -> (Vec<u64>, bool) {
    let chars: Vec<char> = term.chars().collect();
    let coded: Option<Vec<u64>> = match grams {
        true => chars.iter().map(|&c| gram_code(c)).collect(),
        false => None,
    };
    match (chars.as_slice(), coded) {
        ([c], _) => (vec![char_key(*c)], true),
        ([a, b], _) => (vec![pair_key(*a, *b)], true),
        (_, Some(codes)) if codes.len() == 3 => (vec![triple_key(&codes)], true),
        (_, Some(codes)) if codes.len() == 4 => (vec![quad_key(&codes)], true),
        (_, Some(codes)) => (codes.windows(4).map(quad_key).collect(), false),
        (_, None) => (
            chars.windows(2).map(|w| pair_key(w[0], w[1])).collect(),
            false,
        ),
    }
}

/// The search key of one character.
pub fn char_key(c: char) -> u64 {
    u64::from(c)
}

/// The search key of two adjacent characters (never equal to a character's key).
pub fn pair_key(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b) | (1 << 63)
}

/// A character's 15-bit code in the keys of three and four characters: the CJK unified
/// ideographs, then every character below U+2E00 (Latin, Greek, Cyrillic, general
/// punctuation…). Others (CJK punctuation, extensions, emoji) have none: a longer term holding
/// one is matched by its pairs and confirmed against the text.
pub fn gram_code(c: char) -> Option<u64> {
    match u32::from(c) {
        c @ 0x4E00..=0x9FFF => Some(u64::from(c - 0x4E00)),
        c @ 0..0x2E00 => Some(u64::from(c) + 0x5200),
        _ => None,
    }
}

/// The key of three adjacent coded characters (both top bits set: no other key has them).
fn triple_key(codes: &[u64]) -> u64 {
    (3 << 62) | (codes[0] << 30) | (codes[1] << 15) | codes[2]
}

/// The key of four adjacent coded characters (only bit 62 of the top two: a character's key
/// is below 2²¹ and a pair's has bit 63).
fn quad_key(codes: &[u64]) -> u64 {
    (1 << 62) | (codes[0] << 45) | (codes[1] << 30) | (codes[2] << 15) | codes[3]
}

/// The key of the articles in a channel (its columns' included: `kind` 0), of a source (1) or
/// of a tag (2), by number: the channel's position in the manifest, the source's or tag's in
/// `rows/names.json`. Bits 62 and 61 both set: no text key has them. A list of a channel, a
/// source or a tag is one posting set, newest first, without the rows.
pub fn facet_key(kind: u64, number: u32) -> u64 {
    (3 << 61) | (kind << 32) | u64::from(number)
}

/// Bit 60 marks a title key (format 2.1): a text key's articles that have the text in their
/// title, for ranking them first. No other key has it (characters are below 2²¹, pairs and
/// runs end below bit 60 under their kind's top bits, facet keys have bits 62 and 61).
pub const TITLE: u64 = 1 << 60;

/// The search keys of an article (repeats included): those of its folded title, again as title
/// keys, and of its other searchable text, fields apart.
pub fn text_key_fields(article: &Article, keys: &mut Vec<u64>) {
    let start = keys.len();
    text_keys(&normalize(&article.title), keys);
    for i in start..keys.len() {
        keys.push(keys[i] | TITLE);
    }
    text_keys(&searchable_text(article), keys);
}

/// The keys of one folded text: each character, and each run of two, three and four.
fn text_keys(text: &str, keys: &mut Vec<u64>) {
    let mut chars: [char; 4] = ['\0'; 4];
    // Codes of the last four characters; a run is coded while none of its codes is `None`.
    let mut codes: [Option<u64>; 4] = [None; 4];
    for (i, c) in text.chars().enumerate() {
        chars.rotate_left(1);
        codes.rotate_left(1);
        chars[3] = c;
        codes[3] = gram_code(c);
        keys.push(char_key(c));
        if i >= 1 {
            keys.push(pair_key(chars[2], c));
        }
        let coded = |n: usize| -> Option<[u64; 4]> {
            let mut run = [0; 4];
            for k in 4 - n..4 {
                run[k] = codes[k]?;
            }
            Some(run)
        };
        if i >= 2 {
            if let Some(run) = coded(3) {
                keys.push(triple_key(&run[1..]));
            }
        }
        if i >= 3 {
            if let Some(run) = coded(4) {
                keys.push(quad_key(&run));
            }
        }
    }
}

/// Whether an article contains every term in its folded title or other searchable text: how a
/// candidate matched by keys that do not decide its term alone is confirmed.
pub fn contains_terms(article: &Article, terms: &[&str]) -> bool {
    let (title, text) = (normalize(&article.title), searchable_text(article));
    // memchr's finder, as the whole-file search uses: one substring search in the Wasm.
    let occurs = |text: &str, term: &str| memchr::memmem::find(text.as_bytes(), term.as_bytes());
    terms
        .iter()
        .all(|term| occurs(&title, term).is_some() || occurs(&text, term).is_some())
}

/// A stable 64-bit mix (splitmix64's finaliser): shards must not depend on a hasher that may
/// change between Rust versions.
fn mix(key: u64) -> u64 {
    let mut z = key.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a, 64 bits.
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
