//! The binary files of a packed archive: posting sets, search shards and facet rows. Every
//! reader checks lengths and order, so a truncated or foreign file is a [`Fault`], never a
//! panic or a wrong answer.

use crate::error::Fault;

/// Magic of a search shard.
pub const SHARD_MAGIC: &[u8; 8] = b"FOLIOSH1";
/// Magic of a posting set kept in its own file (a key too common to share a shard).
pub const POSTINGS_MAGIC: &[u8; 8] = b"FOLIOPS1";
/// Magic of a facet rows file.
pub const ROWS_MAGIC: &[u8; 8] = b"FOLIORW1";
/// Length of a build id, in ASCII hex digits.
pub const BUILD_LEN: usize = 16;

/// A set stored as varint gaps: count, first id, then differences.
const LIST: u8 = 0;
/// A set stored as a bitmap over every article.
const BITS: u8 = 1;
/// The set lives in its own file ([`super::postings_path`]).
pub const EXTERNAL: u8 = 2;

/// Appends `value` as a LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads a file front to back; every read fails on a short or malformed file.
pub struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Cursor { bytes, at: 0 }
    }

    /// The next varint.
    pub fn varint(&mut self) -> Result<u64, Fault> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.at).ok_or(Fault::Damaged)?;
            self.at += 1;
            value |= u64::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(Fault::Damaged)
    }

    /// The next varint, which must fit in a `u32`.
    pub fn small(&mut self) -> Result<u32, Fault> {
        u32::try_from(self.varint()?).map_err(|_| Fault::Damaged)
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Fault> {
        let end = self.at.checked_add(n).ok_or(Fault::Damaged)?;
        let slice = self.bytes.get(self.at..end).ok_or(Fault::Damaged)?;
        self.at = end;
        Ok(slice)
    }

    /// The rest of the bytes.
    pub fn rest(&self) -> &'a [u8] {
        &self.bytes[self.at..]
    }

    /// True at the end.
    pub fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }
}

/// The header every binary file starts with: its magic and the build it belongs to.
pub fn header(magic: &[u8; 8], build: &str) -> Vec<u8> {
    let mut out = magic.to_vec();
    out.extend_from_slice(build.as_bytes());
    out
}

/// Checks a file's header; returns a cursor after it.
pub fn open<'a>(bytes: &'a [u8], magic: &[u8; 8], build: &str) -> Result<Cursor<'a>, Fault> {
    let mut cursor = Cursor::new(bytes);
    if cursor.take(8)? != magic {
        return Err(Fault::Damaged);
    }
    if cursor.take(BUILD_LEN)? != build.as_bytes() {
        return Err(Fault::OtherBuild);
    }
    Ok(cursor)
}

/// Encodes a strictly increasing set of article numbers below `n`, as a gap list or a bitmap,
/// whichever is smaller.
pub fn encode_set(ids: &[u32], n: u32) -> Vec<u8> {
    let mut list = vec![LIST];
    put_varint(&mut list, ids.len() as u64);
    let mut previous = 0u32;
    for (k, &id) in ids.iter().enumerate() {
        put_varint(
            &mut list,
            u64::from(if k == 0 { id } else { id - previous }),
        );
        previous = id;
    }
    let bitmap_len = (n as usize).div_ceil(8);
    if list.len() <= bitmap_len + 1 {
        return list;
    }
    let mut bits = vec![0u8; bitmap_len + 1];
    bits[0] = BITS;
    for &id in ids {
        bits[1 + id as usize / 8] |= 1 << (id % 8);
    }
    bits
}

