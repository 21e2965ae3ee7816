//! `folio pack INPUT --out DIR`: validates a data file with the viewer's own loader and writes it
//! as a packed archive (format in `folio_core::archive`, for site owners in `docs/archive.md`):
//! static files a viewer fetches a view at a time, sized so a million articles stay under
//! 20,000 files.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use folio_core::archive::codec::{
    encode_rows, encode_set, encode_shard, header, FactRow, EXTERNAL, POSTINGS_MAGIC,
};
use folio_core::archive::{
    bucket_of, facet_key, fnv, list_path, postings_path, rows_path, shard_of, text_key_fields,
    text_path, BUILDS, FORMAT, MANIFEST, NAMES, READINGS, VERSION, WORDS,
};
use folio_core::catalogue::{Catalogue, Link, RELATED};
use folio_core::encoding::utf8_text;
use folio_core::i18n::{error_text, Lang};
use folio_core::load;
use folio_core::model::Article;
use folio_core::problem::{Place, Problem, ProblemKind};
use folio_core::search::{Facts, SearchRequest};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{json, Value};

use crate::check::{parse_lang, print_problems};
use crate::positions::{positions, Positions};
use crate::{EXIT_FATAL, EXIT_OK, EXIT_PROBLEMS};

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

/// Write a data file as a packed archive for large sites
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  folio pack articles.json --out dist/archive
  folio gen 1000000 --jsonl --out big.jsonl && folio pack big.jsonl --out dist/archive
  folio pack export.jsonl --out site/archive --quiet

The input is a data file (docs/schema.md), or its JSON Lines form: a first line with
`site` and `channels`, then one article per line. It is validated as `folio check` does;
problems are printed the same way and a skipped article is left out of the archive.

Each pack is a build in its own folder, DIR/b/BUILD/, written aside and moved into place
when complete; then DIR/manifest.json, the one file that changes, names it. Readers who
opened an earlier build keep reading it, so earlier builds are kept until --keep or
--keep-for prunes them. The same input is the same build: packing it again writes nothing.
DIR/_headers tells hosts that read it (Netlify, Cloudflare Pages) to cache the builds'
files for good and the manifest for a minute. Point the viewer at the folder with
<folio-viewer src=\"archive/\">.

Exit codes: 0 packed; 1 packed, but some entries were skipped (listed); 2 nothing written.")]
pub struct Args {
    /// The data file (`.json`, or JSON Lines); `-` reads standard input
    input: PathBuf,
    /// The archive folder to write into (a new build beside the earlier ones)
    #[arg(long, short)]
    out: PathBuf,
    /// Keep only the newest N builds (this one included); earlier ones are removed
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    keep: Option<u32>,
    /// Remove builds replaced longer ago than this (`90m`, `12h`, `7d`): long enough for
    /// readers mid-session and for caches
    #[arg(long, value_name = "AGE", value_parser = parse_age)]
    keep_for: Option<Duration>,
    /// Write the build again even when the folder holds it (a damaged or partial copy)
    #[arg(long)]
    force: bool,
    /// Language of the problem messages
    #[arg(long, value_parser = parse_lang, default_value = "en")]
    lang: Lang,
    /// Print only errors: no progress, warnings or summary
    #[arg(long, short)]
    quiet: bool,
}

/// A duration written as a number and a unit: `s`, `m`, `h` or `d`.
pub fn parse_age(text: &str) -> Result<Duration, String> {
    let unit = text.chars().last().unwrap_or(' ');
    let seconds = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3_600,
        'd' => 86_400,
        _ => return Err("an age is a number and a unit: 90m, 12h, 7d".into()),
    };
    text[..text.len() - 1]
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(seconds))
        .map(Duration::from_secs)
        .ok_or_else(|| "an age is a number and a unit: 90m, 12h, 7d".into())
}

/// Which earlier builds to keep: all of them unless asked (a build is removed only when every
/// rule given lets it go).
#[derive(Clone, Copy, Debug, Default)]
pub struct Keep {
    /// The newest N builds, the current one included.
    pub count: Option<u32>,
    /// Builds replaced less than this long ago.
    pub age: Option<Duration>,
}

/// The input, validated.
struct Input {
    entries: load::Entries,
    positions: Positions,
}

