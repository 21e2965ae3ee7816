//! The files of one build of an archive (format in `folio_core::archive`): rows of facts,
//! posting sets in shards, id buckets, list records and whole articles a chunk per file, the
//! folding and pinyin tables, and the manifest. Each file goes to a sink as soon as it is
//! made, so a million articles' files are never all in memory.

use folio_core::archive::codec::{
    encode_rows, encode_set, encode_shard, header, FactRow, EXTERNAL, POSTINGS_MAGIC,
};
use folio_core::archive::{
    bucket_of, facet_key, list_path, postings_path, rows_path, shard_of, text_key_fields,
    text_path, FORMAT, MANIFEST, NAMES, READINGS, VERSION, WORDS,
};
use folio_core::catalogue::{Catalogue, Link, RELATED};
use folio_core::model::Article;
use folio_core::search::{FacetCounts, Facts, SearchRequest};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::{json, Value};

use crate::progress::bar;

/// Articles per `list/` and `text/` file: at least this many…
const MIN_CHUNK: usize = 32;
/// Runs in an archive's vocabulary for pinyin queries (`words.txt`: 5.4 KB gzip for 100,000
/// generated articles, docs/figures.md).
const VOCABULARY: usize = 3_000;
/// …and no more files of each kind than this, so a million articles stay under 20,000 files.
const MAX_CHUNKS: usize = 7_000;
/// Articles a task indexes; 16 blocks are indexed at a time. Small in the tests, so they cross
/// several groups.
const INDEX_BLOCK: usize = if cfg!(test) { 64 } else { 4_096 };
/// Articles per `rows/` file.
const ROWS_PER_FILE: usize = 1 << 16;
/// Ids per `ids/` bucket, on average.
const IDS_PER_BUCKET: usize = 2_048;
/// A posting set larger than this gets its own file instead of a place in a shard.
const EXTERNAL_OVER: usize = 24 << 10;
/// Bytes of posting sets a shard holds, on average…
const SHARD_BYTES: usize = 24 << 10;
/// …with no more shards than this.
const MAX_SHARDS: usize = 2_048;

/// A posting set being built, as varint gaps (a quarter of the memory of a list of numbers).
#[derive(Default)]
struct SetBuilder {
    last: u32,
    count: u32,
    gaps: Vec<u8>,
}

impl SetBuilder {
    fn push(&mut self, doc: u32) {
        let gap = if self.count == 0 {
            doc
        } else {
            doc - self.last
        };
        folio_core::archive::codec::put_varint(&mut self.gaps, u64::from(gap));
        self.last = doc;
        self.count += 1;
    }

    fn ids(&self) -> Vec<u32> {
        let mut cursor = folio_core::archive::codec::Cursor::new(&self.gaps);
        let mut id = 0u32;
        (0..self.count)
            .map(|k| {
                // Written just above by `push`: always complete.
                let gap = cursor.varint().unwrap_or(0) as u32;
                id = if k == 0 { gap } else { id + gap };
                id
            })
            .collect()
    }
}

/// One file of the archive.
pub(super) struct File {
    pub(super) path: String,
    pub(super) bytes: Vec<u8>,
}

fn json_file(path: String, value: &Value) -> File {
    File {
        path,
        bytes: value.to_string().into_bytes(),
    }
}

/// An article as a list record: everything but the body.
fn record(article: &Article) -> Value {
    let mut value = serde_json::to_value(article).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.shift_remove("body");
    }
    value
}

fn link(link: &Link) -> Value {
    json!({"id": link.id, "title": link.title, "published": link.published.to_string()})
}

/// Where each file goes as soon as it is made (a folder; a list in the tests), so a million
/// articles' files are never all in memory.
pub(super) type Sink<'a> = &'a (dyn Fn(File) -> std::io::Result<()> + Sync);