/// Decodes a set written by [`encode_set`]; every number must be below `n` and increasing.
pub fn decode_set(bytes: &[u8], n: u32) -> Result<Vec<u32>, Fault> {
    let mut cursor = Cursor::new(bytes);
    let kind = cursor.take(1)?[0];
    match kind {
        LIST => {
            let count = cursor.varint()?;
            if count > u64::from(n) {
                return Err(Fault::Damaged);
            }
            let mut ids = Vec::with_capacity(count as usize);
            let mut id = 0u64;
            for k in 0..count {
                let gap = cursor.varint()?;
                if k > 0 && gap == 0 {
                    return Err(Fault::Damaged);
                }
                id += gap;
                if id >= u64::from(n) {
                    return Err(Fault::Damaged);
                }
                ids.push(id as u32);
            }
            if !cursor.is_done() {
                return Err(Fault::Damaged);
            }
            Ok(ids)
        }
        BITS => {
            let bits = cursor.rest();
            if bits.len() != (n as usize).div_ceil(8) {
                return Err(Fault::Damaged);
            }
            let mut ids = Vec::new();
            for (byte_at, &byte) in bits.iter().enumerate() {
                let mut byte = byte;
                while byte != 0 {
                    let id = byte_at as u32 * 8 + byte.trailing_zeros();
                    if id >= n {
                        return Err(Fault::Damaged);
                    }
                    ids.push(id);
                    byte &= byte - 1;
                }
            }
            Ok(ids)
        }
        _ => Err(Fault::Damaged),
    }
}

/// The articles in both sorted sets.
pub fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Writes a shard: header, the number of keys, each key (as the gap from the previous one)
/// with its payload's length, then the payloads. `entries` must be sorted by key.
pub fn encode_shard(build: &str, entries: &[(u64, Vec<u8>)]) -> Vec<u8> {
    let mut out = header(SHARD_MAGIC, build);
    put_varint(&mut out, entries.len() as u64);
    let mut previous = 0;
    for (key, payload) in entries {
        put_varint(&mut out, key - previous);
        put_varint(&mut out, payload.len() as u64);
        previous = *key;
    }
    for (_, payload) in entries {
        out.extend_from_slice(payload);
    }
    out
}

/// A search shard, read: its keys in order and where each one's payload lies.
#[derive(Debug, PartialEq)]
pub struct Shard {
    keys: Vec<u64>,
    ends: Vec<usize>,
    payloads: Vec<u8>,
}

impl Shard {
    /// Reads a shard of this build.
    pub fn parse(bytes: &[u8], build: &str) -> Result<Shard, Fault> {
        let mut cursor = open(bytes, SHARD_MAGIC, build)?;
        let count = cursor.varint()? as usize;
        if count > bytes.len() {
            return Err(Fault::Damaged);
        }
        let (mut keys, mut ends) = (Vec::with_capacity(count), Vec::with_capacity(count));
        let (mut key, mut end) = (0u64, 0usize);
        for k in 0..count {
            let gap = cursor.varint()?;
            if k > 0 && gap == 0 {
                return Err(Fault::Damaged);
            }
            key = key.checked_add(gap).ok_or(Fault::Damaged)?;
            end = end
                .checked_add(cursor.varint()? as usize)
                .ok_or(Fault::Damaged)?;
            keys.push(key);
            ends.push(end);
        }
        let payloads = cursor.rest();
        if payloads.len() != end {
            return Err(Fault::Damaged);
        }
        Ok(Shard {
            keys,
            ends,
            payloads: payloads.to_vec(),
        })
    }

    /// The payload of a key; `None` when no article has it.
    pub fn get(&self, key: u64) -> Option<&[u8]> {
        let k = self.keys.binary_search(&key).ok()?;
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        Some(&self.payloads[start..self.ends[k]])
    }

    /// Bytes held.
    pub fn size(&self) -> usize {
        self.payloads.len() + self.keys.len() * 16
    }
}

/// The filterable facts of one article, as a rows file stores them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FactRow {
    /// Position of the article's channel in the manifest's channels.
    pub channel: u32,
    /// Position of its source in `rows/names.json`.
    pub source: u32,
    /// Local publication day as YYYYMMDD.
    pub day: u32,
    /// View count (0 when the data has none).
    pub views: u64,
    /// Positions of its tags in `rows/names.json`.
    pub tags: Vec<u32>,
}

/// Writes a rows file: header, the number of rows, then each row's varints.
pub fn encode_rows(build: &str, rows: &[FactRow]) -> Vec<u8> {
    let mut out = header(ROWS_MAGIC, build);
    put_varint(&mut out, rows.len() as u64);
    for row in rows {
        for value in [row.channel, row.source, row.day] {
            put_varint(&mut out, u64::from(value));
        }
        put_varint(&mut out, row.views);
        put_varint(&mut out, row.tags.len() as u64);
        for &tag in &row.tags {
            put_varint(&mut out, u64::from(tag));
        }
    }
    out
}