/// Reads a data file or its JSON Lines form.
fn read_input(text: &str) -> Result<Input, folio_core::Error> {
    let first = text.lines().next().unwrap_or("");
    let jsonl = serde_json::from_str::<serde_json::Map<String, Value>>(first)
        .is_ok_and(|head| head.contains_key("site") && !head.contains_key("articles"));
    if !jsonl {
        return Ok(Input {
            entries: load::load_entries(text)?,
            positions: positions(text),
        });
    }
    let (site, channels, mut problems) = load::load_head(first)?;
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .skip(1)
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(number, line)| (number + 1, line))
        .collect();
    let read: Vec<(Option<Article>, Vec<Problem>)> = lines
        .par_iter()
        .enumerate()
        .map(|(index, (_, line))| {
            let place = |id: Option<String>| Place::Article { index, id };
            match load::load_articles(&format!("{{\"articles\":[{line}]}}"), &channels, true) {
                Ok((mut articles, mut problems)) => {
                    for problem in &mut problems {
                        if let Place::Article { id, .. } = &problem.place {
                            problem.place = place(id.clone());
                        }
                    }
                    (articles.pop(), problems)
                }
                Err(_) => (
                    None,
                    vec![Problem {
                        place: place(None),
                        field: String::new(),
                        kind: ProblemKind::NotAnObject,
                        skipped: true,
                    }],
                ),
            }
        })
        .collect();
    let mut articles = Vec::with_capacity(read.len());
    let mut seen = FxHashSet::default();
    for (index, (article, found)) in read.into_iter().enumerate() {
        problems.extend(found);
        let Some(article) = article else { continue };
        if seen.insert(article.id.clone()) {
            articles.push(article);
        } else {
            problems.push(Problem {
                place: Place::Article {
                    index,
                    id: Some(article.id.clone()),
                },
                field: "id".into(),
                kind: ProblemKind::DuplicateId(article.id),
                skipped: true,
            });
        }
    }
    load::drop_unknown_related(&mut articles, &mut problems);
    Ok(Input {
        entries: load::Entries {
            site,
            channels,
            articles,
            problems,
        },
        positions: Positions {
            site: Some(1),
            channels: Vec::new(),
            articles: lines.iter().map(|(number, _)| *number).collect(),
        },
    })
}

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
struct File {
    path: String,
    bytes: Vec<u8>,
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

pub(crate) fn bar(quiet: bool, len: usize, what: &'static str) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix(what);
    bar
}

/// What was written.
pub struct Packed {
    /// Articles in the archive.
    pub articles: usize,
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Posting sets in their own file.
    pub external: usize,
    /// The build id (its folder is `b/BUILD/`).
    pub build: String,
    /// False when the folder held this build already (the same input): nothing was written.
    pub fresh: bool,
    /// Earlier builds removed, and earlier builds still there.
    pub pruned: usize,
    pub kept: usize,
}

/// Builds every file of the archive.
/// Where each file goes as soon as it is made (a folder; a list in the tests), so a million
/// articles' files are never all in memory.
type Sink<'a> = &'a (dyn Fn(File) -> std::io::Result<()> + Sync);

/// Makes every file of the archive and hands each to `sink`.
fn archive_files(
    catalogue: &Catalogue,
    build: &str,
    problems: usize,
    quiet: bool,
    sink: Sink,
) -> std::io::Result<()> {
    let articles = catalogue.articles();
    let n = articles.len();
    let chunk = n.div_ceil(MAX_CHUNKS).max(MIN_CHUNK);

    // Tables of sources and tags, numbered in order of first appearance.
    let mut sources: FxHashMap<&str, u32> = FxHashMap::default();
    let mut tags: FxHashMap<&str, u32> = FxHashMap::default();
    let (mut source_names, mut tag_names) = (Vec::new(), Vec::new());
    let channel_number: FxHashMap<&str, u32> = catalogue
        .channels()
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i as u32))
        .collect();
    fn intern<'a>(
        table: &mut FxHashMap<&'a str, u32>,
        names: &mut Vec<String>,
        name: &'a str,
    ) -> u32 {
        let next = names.len() as u32;
        *table.entry(name).or_insert_with(|| {
            names.push(name.to_owned());
            next
        })
    }
    let rows: Vec<FactRow> = articles
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
    let mut facts = Facts::new(catalogue.channels(), &source_names, &tag_names);
    for row in &rows {
        facts.push(row.channel, row.source, row.day, row.views, &row.tags);
    }
    let facets = facts
        .finish()
        .run_on(&SearchRequest::default(), (0..n).collect())
        .facets;
    for (k, part) in rows.chunks(ROWS_PER_FILE).enumerate() {
        sink(File {
            path: rows_path(k as u32),
            bytes: encode_rows(build, part),
        })?;
    }
    sink(json_file(
        NAMES.to_owned(),
        &json!({"sources": source_names, "tags": tag_names}),
    ))?;
    // The folding table the keys were made with, in parts a query fetches by its characters.
    for (part, pairs) in folio_core::variants::parts() {
        sink(File {
            path: folio_core::variants::part_path(part),
            bytes: pairs.into_bytes(),
        })?;
    }
    // What a pinyin query is matched against: the archive's words and the readings.
    let fields = articles.iter().map(folio_core::pinyin::fields);
    sink(File {
        path: WORDS.to_owned(),
        bytes: folio_core::pinyin::vocabulary(fields, VOCABULARY).into_bytes(),
    })?;
    sink(File {
        path: READINGS.to_owned(),
        bytes: folio_core::pinyin::TABLE_TEXT.as_bytes().to_vec(),
    })?;

    // Each channel's number with its ancestors': an article is listed in all of them.
    let channel_paths: Vec<Vec<u32>> = catalogue
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

    // Posting sets of every search key and facet key, built a block of articles per task.
    let progress = bar(quiet, n, "indexing");
    let block = INDEX_BLOCK;
    // Blocks are indexed in parallel a group at a time and merged in order (posting sets are
    // built in article order), so only one group's partial maps are in memory at once.
    let mut sets: FxHashMap<u64, SetBuilder> = FxHashMap::default();
    for (g, group) in articles.chunks(block * 16).enumerate() {
        let partial: Vec<FxHashMap<u64, Vec<u32>>> = group
            .par_chunks(block)
            .enumerate()
            .map(|(b, part)| {
                let mut map: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
                let mut keys = Vec::new();
                for (k, article) in part.iter().enumerate() {
                    keys.clear();
                    text_key_fields(article, &mut keys);
                    let doc = (g * block * 16 + b * block + k) as u32;
                    let row = &rows[doc as usize];
                    let channels = channel_paths
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
    let mut encoded: Vec<(u64, Vec<u8>)> = sets
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
            let mut bytes = header(POSTINGS_MAGIC, build);
            bytes.extend_from_slice(&payload);
            sink(File {
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
            sink(File {
                path: format!("search/{s}.bin"),
                bytes: encode_shard(build, entries),
            })
        })?;

    // Which number each id has.
    let buckets = n.div_ceil(IDS_PER_BUCKET).max(1) as u32;
    let mut ids: Vec<(Vec<&str>, Vec<usize>)> = (0..buckets).map(|_| Default::default()).collect();
    for (doc, article) in articles.iter().enumerate() {
        let bucket = &mut ids[bucket_of(&article.id, buckets) as usize];
        bucket.0.push(&article.id);
        bucket.1.push(doc);
    }
    for (b, (ids, at)) in ids.into_iter().enumerate() {
        sink(json_file(
            format!("ids/{b}.json"),
            &json!({"ids": ids, "at": at}),
        ))?;
    }

    // List records and whole articles with their links, a chunk per file.
    let progress = bar(quiet, n.div_ceil(chunk), "chunks");
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
            sink(json_file(list_path(k as u32), &json!({ "articles": records })))?;
            sink(json_file(
                text_path(k as u32),
                &json!({ "articles": part, "links": links }),
            ))
        })?;
    progress.finish_and_clear();

    let counts = |values: &[(String, usize)]| -> Value {
        values
            .iter()
            .map(|(v, n)| json!({"v": v, "n": n}))
            .collect()
    };
    let manifest = json!({
        "format": FORMAT,
        "version": VERSION,
        "build": build,
        "articles": n,
        "chunk": chunk,
        "rows": ROWS_PER_FILE,
        "shards": shards,
        "buckets": buckets,
        "problems": problems,
        "facets": {
            "channels": counts(&facets.channels),
            "sources": counts(&facets.sources),
            "tags": counts(&facets.tags),
            "months": counts(&facets.months),
        },
        "site": catalogue.site(),
        "channels": catalogue.channels(),
    });
    sink(json_file(MANIFEST.to_owned(), &manifest))
}

/// The folders of a format 1 archive, whose files sat beside its manifest.
const FLAT_FOLDERS: [&str; 5] = ["list", "text", "ids", "search", "rows"];
/// The archive's publishing log (not read by viewers): which build was published when, so
/// pruning knows their order whatever a copy did to the folders' times.
const HISTORY: &str = "history.json";
/// The first line of the `_headers` Folio writes; a `_headers` without it is the site
/// owner's, and left alone.
const HEADERS_MARK: &str = "# Written by folio pack";

/// What `folio pack` is asked to do besides writing the build.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Which earlier builds to keep.
    pub keep: Keep,
    /// Write the build again even when its folder holds it (a damaged copy).
    pub force: bool,
    /// Write `_headers` beside the manifest (not when the archive is part of a site that
    /// writes its own).
    pub headers: bool,
}