/// Makes every file of the archive and hands each to `sink`.
pub(super) fn archive_files(
    catalogue: &Catalogue,
    build: &str,
    problems: usize,
    quiet: bool,
    sink: Sink,
) -> std::io::Result<()> {
    let writer = Writer {
        catalogue,
        build,
        quiet,
        sink,
    };
    let facts = writer.facts();
    let facets = writer.rows_files(&facts)?;
    writer.table_files()?;
    let shards = writer.search_files(&facts)?;
    let buckets = writer.id_files()?;
    let chunk = catalogue
        .articles()
        .len()
        .div_ceil(MAX_CHUNKS)
        .max(MIN_CHUNK);
    writer.chunk_files(chunk)?;
    let layout = Layout {
        chunk,
        shards,
        buckets,
        problems,
    };
    sink(json_file(
        MANIFEST.to_owned(),
        &writer.manifest(&layout, &facets),
    ))
}

/// One build's files in the making.
struct Writer<'a> {
    catalogue: &'a Catalogue,
    build: &'a str,
    quiet: bool,
    sink: Sink<'a>,
}

/// The facts of every article, numbered as the rows files number them.
struct Numbered {
    rows: Vec<FactRow>,
    /// Sources and tags, in order of first appearance.
    sources: Vec<String>,
    tags: Vec<String>,
    /// Each channel's number with its ancestors': an article is listed in all of them.
    channel_paths: Vec<Vec<u32>>,
}

/// How the build's files are cut, as its manifest tells readers.
struct Layout {
    chunk: usize,
    shards: u32,
    buckets: u32,
    problems: usize,
}

/// Numbers `name` in `table` (the next number when it is new).
fn intern<'a>(table: &mut FxHashMap<&'a str, u32>, names: &mut Vec<String>, name: &'a str) -> u32 {
    let next = names.len() as u32;
    *table.entry(name).or_insert_with(|| {
        names.push(name.to_owned());
        next
    })
}