/// Reads a rows file of this build, calling `row` for each row in order.
pub fn decode_rows(
    bytes: &[u8],
    build: &str,
    mut row: impl FnMut(&FactRow),
) -> Result<usize, Fault> {
    let mut cursor = open(bytes, ROWS_MAGIC, build)?;
    let count = cursor.varint()? as usize;
    let mut fact = FactRow::default();
    for _ in 0..count {
        fact.channel = cursor.small()?;
        fact.source = cursor.small()?;
        fact.day = cursor.small()?;
        fact.views = cursor.varint()?;
        let tags = cursor.varint()? as usize;
        fact.tags.clear();
        for _ in 0..tags.min(bytes.len()) {
            fact.tags.push(cursor.small()?);
        }
        row(&fact);
    }
    if !cursor.is_done() {
        return Err(Fault::Damaged);
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILD: &str = "0123456789abcdef";

    #[test]
    fn sets_round_trip_as_lists_and_bitmaps() {
        for (ids, n) in [
            (vec![], 10),
            (vec![0], 1),
            (vec![3, 9, 1000], 5000),
            ((0..900).collect::<Vec<u32>>(), 1000),
            ((0..1000).step_by(3).collect(), 1000),
        ] {
            let bytes = encode_set(&ids, n);
            assert_eq!(decode_set(&bytes, n), Ok(ids.clone()), "{ids:?}");
        }
        // Dense sets take the bitmap: 900 of 1000 articles in 126 bytes, not 900+.
        assert_eq!(encode_set(&(0..900).collect::<Vec<_>>(), 1000).len(), 126);
    }

    #[test]
    fn damaged_sets_are_faults() {
        let bytes = encode_set(&[1, 5, 9], 10);
        for cut in 0..bytes.len() {
            assert_eq!(
                decode_set(&bytes[..cut], 10),
                Err(Fault::Damaged),
                "cut {cut}"
            );
        }
        assert_eq!(
            decode_set(&bytes, 9),
            Err(Fault::Damaged),
            "id past the end"
        );
        assert_eq!(decode_set(&[7, 0], 10), Err(Fault::Damaged), "unknown kind");
        assert_eq!(decode_set(&[BITS, 0xFF, 0xFF], 10), Err(Fault::Damaged));
    }

    #[test]
    fn shards_find_keys_and_refuse_other_builds_and_cuts() {
        let entries = vec![
            (7u64, encode_set(&[1], 4)),
            (1 << 40, encode_set(&[0, 3], 4)),
        ];
        let bytes = encode_shard(BUILD, &entries);
        let shard = Shard::parse(&bytes, BUILD).unwrap();
        assert_eq!(shard.get(7), Some(&entries[0].1[..]));
        assert_eq!(shard.get(1 << 40), Some(&entries[1].1[..]));
        assert_eq!(shard.get(8), None);
        assert_eq!(
            Shard::parse(&bytes, "fedcba9876543210"),
            Err(Fault::OtherBuild)
        );
        for cut in 0..bytes.len() {
            assert!(Shard::parse(&bytes[..cut], BUILD).is_err(), "cut {cut}");
        }
    }

    #[test]
    fn rows_round_trip_and_refuse_cuts() {
        let rows = vec![
            FactRow {
                channel: 2,
                source: 0,
                day: 20_150_615,
                views: 1234,
                tags: vec![0, 3],
            },
            FactRow::default(),
        ];
        let bytes = encode_rows(BUILD, &rows);
        let mut read = Vec::new();
        assert_eq!(decode_rows(&bytes, BUILD, |r| read.push(r.clone())), Ok(2));
        assert_eq!(read, rows);
        for cut in 0..bytes.len() {
            assert!(
                decode_rows(&bytes[..cut], BUILD, |_| {}).is_err(),
                "cut {cut}"
            );
        }
    }
}
