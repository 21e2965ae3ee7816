//! The files a build writes beside its pages: what the previous build wrote (its state, for
//! writing only what changed), the app's files and their cache headers, and each page's file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use folio_core::route::Route;
use serde::{Deserialize, Serialize};

use super::{ARCHIVE_DIR, DATA_FILE};

/// What the previous build wrote: each page's key, each file's fingerprint.
#[derive(Default, Serialize, Deserialize)]
pub(super) struct State {
    /// Page file -> key of its inputs.
    pub(super) pages: BTreeMap<String, String>,
    /// Every file written (pages, feeds, sitemaps, data), for removing those no longer made.
    pub(super) files: BTreeSet<String>,
    /// The fingerprint of the data a packed archive was written from, if one was.
    #[serde(default)]
    pub(super) archive: Option<String>,
}

/// Writes `bytes` to `out/file` unless it holds them already; true when written.
pub(super) fn write_if_changed(out: &Path, file: &str, bytes: &[u8]) -> Result<bool, String> {
    let path = out.join(file);
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("could not create {}: {e}", parent.display()))?;
    }
    std::fs::write(&path, bytes).map_err(|e| format!("could not write {}: {e}", path.display()))?;
    Ok(true)
}

/// The app's files a site ships: everything in its folder but the demo page and data, the
/// single-file build, the examples and the packed-archive viewer. Paths relative to `app`.
pub(super) fn app_files(app: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    let mut folders = vec![PathBuf::new()];
    while let Some(folder) = folders.pop() {
        let dir = app.join(&folder);
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| format!("could not read {}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("could not read {}: {e}", dir.display()))?;
            let relative = folder.join(entry.file_name());
            let name = relative.to_string_lossy().replace('\\', "/");
            if matches!(
                name.as_str(),
                "index.html" | DATA_FILE | "folio-standalone.html" | "examples" | "packed"
            ) {
                continue;
            }
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                folders.push(relative);
            } else {
                found.push(name);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The site's `_headers` (Netlify, Cloudflare Pages) below the root path `root`: the app's
/// files whose names carry their hash, the drawn share images and the archive's builds are
/// cached for good; the archive's manifest for a minute. One rule a path: hosts merge the
/// headers of every rule that matches.
pub(super) fn site_headers(root: &str, app: &[String]) -> String {
    let immutable = "  Cache-Control: public, max-age=31536000, immutable\n";
    let mut out = String::from(
        "# Written by folio build. Files named by their content never change; the archive's\n\
         # manifest names its latest build.\n",
    );
    for name in app.iter().filter(|name| is_hashed(name)) {
        out.push_str(&format!("{root}{name}\n{immutable}"));
    }
    out.push_str(&format!("{root}share/*\n{immutable}"));
    // The offline reading's service worker: a new one is seen on the next visit.
    out.push_str(&format!("{root}{OFFLINE}\n  Cache-Control: no-cache\n"));
    out.push_str(&crate::pack::cache_headers(&format!("{root}{ARCHIVE_DIR}")));
    // The pages' speculation rules (Chromium prefetches the page a reader is about to open;
    // rules a header names are exempt from the page's Content-Security-Policy).
    out.push_str(&format!(
        "{root}*\n  Speculation-Rules: \"{root}{SPECULATION}\"\n\
         {root}{SPECULATION}\n  Content-Type: application/speculationrules+json\n"
    ));
    out
}

/// The speculation rules of a built site, below the root path `root`.
pub(super) const SPECULATION: &str = "speculation-rules.json";

/// The site's speculation rules: prefetch the page of a link on the site once the reader's
/// pointer rests on it or presses it (`moderate`), as `folio.js` does with `<link
/// rel=prefetch>` where the browser has no speculation rules. Unlike that prefetch, the browser
/// uses this one for the navigation even when the host sends pages with `max-age=0`. Feeds,
/// sitemaps, data and the archive are not pages.
pub(super) fn speculation_rules(root: &str) -> String {
    let not_pages: Vec<String> = ["*.xml", "*.json", "*.txt", "*.webmanifest", "archive/*"]
        .iter()
        .map(|pattern| format!("{root}{pattern}"))
        .collect();
    serde_json::json!({
        "prefetch": [{
            "source": "document",
            "where": {"and": [
                {"href_matches": format!("{root}*")},
                {"not": {"href_matches": not_pages}},
            ]},
            "eagerness": "moderate",
        }]
    })
    .to_string()
}

/// The service worker of offline reading (scripts/offline-sw.js), at the site's root.
const OFFLINE: &str = "folio-sw.js";

/// True for a file name Trunk gave a content hash: `name-0123456789abcdef.ext` (or `…_bg.wasm`).
/// Trunk writes its 64-bit hash without leading zeros, so one build in sixteen has 15 digits
/// (`scripts/offline-sw.js` reads the same names).
pub(super) fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// A page's file below the site's root.
pub(super) fn page_file(route: &Route) -> String {
    match route {
        Route::List(state) => {
            let mut file = String::new();
            if let Some(id) = &state.channel {
                file.push_str(&format!("channel/{id}/"));
            }
            if state.page > 1 {
                file.push_str(&format!("page/{}/", state.page));
            }
            file + "index.html"
        }
        Route::Article { id } => format!("article/{id}/index.html"),
        Route::Unknown { .. } => "404.html".into(),
    }
}

/// Removes folders left empty below `out` on the way up from `file`.
pub(super) fn prune(out: &Path, file: &str) {
    let mut path = out.join(file);
    while path.pop() && path != out {
        if std::fs::remove_dir(&path).is_err() {
            break;
        }
    }
}