/// The cache headers of an archive served at `prefix` (`/` when the folder is the site), in
/// the `_headers` form Netlify and Cloudflare Pages read: a build's files never change, the
/// manifest names the latest build.
pub fn cache_headers(prefix: &str) -> String {
    format!(
        "{prefix}{BUILDS}*\n  Cache-Control: public, max-age=31536000, immutable\n\
         {prefix}{MANIFEST}\n  Cache-Control: public, max-age=60\n"
    )
}

/// Writes a file by writing it aside and renaming it over the old one: a reader gets the old
/// file or the new one, never half of one.
fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let aside = path.with_file_name(format!(".{name}.partial"));
    std::fs::write(&aside, bytes)?;
    std::fs::rename(&aside, path)
}

/// Milliseconds since the Unix epoch.
fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// The publishing log, oldest first: `[{"build": …, "published": ms}, …]`. A missing or
/// unreadable log is empty.
fn history(out: &Path) -> Vec<(String, u64)> {
    let Ok(bytes) = std::fs::read(out.join(HISTORY)) else {
        return Vec::new();
    };
    let log: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    log.as_array()
        .map(|entries| {
            entries
                .iter()
                .filter_map(|e| Some((e["build"].as_str()?.to_owned(), e["published"].as_u64()?)))
                .collect()
        })
        .unwrap_or_default()
}

/// Writes the build into `out/b/BUILD/` (into a folder beside it as its files are made, moved
/// into place when complete) unless it is there, then points `out/manifest.json` at it, logs
/// it, writes `out/_headers`, and prunes earlier builds as asked.
fn write(
    out: &Path,
    build: &str,
    catalogue: &Catalogue,
    problems: usize,
    quiet: bool,
    options: Options,
) -> std::io::Result<Packed> {
    let builds = out.join(BUILDS.trim_end_matches('/'));
    let folder = builds.join(build);
    std::fs::create_dir_all(&builds)?;
    let (files, bytes, external) = (AtomicUsize::new(0), AtomicU64::new(0), AtomicUsize::new(0));
    let fresh = options.force || !folder.join(MANIFEST).is_file();
    if fresh {
        let staging = builds.join(format!(".{build}.partial"));
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        for dir in ["list", "text", "ids", "search/k", "rows", "fold"] {
            std::fs::create_dir_all(staging.join(dir))?;
        }
        let sink = |file: File| {
            files.fetch_add(1, Ordering::Relaxed);
            bytes.fetch_add(file.bytes.len() as u64, Ordering::Relaxed);
            if file.path.starts_with("search/k/") {
                external.fetch_add(1, Ordering::Relaxed);
            }
            std::fs::write(staging.join(&file.path), &file.bytes)
        };
        archive_files(catalogue, build, problems, quiet, &sink)?;
        if folder.exists() {
            // A build left without its manifest (never published), or one written again: the
            // old copy moves aside first, so the folder is missing only between two renames.
            let old = builds.join(format!(".{build}.old"));
            if old.exists() {
                std::fs::remove_dir_all(&old)?;
            }
            std::fs::rename(&folder, &old)?;
            std::fs::rename(&staging, &folder)?;
            std::fs::remove_dir_all(&old)?;
        } else {
            std::fs::rename(&staging, &folder)?;
        }
    }
    // The build's own copy of its manifest, published as the entry point once the files are
    // all in place: a host serving the folder meanwhile serves the old build whole.
    let manifest = std::fs::read(folder.join(MANIFEST))?;
    let mut log = history(out);
    if log.last().is_none_or(|(last, _)| last != build) {
        log.retain(|(logged, _)| logged != build);
        log.push((build.to_owned(), now_ms()));
        let entries: Vec<Value> = log
            .iter()
            .map(|(build, at)| json!({ "build": build, "published": at }))
            .collect();
        replace_file(&out.join(HISTORY), &serde_json::to_vec(&entries)?)?;
    }
    replace_file(&out.join(MANIFEST), &manifest)?;
    if options.headers {
        let path = out.join("_headers");
        let theirs =
            std::fs::read_to_string(&path).is_ok_and(|text| !text.starts_with(HEADERS_MARK));
        if !theirs {
            let text = format!(
                "{HEADERS_MARK}, for this folder served at the site's root.\n{}",
                cache_headers("/")
            );
            replace_file(&path, text.as_bytes())?;
        }
    }
    let (pruned, kept) = prune(out, build, options.keep)?;
    Ok(Packed {
        articles: catalogue.articles().len(),
        files: files.into_inner(),
        bytes: bytes.into_inner(),
        external: external.into_inner(),
        build: build.to_owned(),
        fresh,
        pruned,
        kept,
    })
}

