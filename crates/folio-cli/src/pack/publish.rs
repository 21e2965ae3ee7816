//! Publishing a build: written aside and moved into place, then named by the manifest (the one
//! file that changes), logged, and earlier builds pruned only as asked.

use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use folio_core::archive::{BUILDS, MANIFEST};
use folio_core::catalogue::Catalogue;
use serde_json::{json, Value};

use super::writer::{archive_files, File};
use super::{cache_headers, Keep, Options, Packed};

/// The folders of a format 1 archive, whose files sat beside its manifest.
const FLAT_FOLDERS: [&str; 5] = ["list", "text", "ids", "search", "rows"];
/// The archive's publishing log (not read by viewers): which build was published when, so
/// pruning knows their order whatever a copy did to the folders' times.
const HISTORY: &str = "history.json";
/// The first line of the `_headers` Folio writes; a `_headers` without it is the site
/// owner's, and left alone.
const HEADERS_MARK: &str = "# Written by folio pack";

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
pub(super) fn write(
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