impl Writer<'_> {
    /// Every article's channel, source, day, views and tags, as numbers.
    fn facts(&self) -> Numbered {
        let catalogue = self.catalogue;
        let mut sources: FxHashMap<&str, u32> = FxHashMap::default();
        let mut tags: FxHashMap<&str, u32> = FxHashMap::default();
        let (mut source_names, mut tag_names) = (Vec::new(), Vec::new());
        let channel_number: FxHashMap<&str, u32> = catalogue
            .channels()
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i as u32))
            .collect();
        let rows = catalogue
            .articles()
            .iter()
            .map(|a| FactRow {
                channel: channel_number.get(a.channel.as_str()).copied().unwrap_or(0),
                source: intern(&mut sources, &mut source_names, a.source.as_str()),
                day: a.published.day_number(),
                views: a.views.unwrap_or(0),
                tags: a
                    .tags
                    .iter()
                    .map(|t| intern(&mut tags, &mut tag_names, t.as_str()))
                    .collect(),
            })
            .collect();
        let channel_paths = catalogue
            .channels()
            .iter()
            .map(|c| {
                catalogue
                    .channel_path(&c.id)
                    .iter()
                    .filter_map(|step| channel_number.get(step.id.as_str()).copied())
                    .collect()
            })
            .collect();
        Numbered {
            rows,
            sources: source_names,
            tags: tag_names,
            channel_paths,
        }
    }

    /// The rows files and the names they number; returns the whole archive's facet counts.
    fn rows_files(&self, facts: &Numbered) -> std::io::Result<FacetCounts> {
        let mut index = Facts::new(self.catalogue.channels(), &facts.sources, &facts.tags);
        for row in &facts.rows {
            index.push(row.channel, row.source, row.day, row.views, &row.tags);
        }
        let n = facts.rows.len();
        let facets = index
            .finish()
            .run_on(&SearchRequest::default(), (0..n).collect())
            .facets;
        for (k, part) in facts.rows.chunks(ROWS_PER_FILE).enumerate() {
            (self.sink)(File {
                path: rows_path(k as u32),
                bytes: encode_rows(self.build, part),
            })?;
        }
        (self.sink)(json_file(
            NAMES.to_owned(),
            &json!({"sources": facts.sources, "tags": facts.tags}),
        ))?;
        Ok(facets)
    }

    /// The tables a query needs: the folding table the keys were made with (in parts a query
    /// fetches by its characters), and what a pinyin query is matched against (the archive's
    /// words and the readings).
    fn table_files(&self) -> std::io::Result<()> {
        for (part, pairs) in folio_core::variants::parts() {
            (self.sink)(File {
                path: folio_core::variants::part_path(part),
                bytes: pairs.into_bytes(),
            })?;
        }
        let fields = self
            .catalogue
            .articles()
            .iter()
            .map(folio_core::pinyin::fields);
        (self.sink)(File {
            path: WORDS.to_owned(),
            bytes: folio_core::pinyin::vocabulary(fields, VOCABULARY).into_bytes(),
        })?;
        (self.sink)(File {
            path: READINGS.to_owned(),
            bytes: folio_core::pinyin::TABLE_TEXT.as_bytes().to_vec(),
        })
    }

    /// Posting sets of every search key and facet key, built a block of articles per task.
    /// Blocks are indexed in parallel a group at a time and merged in order (posting sets are
    /// built in article order), so only one group's partial maps are in memory at once.
    fn posting_sets(&self, facts: &Numbered) -> FxHashMap<u64, SetBuilder> {
        let articles = self.catalogue.articles();
        let progress = bar(self.quiet, articles.len(), "indexing");
        let block = INDEX_BLOCK;
        let mut sets: FxHashMap<u64, SetBuilder> = FxHashMap::default();
        for (g, group) in articles.chunks(block * 16).enumerate() {
            let partial: Vec<FxHashMap<u64, Vec<u32>>> = group
                .par_chunks(block)
                .enumerate()
                .map(|(b, part)| {
                    let first = g * block * 16 + b * block;
                    let map = block_sets(part, first, facts);
                    progress.inc(part.len() as u64);
                    map
                })
                .collect();
            for map in partial {
                for (key, docs) in map {
                    let set = sets.entry(key).or_default();
                    docs.into_iter().for_each(|doc| set.push(doc));
                }
            }
        }
        progress.finish_and_clear();
        sets
    }

    /// The posting sets in shards (and the largest in their own files); returns how many
    /// shards.
    fn search_files(&self, facts: &Numbered) -> std::io::Result<u32> {
        let n = self.catalogue.articles().len();
        let mut encoded: Vec<(u64, Vec<u8>)> = self
            .posting_sets(facts)
            .into_par_iter()
            .map(|(key, set)| (key, encode_set(&set.ids(), n as u32)))
            .collect();
        encoded.par_sort_unstable_by_key(|(key, _)| *key);
        let inline_bytes: usize = encoded
            .iter()
            .map(|(_, p)| p.len())
            .filter(|&len| len <= EXTERNAL_OVER)
            .sum();
        let shards = inline_bytes.div_ceil(SHARD_BYTES).clamp(1, MAX_SHARDS) as u32;
        let mut by_shard: Vec<Vec<(u64, Vec<u8>)>> = (0..shards).map(|_| Vec::new()).collect();
        for (key, payload) in encoded {
            let payload = if payload.len() > EXTERNAL_OVER {
                let mut bytes = header(POSTINGS_MAGIC, self.build);
                bytes.extend_from_slice(&payload);
                (self.sink)(File {
                    path: postings_path(key),
                    bytes,
                })?;
                vec![EXTERNAL]
            } else {
                payload
            };
            by_shard[shard_of(key, shards) as usize].push((key, payload));
        }
        by_shard
            .par_iter()
            .enumerate()
            .try_for_each(|(s, entries)| {
                (self.sink)(File {
                    path: format!("search/{s}.bin"),
                    bytes: encode_shard(self.build, entries),
                })
            })?;
        Ok(shards)
    }

    /// Which number each id has, in buckets by the id's hash; returns how many buckets.
    fn id_files(&self) -> std::io::Result<u32> {
        let articles = self.catalogue.articles();
        let buckets = articles.len().div_ceil(IDS_PER_BUCKET).max(1) as u32;
        let mut ids: Vec<(Vec<&str>, Vec<usize>)> =
            (0..buckets).map(|_| Default::default()).collect();
        for (doc, article) in articles.iter().enumerate() {
            let bucket = &mut ids[bucket_of(&article.id, buckets) as usize];
            bucket.0.push(&article.id);
            bucket.1.push(doc);
        }
        for (b, (ids, at)) in ids.into_iter().enumerate() {
            (self.sink)(json_file(
                format!("ids/{b}.json"),
                &json!({"ids": ids, "at": at}),
            ))?;
        }
        Ok(buckets)
    }

    /// List records and whole articles with their links, `chunk` articles per file.
    fn chunk_files(&self, chunk: usize) -> std::io::Result<()> {
        let catalogue = self.catalogue;
        let articles = catalogue.articles();
        let progress = bar(self.quiet, articles.len().div_ceil(chunk), "chunks");
        articles
            .par_chunks(chunk)
            .enumerate()
            .try_for_each(|(k, part)| {
                let records: Vec<Value> = part.iter().map(record).collect();
                let links: Vec<Value> = part
                    .iter()
                    .map(|article| {
                        let view = catalogue.article_view(&article.id, RELATED);
                        let view = view.as_ref();
                        json!({
                            "older": view.and_then(|v| v.older.as_ref()).map(link),
                            "newer": view.and_then(|v| v.newer.as_ref()).map(link),
                            "related": view.map_or_else(Vec::new, |v| v.related.iter().map(link).collect()),
                        })
                    })
                    .collect();
                progress.inc(1);
                (self.sink)(json_file(list_path(k as u32), &json!({ "articles": records })))?;
                (self.sink)(json_file(
                    text_path(k as u32),
                    &json!({ "articles": part, "links": links }),
                ))
            })?;
        progress.finish_and_clear();
        Ok(())
    }

    /// The build's manifest: its format, layout and facet counts, the site and the channels.
    fn manifest(&self, layout: &Layout, facets: &FacetCounts) -> Value {
        let counts = |values: &[(String, usize)]| -> Value {
            values
                .iter()
                .map(|(v, n)| json!({"v": v, "n": n}))
                .collect()
        };
        json!({
            "format": FORMAT,
            "version": VERSION,
            "build": self.build,
            "articles": self.catalogue.articles().len(),
            "chunk": layout.chunk,
            "rows": ROWS_PER_FILE,
            "shards": layout.shards,
            "buckets": layout.buckets,
            "problems": layout.problems,
            "facets": {
                "channels": counts(&facets.channels),
                "sources": counts(&facets.sources),
                "tags": counts(&facets.tags),
                "months": counts(&facets.months),
            },
            "site": self.catalogue.site(),
            "channels": self.catalogue.channels(),
        })
    }
}

/// The posting sets of one block of articles, `first` the number of its first.
fn block_sets(part: &[Article], first: usize, facts: &Numbered) -> FxHashMap<u64, Vec<u32>> {
    let mut map: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    let mut keys = Vec::new();
    for (k, article) in part.iter().enumerate() {
        keys.clear();
        text_key_fields(article, &mut keys);
        let doc = (first + k) as u32;
        let row = &facts.rows[doc as usize];
        let channels = facts
            .channel_paths
            .get(row.channel as usize)
            .into_iter()
            .flatten();
        keys.extend(channels.map(|&c| facet_key(0, c)));
        keys.push(facet_key(1, row.source));
        keys.extend(row.tags.iter().map(|&t| facet_key(2, t)));
        keys.sort_unstable();
        keys.dedup();
        for &key in &keys {
            map.entry(key).or_default().push(doc);
        }
    }
    map
}