/// Prunes the builds of the archive in `out` other than the one its manifest names, as `keep`
/// says (for `folio build` when the data, and so the archive, did not change).
pub fn prune_published(out: &Path, keep: Keep) -> std::io::Result<(usize, usize)> {
    match published(out) {
        Some(current) if out.join(BUILDS).join(&current).is_dir() => prune(out, &current, keep),
        _ => Ok((0, 0)),
    }
}

/// The build `out/manifest.json` names now, if it can be read.
fn published(out: &Path) -> Option<String> {
    let bytes = std::fs::read(out.join(MANIFEST)).ok()?;
    let manifest: Value = serde_json::from_slice(&bytes).ok()?;
    manifest["build"].as_str().map(str::to_owned)
}

/// Removes the builds of `out` other than `current` that `keep` lets go (every rule given must
/// let it go; none given keeps them all); returns how many were removed and how many are left.
/// Builds are ordered by the publishing log (a build counts as replaced when the next one was
/// published); builds it does not name (copied in, or from before the log) come after those it
/// names, by their folders' times. A format 1 archive's files at the root (all its folders
/// there) are the oldest build.
fn prune(out: &Path, current: &str, keep: Keep) -> std::io::Result<(usize, usize)> {
    let builds = out.join(BUILDS.trim_end_matches('/'));
    let log = history(out);
    let mut unlogged: Vec<(std::time::SystemTime, String)> = Vec::new();
    let mut on_disk = Vec::new();
    for entry in std::fs::read_dir(&builds)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !entry.file_type()?.is_dir() || name == current {
            continue;
        }
        if !log.iter().any(|(logged, _)| *logged == name) {
            unlogged.push((entry.metadata()?.modified()?, name.clone()));
        }
        on_disk.push(name);
    }
    unlogged.sort();
    let now = now_ms();
    let modified_ms = |time: std::time::SystemTime| {
        time.duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    };
    // Newest first after the current build, each with the time it was replaced (when the
    // build after it was published).
    let mut order: Vec<(Option<String>, u64)> = Vec::new();
    let mut replaced_at = log
        .iter()
        .find(|(logged, _)| logged == current)
        .map_or(now, |(_, at)| *at);
    for (name, at) in log.iter().rev() {
        if name != current && on_disk.contains(name) {
            order.push((Some(name.clone()), replaced_at));
            replaced_at = *at;
        }
    }
    for (time, name) in unlogged.into_iter().rev() {
        order.push((Some(name), replaced_at));
        replaced_at = modified_ms(time);
    }
    let flat = ["list", "text", "ids", "rows"]
        .iter()
        .all(|dir| out.join(dir).is_dir());
    if flat {
        order.push((None, replaced_at));
    }
    let (mut pruned, mut kept) = (0, 0);
    for (rank, (name, replaced)) in order.into_iter().enumerate() {
        // The current build is rank 0.
        let by_count = keep.count.map(|n| rank + 1 >= n as usize);
        let by_age = keep
            .age
            .map(|age| now.saturating_sub(replaced) > age.as_millis() as u64);
        let go = match (by_count, by_age) {
            (None, None) => false,
            (count, age) => count.unwrap_or(true) && age.unwrap_or(true),
        };
        if !go {
            kept += 1;
            continue;
        }
        match name {
            Some(name) => std::fs::remove_dir_all(builds.join(name))?,
            None => {
                for dir in FLAT_FOLDERS {
                    if out.join(dir).is_dir() {
                        std::fs::remove_dir_all(out.join(dir))?;
                    }
                }
            }
        }
        pruned += 1;
    }
    Ok((pruned, kept))
}

/// Packs a data file's `bytes` into `out`; returns what was written and the problems found.
/// The bytes are freed once read, before the archive is built.
pub fn pack(
    bytes: Vec<u8>,
    out: &Path,
    quiet: bool,
    options: Options,
) -> Result<(Packed, Vec<Problem>, Positions), String> {
    let text = utf8_text(&bytes).map_err(|e| error_text(Lang::En, &e.into()))?;
    // The same input always gives the same build id; another input, format or Folio another
    // (a newer packer may write other files).
    let build = format!(
        "{:016x}",
        fnv(text.as_bytes()) ^ fnv(format!("{VERSION:?} {}", env!("CARGO_PKG_VERSION")).as_bytes())
    );
    let input = read_input(text).map_err(|e| error_text(Lang::En, &e))?;
    drop(bytes);
    let load::Entries {
        site,
        channels,
        articles,
        problems,
    } = input.entries;
    let catalogue = Catalogue::unindexed(site, channels, articles);
    let packed = write(out, &build, &catalogue, problems.len(), quiet, options)
        .map_err(|e| format!("{}: {e}", out.display()))?;
    Ok((packed, problems, input.positions))
}

/// Runs the command; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let started = Instant::now();
    let name = args.input.display().to_string();
    let bytes = if args.input.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(&args.input)
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("error: could not read {name}: {error}");
            return EXIT_FATAL;
        }
    };
    if let Err(error) = utf8_text(&bytes) {
        eprintln!("error: {name}: {}", error_text(args.lang, &error.into()));
        return EXIT_FATAL;
    }
    let options = Options {
        keep: Keep {
            count: args.keep,
            age: args.keep_for,
        },
        force: args.force,
        headers: true,
    };
    let (packed, problems, positions) = match pack(bytes, &args.out, args.quiet, options) {
        Ok(done) => done,
        Err(error) => {
            eprintln!("error: {name}: {error}");
            return EXIT_FATAL;
        }
    };
    print_problems(&name, &problems, &positions, args.lang, args.quiet);
    let skipped = problems.iter().filter(|p| p.skipped).count();
    if !args.quiet {
        let earlier = match (packed.pruned, packed.kept) {
            (0, 0) => String::new(),
            (0, kept) => format!("; {kept} earlier builds kept (--keep, --keep-for prune them)"),
            (pruned, kept) => format!("; {pruned} earlier builds removed, {kept} kept"),
        };
        if packed.fresh {
            eprintln!(
                "packed {} articles ({skipped} skipped) into {} as build {}: {} files ({} posting sets on their own), {:.1} MB, in {:.1} s{earlier}",
                packed.articles,
                args.out.display(),
                packed.build,
                packed.files,
                packed.external,
                packed.bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
        } else {
            eprintln!(
                "{} already holds build {} of these {} articles: published it again, in {:.1} s{earlier}",
                args.out.display(),
                packed.build,
                packed.articles,
                started.elapsed().as_secs_f64()
            );
        }
    }
    if skipped > 0 {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use folio_core::archive::reader::{Archive, Step};
    use folio_core::catalogue::ListPage;
    use folio_core::error::Fault;
    use folio_core::generate::generate;
    use folio_core::route::Sort;
    use folio_core::search::{normalize, Suggestion};
    use folio_core::Error;

    /// An archive in memory: its files by path, and a reader that fetches from them.
    struct Served {
        files: FxHashMap<String, Vec<u8>>,
        fetched: std::cell::RefCell<Vec<String>>,
    }

    impl Served {
        fn pack(text: &str) -> (Served, Catalogue) {
            let entries = load::load_entries(text).unwrap();
            let catalogue = Catalogue::unindexed(entries.site, entries.channels, entries.articles);
            let files = std::sync::Mutex::new(FxHashMap::default());
            let sink = |f: File| {
                files.lock().unwrap().insert(f.path, f.bytes);
                Ok(())
            };
            archive_files(&catalogue, "00000000000000aa", 0, true, &sink).unwrap();
            let files = files.into_inner().unwrap();
            let whole = load::load(text).unwrap().catalogue;
            (
                Served {
                    files,
                    fetched: Default::default(),
                },
                whole,
            )
        }

        fn open(&self) -> Archive {
            Archive::open(&self.files[MANIFEST]).unwrap()
        }

        /// Runs `ask` until it is ready, adding each file it asks for.
        fn drive<T>(
            &self,
            archive: &Archive,
            ask: impl Fn(&Archive) -> Result<Step<T>, Error>,
        ) -> T {
            for _ in 0..10 {
                match ask(archive).unwrap() {
                    Step::Ready(value) => return value,
                    Step::Fetch(paths) => {
                        for path in paths {
                            let bytes =
                                self.files.get(&path).unwrap_or_else(|| panic!("no {path}"));
                            archive.add(&path, bytes).unwrap();
                            self.fetched.borrow_mut().push(path);
                        }
                    }
                }
            }
            panic!("never ready");
        }
    }

    /// The ids of `hits[from..from + n]` (fewer at the end).
    fn hit_ids<'a>(articles: &'a [Article], hits: &[usize], from: usize, n: usize) -> Vec<&'a str> {
        hits.iter()
            .skip(from)
            .take(n)
            .map(|&i| articles[i].id.as_str())
            .collect()
    }

    /// The ids of the articles a page shows.
    fn shown_ids(page: &ListPage) -> Vec<&str> {
        page.articles.iter().map(|a| a.id.as_str()).collect()
    }

    fn request(q: &str) -> SearchRequest {
        SearchRequest {
            q: q.into(),
            sort: Sort::Newest,
            ..SearchRequest::default()
        }
    }

    /// Pinyin in a packed archive (format 2.2): the query is matched against the archive's
    /// vocabulary, fetched with the readings once; the words it spells are suggested, and when
    /// no character matches, the list is the first word's, as its own query gives it.
    #[test]
    fn packed_pinyin_suggests_words_and_lists_the_first() {
        let demo = include_str!("../../../data/articles.json");
        let (served, whole) = Served::pack(demo);
        let archive = served.open();
        let seed = "聊城实施质量强市战略动员暨科学技术奖励大会召开";
        let relevance = |q: &str| SearchRequest {
            q: q.into(),
            ..SearchRequest::default()
        };
        for q in ["zlqs", "zhiliangqiangshi", "zhiliang qiangshi", "zl强市"] {
            let page = served.drive(&archive, |a| a.list(&relevance(q), 1, 10));
            let spelled = page.spelled.as_deref().expect("spelled");
            assert!(spelled.by_pinyin, "{q}");
            assert_eq!(spelled.suggestions[0].text, "质量强市", "{q}");
            assert_eq!(page.articles[0].title, seed, "{q}");
            let literal = served.drive(&archive, |a| a.list(&relevance("质量强市"), 1, 10));
            assert_eq!(shown_ids(&page), shown_ids(&literal), "{q}");
            assert_eq!(page.total, literal.total);
        }
        // `lc`: 聊城 first of the words, with the number of articles that have it, as the
        // whole data file's search counts them; its list is 聊城's.
        let lc = served.drive(&archive, |a| a.list(&relevance("lc"), 1, 10));
        let words: Vec<&Suggestion> = lc
            .spelled
            .as_deref()
            .unwrap()
            .suggestions
            .iter()
            .filter(|s| s.channel.is_none())
            .collect();
        assert_eq!(words[0].text, "聊城");
        let (_, whole_lc) = whole.search(&relevance("lc"));
        let counted = whole_lc
            .unwrap()
            .suggestions
            .iter()
            .find(|s| s.text == "聊城")
            .unwrap()
            .count;
        assert_eq!(words[0].count, counted);
        assert_eq!(lc.total, whole.index().run(&relevance("聊城")).hits.len());
        // The vocabulary was fetched once (natively the readings are compiled in: the browser
        // test sees them fetched), and a damaged one names itself.
        let words_fetched = served
            .fetched
            .borrow()
            .iter()
            .filter(|p| *p == WORDS)
            .count();
        assert_eq!(words_fetched, 1);
        // A damaged readings file, then a sound vocabulary: pinyin stays off, named once.
        let marked = served.open();
        assert!(marked.add(READINGS, b"not readings").is_err());
        marked.add(WORDS, &served.files[WORDS]).unwrap();
        let typed = served.drive(&marked, |a| a.list(&relevance("zlqs"), 1, 10));
        assert_eq!((typed.total, typed.spelled.is_none()), (0, true));
        let fresh = served.open();
        let Err(error) = fresh.add(WORDS, b"# words\nno count here\n") else {
            panic!("a damaged vocabulary is refused");
        };
        assert!(error.to_string().contains(WORDS), "{error}");
        // A query that matches as typed keeps its list; nothing is spelled in it.
        let typed = served.drive(&archive, |a| a.list(&relevance("质量"), 1, 10));
        assert_eq!(typed.spelled, None);
        // A 2.1 archive has no vocabulary: a pinyin query is searched as typed.
        let manifest = String::from_utf8(served.files[MANIFEST].clone()).unwrap();
        let older = manifest.replace("\"version\":[2,2]", "\"version\":[2,1]");
        let older = Archive::open(older.as_bytes()).unwrap();
        let typed = served.drive(&older, |a| a.list(&relevance("zlqs"), 1, 10));
        assert_eq!((typed.total, typed.spelled.is_none()), (0, true));
        let nothing = served.drive(&archive, |a| a.list(&relevance("qqqqxx"), 1, 10));
        let spelled = nothing.spelled.as_deref().unwrap();
        assert_eq!((nothing.total, spelled.by_pinyin), (0, false));
        // A name that is itself pinyin (CCTV新闻联播, the seed's source here) is looked up once:
        // in a channel without it, its list is empty, and nothing is spelled again.
        let data = demo.replacen("\"source\": \"", "\"source\": \"CCTV新闻联播", 1);
        let (served, whole) = Served::pack(&data);
        let archive = served.open();
        let named = served.drive(&archive, |a| a.list(&relevance("cctvxwlb"), 1, 10));
        assert!(named.spelled.as_deref().unwrap().by_pinyin);
        assert!(named.articles[0].source.starts_with("CCTV新闻联播"));
        let path = whole.channel_path(&named.articles[0].channel);
        let elsewhere = whole
            .channels()
            .iter()
            .find(|c| !path.iter().any(|p| p.id == c.id))
            .unwrap();
        let within = SearchRequest {
            channel: Some(elsewhere.id.clone()),
            ..relevance("cctvxwlb")
        };
        let none = served.drive(&archive, |a| a.list(&within, 1, 10));
        assert_eq!(none.total, 0);
    }

    /// Relevance in a packed archive (format 2.1): the articles with every term in their title
    /// first, then the others, each newest first, as a brute-force scan orders them; a long
    /// title query (its keys do not decide it) still puts its article first.
    #[test]
    fn packed_relevance_puts_title_matches_first() {
        let (served, whole) = Served::pack(&generate(3_000, 11).to_string());
        let archive = served.open();
        let articles = whole.articles();
        let ranked = |q: &str| {
            let newest = whole.index().run(&request(q)).hits;
            let terms = folio_core::search::Query::parse(q).terms;
            let titled = |&i: &usize| {
                let title = normalize(&articles[i].title);
                terms.iter().all(|t| title.contains(t.as_str()))
            };
            let (mut first, rest): (Vec<usize>, Vec<usize>) = newest.into_iter().partition(titled);
            assert!(!first.is_empty() && !rest.is_empty(), "{q}: both kinds");
            first.extend(rest);
            first
        };
        let relevance = |q: &str| SearchRequest {
            q: q.into(),
            ..SearchRequest::default()
        };
        for q in [
            "文化",
            "保護",
            "工作",
            "項目",
            "县 工作",
            "市",
            "运河文化保护",
        ] {
            let expected = ranked(q);
            for page_number in [1, 2] {
                let page = served.drive(&archive, |a| a.list(&relevance(q), page_number, 20));
                let want = hit_ids(articles, &expected, (page_number - 1) * 20, 20);
                assert_eq!(shown_ids(&page), want, "{q} page {page_number}");
                assert_eq!(page.total, expected.len(), "{q}");
            }
        }
        // Titles, whole and their first six characters, in simplified and traditional forms.
        for i in [5, 700, 2_900] {
            let title: String = articles[i].title.chars().collect();
            let start: String = title.chars().take(6).collect();
            for q in [title.as_str(), start.as_str()] {
                let page = served.drive(&archive, |a| a.list(&relevance(q), 1, 20));
                let first = normalize(&page.articles[0].title);
                assert!(first.contains(&normalize(q)), "{q}: {first}");
            }
        }
    }

    /// A format 2.0 archive's keys were made without folding: its queries are not folded
    /// (whatever table is loaded) and it lists newest first, as before 2.1.
    #[test]
    fn a_format_2_0_archive_is_read_without_folding_or_title_ranking() {
        let (mut served, whole) = Served::pack(&generate(1_000, 11).to_string());
        let manifest = String::from_utf8(served.files[MANIFEST].clone()).unwrap();
        let old = manifest.replace("\"version\":[2,2]", "\"version\":[2,0]");
        assert_ne!(old, manifest);
        served.files.insert(MANIFEST.into(), old.into_bytes());
        let archive = served.open();
        let relevance = |q: &str| SearchRequest {
            q: q.into(),
            ..SearchRequest::default()
        };
        // These keys are folded (made by this version), so the traditional query, left as
        // typed, finds nothing: the proof that it was not folded.
        let page = served.drive(&archive, |a| a.list(&relevance("項目"), 1, 20));
        assert_eq!(page.total, 0);
        let page = served.drive(&archive, |a| a.list(&relevance("项目"), 1, 20));
        let expected = whole.index().run(&request("项目"));
        assert_eq!(
            shown_ids(&page),
            hit_ids(whole.articles(), &expected.hits, 0, 20)
        );
    }

    #[test]
    fn the_first_list_needs_the_manifest_and_one_chunk() {
        let (served, whole) = Served::pack(&generate(3_000, 5).to_string());
        let archive = served.open();
        let page = served.drive(&archive, |a| a.list(&SearchRequest::default(), 1, 20));
        assert_eq!(*served.fetched.borrow(), ["list/0.json"]);
        assert_eq!(page.total, 3_000);
        let expected = whole.index().run(&SearchRequest::default());
        assert_eq!(page.facets.as_ref(), Some(&expected.facets));
        assert_eq!(
            shown_ids(&page),
            hit_ids(whole.articles(), &expected.hits, 0, 20)
        );
        // Records carry everything a card shows but the body.
        let first = &whole.articles()[expected.hits[0]];
        assert_eq!(page.articles[0].summary, first.summary);
        assert!(page.articles[0].body.is_empty());
        // Oldest first, page 3.
        let old = served.drive(&archive, |a| {
            a.list(
                &SearchRequest {
                    sort: Sort::Oldest,
                    ..Default::default()
                },
                3,
                20,
            )
        });
        assert_eq!(old.articles[0].id, whole.articles()[3_000 - 41].id);
    }

    /// Every kind of request gives what the whole catalogue gives: the same articles in the same
    /// order, the same count and facets (once the facts are in). Terms of one or two characters
    /// are exact from the index alone; longer ones are flagged approximate and never miss a match.
    #[test]
    fn packed_search_matches_brute_force() {
        let text = generate(3_000, 9).to_string();
        let (served, whole) = Served::pack(&text);
        let archive = served.open();
        let articles = whole.articles();
        let mut requests: Vec<SearchRequest> = [
            "的",
            "聊城",
            "东阿",
            "质",
            "xyz",
            "保护 工作",
            "\"运河\" 文化",
            // Traditional forms: the archive folds them as the whole catalogue does.
            "發展",
            "東阿 縣",
            "質",
        ]
        .iter()
        .map(|q| request(q))
        .collect();
        requests.push(SearchRequest {
            channel: Some("news".into()),
            ..request("")
        });
        requests.push(SearchRequest {
            source: Some("新华社".into()),
            sort: Sort::MostViewed,
            ..request("发展")
        });
        requests.push(SearchRequest {
            tag: Some(articles[7].tags[0].clone()),
            ..request("")
        });
        requests.push(SearchRequest {
            from: Some("2016-03-01".into()),
            to: Some("2016-05-31".into()),
            ..request("县")
        });
        requests.push(SearchRequest {
            channel: Some("nowhere".into()),
            ..request("")
        });
        for request in &requests {
            let expected = whole.index().run(request);
            // Facet counts come once the facts are here: ask for them as the viewer does.
            let page = served.drive(&archive, |a| match a.list(request, 1, 20)? {
                Step::Ready(page) if !page.later.is_empty() => Ok(Step::Fetch(page.later)),
                step => Ok(step),
            });
            let want = hit_ids(articles, &expected.hits, 0, 20);
            let got = shown_ids(&page);
            assert_eq!(got, want, "{request:?}");
            assert_eq!(page.total, expected.hits.len(), "{request:?}");
            assert_eq!(page.facets.as_ref(), Some(&expected.facets), "{request:?}");
            assert!(!page.approximate, "{request:?}");
        }
        // Substrings of real text, across word boundaries, of two to seven characters, some
        // holding a character without a code (matched by pairs): the first page is exactly the
        // whole catalogue's, and the count is exact or flagged approximate and never below.
        let mut seed = 1u64;
        let mut flagged = 0;
        for round in 0..60 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let article = &articles[(seed >> 33) as usize % articles.len()];
            let mut body: Vec<char> = normalize(&article.summary)
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '"')
                .collect();
            let len = 2 + (seed >> 20) as usize % 6;
            let start = (seed >> 40) as usize % (body.len() - len);
            if round % 10 == 9 {
                // A character outside the codes: the summary's own text, with one swapped.
                body[start + 1] = '〇';
            }
            let q: String = body[start..start + len].iter().collect();
            let request = request(&q);
            let expected = whole.index().run(&request);
            let page = served.drive(&archive, |a| a.list(&request, 1, 20));
            let want = hit_ids(articles, &expected.hits, 0, 20);
            let got = shown_ids(&page);
            assert_eq!(got, want, "{q}");
            assert!(page.total >= expected.hits.len(), "{q}");
            if !page.approximate {
                assert_eq!(page.total, expected.hits.len(), "{q}");
            }
            let decided = len <= 2
                || (len <= 4
                    && q.chars()
                        .all(|c| folio_core::archive::gram_code(c).is_some()));
            assert!(decided || page.approximate || page.total <= 20, "{q}");
            assert!(!decided || !page.approximate, "{q}");
            flagged += usize::from(page.approximate);
        }
        assert!(
            flagged > 5,
            "only {flagged} approximate counts: the open path went untested"
        );
        // Every page of a long term is confirmed, the last one included.
        let q: String = normalize(&articles[5].summary).chars().take(6).collect();
        let request = request(&q);
        let expected = whole.index().run(&request);
        let last = expected.hits.len().div_ceil(2);
        let page = served.drive(&archive, |a| a.list(&request, last, 2));
        assert_eq!(page.total, expected.hits.len(), "{q}");
        assert!(!page.approximate);
        let want = hit_ids(articles, &expected.hits, (last - 1) * 2, 2);
        assert_eq!(shown_ids(&page), want);
    }

    /// A list of a channel (its columns included), a source or a tag shows from posting sets,
    /// without the rows (which only its facet counts need, fetched after).
    #[test]
    fn channel_source_and_tag_lists_need_no_rows() {
        let (served, whole) = Served::pack(&generate(2_000, 8).to_string());
        let articles = whole.articles();
        let top = whole
            .channels()
            .iter()
            .find(|c| c.parent.is_none())
            .unwrap();
        let mut requests = vec![
            SearchRequest {
                channel: Some(top.id.clone()),
                ..request("")
            },
            SearchRequest {
                source: Some(articles[11].source.clone()),
                sort: Sort::Oldest,
                ..request("")
            },
            SearchRequest {
                tag: Some(articles[3].tags[0].clone()),
                channel: Some(articles[3].channel.clone()),
                ..request("发展")
            },
        ];
        requests.push(SearchRequest {
            channel: Some("nowhere".into()),
            ..request("")
        });
        for request in &requests {
            let archive = served.open();
            served.fetched.borrow_mut().clear();
            let page = served.drive(&archive, |a| a.list(request, 2, 20));
            let expected = whole.index().run(request);
            let want = hit_ids(articles, &expected.hits, 20, 20);
            let got = shown_ids(&page);
            assert_eq!(got, want, "{request:?}");
            assert_eq!(page.total, expected.hits.len(), "{request:?}");
            let fetched = served.fetched.borrow();
            assert!(
                !fetched
                    .iter()
                    .any(|f| f.starts_with("rows/") && f.ends_with(".bin")),
                "{request:?}: {fetched:?}"
            );
            assert!(
                page.facets.is_none() && !page.later.is_empty(),
                "{request:?}"
            );
        }
    }

    /// A format 1.0 archive has no keys of three and four characters: its longer terms are
    /// matched by pairs and every page is still confirmed against the text.
    #[test]
    fn a_format_1_0_archive_confirms_longer_terms_by_text() {
        let (mut served, whole) = Served::pack(&generate(800, 6).to_string());
        let manifest = String::from_utf8(served.files[MANIFEST].clone()).unwrap();
        let old = manifest.replace("\"version\":[2,2]", "\"version\":[1,0]");
        assert_ne!(old, manifest);
        served.files.insert(MANIFEST.into(), old.into_bytes());
        let archive = served.open();
        let articles = whole.articles();
        let q: String = normalize(&articles[3].summary)
            .chars()
            .skip(2)
            .take(3)
            .collect();
        let request = request(&q);
        let expected = whole.index().run(&request);
        let page = served.drive(&archive, |a| a.list(&request, 1, 5));
        assert_eq!(
            shown_ids(&page),
            hit_ids(articles, &expected.hits, 0, 5),
            "{q}"
        );
        assert!(served
            .fetched
            .borrow()
            .iter()
            .any(|f| f.starts_with("text/")));
        assert!(page.total >= expected.hits.len());
    }

    #[test]
    fn articles_come_whole_with_the_same_links() {
        let (served, whole) = Served::pack(&generate(500, 3).to_string());
        let archive = served.open();
        for article in whole.articles().iter().step_by(37) {
            let view = served.drive(&archive, |a| a.article(&article.id));
            assert_eq!(view, whole.article_view(&article.id, RELATED));
        }
        assert_eq!(served.drive(&archive, |a| a.article("no-such-id")), None);
    }

    #[test]
    fn hostile_archives_are_errors_that_name_the_file() {
        let (served, _) = Served::pack(&generate(300, 4).to_string());
        let archive = served.open();
        let damaged = |file: &str| {
            Err(Error::ArchiveFile {
                file: file.into(),
                fault: Fault::Damaged,
            })
        };
        let shard = &served.files["search/0.bin"];
        assert_eq!(
            archive.add("search/0.bin", &shard[..shard.len() - 3]),
            damaged("search/0.bin")
        );
        let mut other = shard.clone();
        other[8] ^= 1;
        assert_eq!(
            archive.add("search/0.bin", &other),
            Err(Error::ArchiveFile {
                file: "search/0.bin".into(),
                fault: Fault::OtherBuild
            })
        );
        let list = String::from_utf8(served.files["list/0.json"].clone()).unwrap();
        assert_eq!(
            archive.add("list/0.json", &list.as_bytes()[..list.len() / 2]),
            damaged("list/0.json")
        );
        // A record that fails validation would shift every other: the chunk is refused.
        let broken = list.replacen("\"title\":", "\"title\":7,\"x\":", 1);
        assert_eq!(
            archive.add("list/0.json", broken.as_bytes()),
            damaged("list/0.json")
        );
        assert_eq!(
            archive.add("ids/../../etc/passwd", b"{}"),
            damaged("ids/../../etc/passwd")
        );
        // A part of the folding table that is not pairs of foldable characters.
        for (path, bytes) in [
            ("fold/70.txt", "質a".as_bytes()),
            ("fold/70.txt", b"\xff\xfe"),
            (WORDS, b"# words\n\t3\n"),
            (READINGS, b"not readings"),
        ] {
            assert_eq!(archive.add(path, bytes), damaged(path));
        }
        // A newer major version is refused by name; a newer minor one is read.
        let manifest = String::from_utf8(served.files[MANIFEST].clone()).unwrap();
        let v3 = manifest.replace("\"version\":[2,2]", "\"version\":[3,0]");
        assert_eq!(
            Archive::open(v3.as_bytes()).map(|_| ()),
            Err(Error::ArchiveVersion {
                found: "3.0".into()
            })
        );
        // A newer minor version and an older major one (files beside the manifest) are read.
        for (version, folder) in [
            ("[2,3]", format!("b/{}/", archive.manifest.layout.build)),
            ("[1,1]", String::new()),
        ] {
            let other = manifest.replace("\"version\":[2,2]", &format!("\"version\":{version}"));
            let opened = Archive::open(other.as_bytes()).unwrap();
            assert_eq!(opened.manifest.layout.folder(), folder, "{version}");
        }
        assert!(Archive::open(&served.files[MANIFEST][..40]).is_err());
        // The archive goes on working after each refusal.
        let page = served.drive(&archive, |a| a.list(&request("聊城"), 1, 20));
        assert!(page.total > 0);
    }
}
