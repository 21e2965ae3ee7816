//! `folio build INPUT --out DIR --base-url URL`: a static site from a data file. The viewer app
//! (Trunk's `dist/`), the data file, and one page for every view a reader or a crawler can
//! reach (each list page of all articles and of every channel and column, every article, a
//! not-found page), rendered with the viewer's own components and hydrated by it in the
//! browser; sitemaps, a Google News sitemap, `robots.txt`, and Atom and RSS feeds of the site
//! and of each channel.
//!
//! Incremental: `.folio-build.json` in the output remembers a key of each page's inputs (the
//! app, the site, the channels, and the view's own data), so a second build renders only pages
//! whose inputs changed and writes only files whose bytes changed.

pub mod card;
pub mod crawl;
pub mod page;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use folio_core::catalogue::SharedCatalogue;
use folio_core::catalogue::{Catalogue, ListPage, PAGE_SIZE, PAGE_SIZES, RELATED};
use folio_core::encoding::utf8_text;
use folio_core::i18n::{error_text, page_link, role, Lang, Msg};
use folio_core::load::{fingerprint, load_owned};
use folio_core::route::{ListState, Route};
use folio_core::search::Results;
use folio_viewer::library::Library;
use folio_viewer::{App, AppProps, DataSource, Routing};
use serde::{Deserialize, Serialize};
use yew::LocalServerRenderer;

use crate::check::{parse_lang, print_problems};
use crate::positions::positions;
use crate::{EXIT_FATAL, EXIT_OK, EXIT_PROBLEMS};
use crawl::{Entry, Feed};
use page::{clip, Meta, NewsArticle, Template};

/// Articles in each feed.
const FEED_SIZE: usize = 50;
/// The file that remembers the previous build, in the output folder.
const STATE_FILE: &str = ".folio-build.json";
/// The data file's name in the site.
const DATA_FILE: &str = "articles.json";
/// The packed archive's folder in the site.
const ARCHIVE_DIR: &str = "archive/";

/// Write a static site: a pre-rendered page for every view, the viewer, sitemaps and feeds
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  folio build data/articles.json --out site --base-url https://news.example.cn/
  folio build articles.json --out public --base-url https://example.cn/news/ --page-size 30
  folio build articles.json --out site --base-url https://news.example.cn/ --quiet

The folder works on any static host (a sub-path included: links and assets are relative).
A second build into the same folder renders and writes only what changed.

Exit codes:
  0  the site was written
  1  the site was written without some articles or pages (each is listed)
  2  a file could not be read or written, or the command line is wrong")]
pub struct Args {
    /// The data file (articles.json)
    input: PathBuf,
    /// The folder to write the site into
    #[arg(long)]
    out: PathBuf,
    /// The site's public address (http or https), used in canonical links, share cards,
    /// sitemaps and feeds
    #[arg(long)]
    base_url: String,
    /// The viewer app: the site build of Folio's release build (`make build` writes dist/site/)
    #[arg(long, default_value = "dist/site")]
    app: PathBuf,
    /// The pages' language (`zh-CN`, `en`); the app page's own by default
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
    /// Articles per list page
    #[arg(long, default_value_t = PAGE_SIZE, value_parser = parse_page_size)]
    page_size: usize,
    /// The site's share image (absolute, or relative to --base-url): the card of every page
    /// whose article has no image of its own. At least 300 x 300 pixels for WeChat and QQ;
    /// 1200 x 630 for large cards. Without it, the build draws one from the site's name
    /// (share/card-HASH.png)
    #[arg(long, value_name = "URL")]
    image: Option<String>,
    /// The site's logo (absolute, or relative to --base-url), the publisher's logo in
    /// structured data and the square picture WeChat and QQ take. Without it, the build draws
    /// one from the site's name (share/logo-HASH.png)
    #[arg(long, value_name = "URL")]
    logo: Option<String>,
    /// Keep only the newest N builds of the search archive (`folio pack --keep`); all are kept
    /// otherwise, for readers who opened an earlier one
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    keep: Option<u32>,
    /// Remove archive builds replaced longer ago than this (`90m`, `12h`, `7d`)
    #[arg(long, value_name = "AGE", value_parser = crate::pack::parse_age)]
    keep_for: Option<std::time::Duration>,
    /// Render every page and pack the archive again, ignoring what the previous build wrote
    #[arg(long)]
    force: bool,
    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
}

fn parse_page_size(text: &str) -> Result<usize, String> {
    text.parse::<usize>()
        .ok()
        .filter(|n| PAGE_SIZES.contains(n))
        .ok_or_else(|| {
            format!(
                "a page size is {} to {}",
                PAGE_SIZES.start(),
                PAGE_SIZES.end()
            )
        })
}

/// The site's address, checked and ending in `/`, and its path (the root's absolute path).
pub fn base_url(text: &str) -> Result<(String, String), String> {
    let mut url =
        url::Url::parse(text.trim()).map_err(|error| format!("--base-url {text}: {error}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!(
            "--base-url {text}: an http or https address is needed"
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("--base-url {text}: an address without ? or #"));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok((url.to_string(), url.path().to_owned()))
}

/// True when an id can name a folder on every static host and file system.
fn folder_safe(id: &str) -> bool {
    !matches!(id, "." | "..")
        && !id.chars().any(|c| {
            c.is_control()
                || matches!(
                    c,
                    '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '%' | '#'
                )
        })
}

/// What the previous build wrote: each page's key, each file's fingerprint.
#[derive(Default, Serialize, Deserialize)]
struct State {
    /// Page file -> key of its inputs.
    pages: BTreeMap<String, String>,
    /// Every file written (pages, feeds, sitemaps, data), for removing those no longer made.
    files: BTreeSet<String>,
    /// The fingerprint of the data a packed archive was written from, if one was.
    #[serde(default)]
    archive: Option<String>,
}

/// What one build did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Pages of the site.
    pub pages: usize,
    /// Pages rendered this time (the rest were unchanged).
    pub rendered: usize,
    /// Files whose bytes were written (new or changed).
    pub written: usize,
    /// Files of an earlier build removed (their article or channel is gone).
    pub removed: usize,
    /// Articles without a page (their id cannot name a folder).
    pub skipped: Vec<String>,
    /// Bytes of HTML of all pages.
    pub html_bytes: u64,
    /// Earlier archive builds removed and kept, when the archive was packed.
    pub archive_builds: Option<(usize, usize)>,
    /// What the site lacks that a reader or a crawler will notice (characters of the site's
    /// name no font could draw on its share card).
    pub warnings: Vec<String>,
}

/// One page to make.
struct PageJob {
    /// The view it shows.
    route: Route,
    /// Its file below the output folder.
    file: String,
    /// Key of its inputs.
    key: String,
}

/// Everything one build reads.
pub struct Build<'a> {
    /// The data file.
    pub input: &'a Path,
    /// The app's folder.
    pub app: &'a Path,
    /// The output folder.
    pub out: &'a Path,
    /// The site's address, ending in `/`.
    pub base: &'a str,
    /// The pages' language; the template's by default.
    pub lang: Option<Lang>,
    /// Articles per list page.
    pub page_size: usize,
    /// Ignore the previous build.
    pub force: bool,
    /// The site's share image, where an article has none.
    pub image: Option<&'a str>,
    /// The site's logo.
    pub logo: Option<&'a str>,
    /// Which earlier builds of the archive to keep.
    pub keep: crate::pack::Keep,
    /// "Now", Unix seconds (the Google News sitemap's two days).
    pub now: i64,
    /// Show a progress bar.
    pub progress: bool,
}

/// Writes `bytes` to `out/file` unless it holds them already; true when written.
fn write_if_changed(out: &Path, file: &str, bytes: &[u8]) -> Result<bool, String> {
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
fn app_files(app: &Path) -> Result<Vec<String>, String> {
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
fn site_headers(root: &str, app: &[String]) -> String {
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
    out
}

/// The service worker of offline reading (scripts/offline-sw.js), at the site's root.
const OFFLINE: &str = "folio-sw.js";

/// True for a file name Trunk gave a content hash: `name-0123456789abcdef.ext` (or `…_bg.wasm`).
/// Trunk writes its 64-bit hash without leading zeros, so one build in sixteen has 15 digits
/// (`scripts/offline-sw.js` reads the same names).
fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// A page's file below the site's root.
fn page_file(route: &Route) -> String {
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
fn prune(out: &Path, file: &str) {
    let mut path = out.join(file);
    while path.pop() && path != out {
        if std::fs::remove_dir(&path).is_err() {
            break;
        }
    }
}

impl Build<'_> {
    /// The share card and the logo the build draws where the site names none (`--image`,
    /// `--logo`), written as `share/card-HASH.png` and `share/logo-HASH.png` (a new name when
    /// they change, so card caches of social apps see the new one).
    fn pictures(
        &self,
        site: &Site,
        state: &mut State,
        summary: &mut Summary,
    ) -> Result<(Option<Picture>, Option<Picture>), String> {
        if self.image.is_some() && self.logo.is_some() {
            return Ok((None, None));
        }
        let name = &site.catalogue.site().name;
        let host = url::Url::parse(site.base)
            .ok()
            .and_then(|url| url.host_str().map(str::to_owned))
            .unwrap_or_default();
        let drawn = card::render(name, &host)?;
        if !drawn.missing.is_empty() {
            let missing: String = drawn.missing.iter().collect();
            summary.warnings.push(format!(
                "no installed font has {missing} of the site's name {name:?}: the share card and \
                 logo leave them out (install a font that has them, or pass --image and --logo)"
            ));
        }
        let mut write = |kind: &str, bytes: &[u8], size: (u32, u32)| {
            let file = format!("share/{kind}-{}.png", &fingerprint(bytes)[..12]);
            state.files.insert(file.clone());
            if write_if_changed(self.out, &file, bytes)? {
                summary.written += 1;
            }
            Ok::<_, String>(Picture {
                url: site.absolute(&file),
                size: Some(size),
                file: Some(file),
            })
        };
        let image = match self.image {
            Some(_) => None,
            None => Some(write("card", &drawn.card, card::CARD_SIZE)?),
        };
        let logo = match self.logo {
            Some(_) => None,
            None => Some(write(
                "logo",
                &drawn.logo,
                (card::LOGO_SIZE, card::LOGO_SIZE),
            )?),
        };
        Ok((image, logo))
    }

    /// Builds the site into the output folder.
    pub fn run(&self) -> Result<(Summary, Vec<folio_core::problem::Problem>), String> {
        let index_page = self.app.join("index.html");
        let template_text = std::fs::read_to_string(&index_page)
            .map_err(|e| format!("could not read {}: {e}", index_page.display()))?;
        let template =
            Template::read(&template_text).map_err(|e| format!("{}: {e}", index_page.display()))?;
        let lang = self.lang.or(template.lang).unwrap_or(Lang::Zh);
        let (base, root) = base_url(self.base)?;
        std::fs::create_dir_all(self.out)
            .map_err(|e| format!("could not create {}: {e}", self.out.display()))?;
        let mut previous: State = std::fs::read(self.out.join(STATE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        if self.force {
            // Every page rendered again and the archive packed again (an upgraded Folio may
            // write another format); the files it knows are still removed when gone.
            previous.pages.clear();
            previous.archive = None;
        }
        let mut state = State::default();
        let mut summary = Summary::default();
        let file = |state: &mut State, summary: &mut Summary, name: &str, bytes: &[u8]| {
            state.files.insert(name.to_owned());
            if write_if_changed(self.out, name, bytes)? {
                summary.written += 1;
            }
            Ok::<(), String>(())
        };

        // The app and the data, as they are.
        let app = app_files(self.app)?;
        for name in &app {
            let path = self.app.join(name);
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("could not read {}: {e}", path.display()))?;
            file(&mut state, &mut summary, name, &bytes)?;
        }
        // Cache headers for hosts that read `_headers`: what is named by its content is cached
        // for good, the archive's entry point for a minute; pages keep the host's default.
        file(
            &mut state,
            &mut summary,
            "_headers",
            site_headers(&root, &app).as_bytes(),
        )?;
        let read = || {
            std::fs::read(self.input)
                .map_err(|e| format!("could not read {}: {e}", self.input.display()))
        };
        let mut data = read()?;
        // The site's search reads its packed archive, written again only when the data changed.
        let archive_dir = self.out.join(ARCHIVE_DIR.trim_end_matches('/'));
        let data_key = fingerprint(&data);
        let current = previous.archive.as_deref() == Some(data_key.as_str())
            && archive_dir.join(folio_core::archive::MANIFEST).is_file();
        if !current {
            // A new build beside the earlier ones, which readers mid-session keep reading. The
            // packer frees the bytes once it has read them; they are read again after.
            let options = crate::pack::Options {
                keep: self.keep,
                force: self.force,
                // The site's own `_headers` covers the archive.
                headers: false,
            };
            let (packed, ..) = crate::pack::pack(
                std::mem::take(&mut data),
                &archive_dir,
                !self.progress,
                options,
            )
            .map_err(|e| format!("{}: {e}", self.input.display()))?;
            data = read()?;
            summary.written += 1;
            summary.archive_builds = Some((packed.pruned, packed.kept));
        } else if self.keep.count.is_some() || self.keep.age.is_some() {
            let builds = crate::pack::prune_published(&archive_dir, self.keep)
                .map_err(|e| format!("{}: {e}", archive_dir.display()))?;
            summary.archive_builds = Some(builds);
        }
        state.archive = Some(data_key);

        // Read after packing: the packer's memory is freed by then, and the two never peak
        // together.
        let loaded = load_owned(data)
            .map_err(|e| format!("{}: {}", self.input.display(), error_text(Lang::En, &e)))?;
        let problems = loaded.problems.clone();
        let shared = std::rc::Rc::new(loaded.catalogue);
        let catalogue = &*shared;
        let data = folio_viewer::LoadedData {
            library: Library::Whole(SharedCatalogue(shared.clone())),
            problems: loaded.problems.into(),
        };
        let site = Site {
            catalogue,
            template: &template,
            base: &base,
            root: &root,
            lang,
            page_size: self.page_size,
            data,
            image: None,
            logo: None,
        };
        let absolute = |src: Option<&str>| src.map(|src| site.absolute(src));
        let (image, logo) = self.pictures(&site, &mut state, &mut summary)?;
        let site = Site {
            image: image.or_else(|| absolute(self.image).map(Picture::unsized_at)),
            logo: logo.or_else(|| absolute(self.logo).map(Picture::unsized_at)),
            ..site
        };
        // The web app manifest: installing the site, with its name and logo.
        let name = &catalogue.site().name;
        let mut icons: Vec<page::Icon> = site
            .logo
            .iter()
            .map(|logo| page::Icon {
                src: logo.file.clone().unwrap_or_else(|| logo.url.clone()),
                sizes: logo
                    .size
                    .map_or_else(|| "any".to_owned(), |(w, h)| format!("{w}x{h}")),
                kind: "image/png",
            })
            .collect();
        icons.extend(
            app.iter()
                .filter(|f| f.starts_with("favicon-") && f.ends_with(".svg"))
                .map(|f| page::Icon {
                    src: f.clone(),
                    sizes: "any".to_owned(),
                    kind: "image/svg+xml",
                }),
        );
        let manifest = page::WebManifest {
            name,
            short_name: name,
            lang: lang.tag(),
            start_url: "./",
            scope: "./",
            display: "standalone",
            background_color: "#ffffff",
            theme_color: "#a61b1b",
            icons,
        };
        let manifest = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
        file(
            &mut state,
            &mut summary,
            page::MANIFEST,
            manifest.as_bytes(),
        )?;
        // Everything every page shows: the app, the site, the channels, the options.
        let global = fingerprint(
            format!(
                "{}\n{template:?}\n{base}\n{lang:?}\n{:?}\n{:?}\n{}\n{:?}\n{:?}",
                env!("CARGO_PKG_VERSION"),
                site.image,
                site.logo,
                self.page_size,
                catalogue.site(),
                catalogue.channels()
            )
            .as_bytes(),
        );
        let lists = site.lists();
        let jobs = site.jobs(&lists, &global, &mut summary.skipped);
        summary.pages = jobs.len();
        let bar = crate::progress::bar(!self.progress, jobs.len(), "rendering");
        for job in &jobs {
            bar.inc(1);
            state.pages.insert(job.file.clone(), job.key.clone());
            state.files.insert(job.file.clone());
            let unchanged = previous.pages.get(&job.file) == Some(&job.key)
                && self.out.join(&job.file).is_file();
            if unchanged {
                continue;
            }
            let html = site.page(&job.route);
            summary.rendered += 1;
            summary.html_bytes += html.len() as u64;
            if write_if_changed(self.out, &job.file, html.as_bytes())? {
                summary.written += 1;
            }
        }
        bar.finish_and_clear();

        let search = format!("{}/index.html", folio_core::route::SEARCH_FOLDER);
        file(
            &mut state,
            &mut summary,
            &search,
            site.search_page().as_bytes(),
        )?;
        for (name, text) in site.crawler_files(&lists, self.now) {
            file(&mut state, &mut summary, &name, text.as_bytes())?;
        }

        // What an earlier build wrote and this one did not: a removed article or channel.
        for gone in previous.files.difference(&state.files) {
            if std::fs::remove_file(self.out.join(gone)).is_ok() {
                summary.removed += 1;
                prune(self.out, gone);
            }
        }
        let state_json = serde_json::to_vec(&state).map_err(|e| e.to_string())?;
        write_if_changed(self.out, STATE_FILE, &state_json)?;
        Ok((summary, problems))
    }
}

/// What every page of one build shares.
struct Site<'a> {
    catalogue: &'a Catalogue,
    template: &'a Template,
    /// The site's address, ending in `/`.
    base: &'a str,
    /// The root's absolute path.
    root: &'a str,
    lang: Lang,
    page_size: usize,
    data: folio_viewer::LoadedData,
    /// The site's share image and logo.
    image: Option<Picture>,
    logo: Option<Picture>,
}

/// An image of the site's: its absolute address, and its size when the build knows it (the
/// ones it drew).
#[derive(Clone, Debug, Hash)]
struct Picture {
    url: String,
    size: Option<(u32, u32)>,
    /// Its file in the site, when the build wrote it.
    file: Option<String>,
}

impl Picture {
    fn unsized_at(url: String) -> Picture {
        Picture {
            url,
            size: None,
            file: None,
        }
    }
}

impl Site<'_> {
    /// Every page, with the key of its inputs: the app, site and channels (`global`), and the
    /// view's own data (each article shown, as JSON, and a list's facets).
    fn jobs(
        &self,
        lists: &[(ListState, Results)],
        global: &str,
        skipped: &mut Vec<String>,
    ) -> Vec<PageJob> {
        let catalogue = self.catalogue;
        let key = |view: &str| fingerprint(format!("{global}\n{view}").as_bytes());
        // One fingerprint per article, of everything it holds.
        let article_keys: Vec<String> = catalogue
            .articles()
            .iter()
            .map(|a| fingerprint(&serde_json::to_vec(a).unwrap_or_default()))
            .collect();
        let link = |out: &mut String, link: &folio_core::catalogue::Link| {
            out.push_str(&format!(
                "{}\u{1}{}\u{1}{}\n",
                link.id, link.title, link.published
            ));
        };
        let mut jobs = Vec::new();
        skipped.extend(
            catalogue
                .channels()
                .iter()
                .filter(|channel| !folder_safe(&channel.id))
                .map(|channel| format!("channel {}", channel.id)),
        );
        for (state, results) in lists {
            let mut facets = String::new();
            for kind in [
                &results.facets.channels,
                &results.facets.sources,
                &results.facets.tags,
                &results.facets.months,
            ] {
                for (value, count) in kind {
                    facets.push_str(&format!("{value}\u{1}{count}\n"));
                }
                facets.push('\u{2}');
            }
            let facets = fingerprint(facets.as_bytes());
            let total = results.hits.len();
            let pages = total.div_ceil(self.page_size).max(1);
            for page in 1..=pages {
                let route = Route::List(ListState {
                    page,
                    ..state.clone()
                });
                let mut view = format!("{}\n{total}\n{facets}\n", route.to_path());
                let start = (page - 1) * self.page_size;
                for &at in results.hits.iter().skip(start).take(self.page_size) {
                    view.push_str(&article_keys[at]);
                }
                jobs.push(PageJob {
                    file: page_file(&route),
                    key: key(&view),
                    route,
                });
            }
        }
        for (at, article) in catalogue.articles().iter().enumerate() {
            if !folder_safe(&article.id) {
                skipped.push(format!("article {}", article.id));
                continue;
            }
            let Some(view) = catalogue.article_view(&article.id, RELATED) else {
                continue;
            };
            let mut links = format!("{}\n", article_keys[at]);
            for related in &view.related {
                link(&mut links, related);
            }
            links.push('\u{2}');
            view.older.iter().for_each(|older| link(&mut links, older));
            links.push('\u{2}');
            view.newer.iter().for_each(|newer| link(&mut links, newer));
            let route = Route::article(&article.id);
            jobs.push(PageJob {
                file: page_file(&route),
                key: key(&links),
                route,
            });
        }
        // Served at any address: the page names it once its island runs.
        let missing = Route::Unknown {
            path: String::new(),
        };
        jobs.push(PageJob {
            file: page_file(&missing),
            key: key("404"),
            route: missing,
        });
        jobs
    }

    /// The first page of every list with its results, searched once for the pages and the
    /// crawler files: all articles, then each channel and column whose id can name a folder.
    fn lists(&self) -> Vec<(ListState, Results)> {
        let channels = self
            .catalogue
            .channels()
            .iter()
            .filter(|c| folder_safe(&c.id));
        std::iter::once(None)
            .chain(channels.map(|c| Some(c.id.clone())))
            .map(|channel| {
                let state = ListState {
                    channel,
                    page: 1,
                    ..ListState::default()
                };
                let results = self.catalogue.index().run(&state.request());
                (state, results)
            })
            .collect()
    }

    /// The absolute address of a route's page.
    fn url(&self, route: &Route) -> String {
        format!("{}{}", self.base, route.to_path())
    }

    /// The address of the site's share image.
    fn image_url(&self) -> Option<String> {
        self.image.as_ref().map(|image| image.url.clone())
    }

    /// An image address made absolute against the site.
    fn absolute(&self, src: &str) -> String {
        url::Url::parse(self.base)
            .and_then(|base| base.join(src))
            .map_or_else(|_| src.to_owned(), |url| url.to_string())
    }

    /// The feeds a page links: the site's, and its channel's (and that channel's parent's).
    fn feeds(&self, channel: Option<&str>, back: &str) -> Vec<(String, String, &'static str)> {
        let site = &self.catalogue.site().name;
        let mut feeds = vec![
            (
                format!("{site} (Atom)"),
                format!("{back}atom.xml"),
                "application/atom+xml",
            ),
            (
                format!("{site} (RSS)"),
                format!("{back}rss.xml"),
                "application/rss+xml",
            ),
        ];
        if let Some(id) = channel {
            for channel in self.catalogue.channel_path(id).into_iter().rev() {
                if !folder_safe(&channel.id) {
                    continue;
                }
                let folder = format!(
                    "{back}channel/{}/",
                    folio_core::route::encode_component(&channel.id)
                );
                feeds.push((
                    format!("{} - {site} (Atom)", channel.name),
                    format!("{folder}atom.xml"),
                    "application/atom+xml",
                ));
                feeds.push((
                    format!("{} - {site} (RSS)", channel.name),
                    format!("{folder}rss.xml"),
                    "application/rss+xml",
                ));
            }
        }
        feeds
    }

    /// One page's HTML.
    fn page(&self, route: &Route) -> String {
        let catalogue = self.catalogue;
        let site = catalogue.site();
        let lang = self.lang;
        let back = route.back(self.root);
        let url = self.url(route);
        let site_address = site.url.clone().unwrap_or_else(|| self.base.to_owned());
        let (title, headline, description, image, image_alt, article, feeds, json_ld);
        let tags: Vec<String>;
        let section: String;
        let published: String;
        match route {
            Route::Article { id } => {
                // Every job's article exists.
                let view = catalogue.article_view(id, RELATED);
                let Some(view) = view else {
                    return String::new();
                };
                let a = &view.article;
                section = catalogue
                    .channel(&a.channel)
                    .map_or_else(String::new, |c| c.name.clone());
                published = a.published.to_string();
                tags = a.tags.clone();
                let figures: Vec<(String, &str)> = a
                    .body
                    .iter()
                    .filter_map(|block| match block {
                        folio_core::model::Block::Image { src, alt, .. } => {
                            Some((self.absolute(src), alt.as_str()))
                        }
                        _ => None,
                    })
                    .collect();
                let mut images: Vec<String> = figures.iter().map(|(src, _)| src.clone()).collect();
                title = format!("{} - {}", a.title, site.name);
                headline = a.title.clone();
                description = clip(&a.summary, 150);
                (image, image_alt) = match figures.first() {
                    Some((src, alt)) => (Some(src.clone()), Some(alt.to_string())),
                    None => (self.image_url(), Some(site.name.clone())),
                };
                if images.is_empty() {
                    images.extend(self.image_url());
                }
                feeds = self.feeds(Some(&a.channel), &back);
                json_ld = Some(
                    NewsArticle {
                        url: &url,
                        headline: &a.title,
                        description: &description,
                        published: &published,
                        authors: a
                            .authors
                            .iter()
                            .map(|author| (author.name.clone(), role(lang, &author.role)))
                            .collect(),
                        publisher: (&site.name, &site_address),
                        logo: self
                            .logo
                            .as_ref()
                            .map(|logo| (logo.url.as_str(), logo.size)),
                        source: &a.source,
                        images,
                        section: &section,
                        lang: lang.tag(),
                        keywords: &a.tags,
                    }
                    .to_json(),
                );
                article = Some((published.as_str(), section.as_str(), tags.as_slice()));
            }
            Route::List(state) => {
                let results = catalogue.index().run(&state.request());
                let list = catalogue.page_of(&results, state.page, self.page_size);
                let channel = state
                    .channel
                    .as_deref()
                    .and_then(|id| catalogue.channel(id));
                let own = match (channel, state.page) {
                    (None, 1) => None,
                    (None, page) => Some(page_link(lang, page)),
                    (Some(channel), 1) => Some(channel.name.clone()),
                    (Some(channel), page) => {
                        Some(format!("{} {}", channel.name, page_link(lang, page)))
                    }
                };
                headline = own.clone().unwrap_or_else(|| site.name.clone());
                title =
                    own.map_or_else(|| site.name.clone(), |own| format!("{own} - {}", site.name));
                description = list_description(
                    &list,
                    channel.map(|c| c.name.as_str()),
                    self.template,
                    &site.name,
                );
                (image, image_alt) = (self.image_url(), Some(site.name.clone()));
                article = None;
                feeds = self.feeds(state.channel.as_deref(), &back);
                json_ld = None;
            }
            Route::Unknown { .. } => {
                title = format!("{} - {}", Msg::NotFound.text(lang), site.name);
                headline = Msg::NotFound.text(lang).to_owned();
                description = Msg::NotFound.text(lang).to_owned();
                (image, image_alt) = (None, None);
                article = None;
                feeds = self.feeds(None, &back);
                json_ld = None;
            }
        }
        // A page without an image of its own shows the site's card, and carries the site's
        // square logo as its first picture for the apps that take one from the page (WeChat,
        // QQ), hidden and never loaded by browsers.
        let site_card = image.is_some() && image == self.image_url();
        let image_size = self.image.as_ref().and_then(|card| card.size);
        let picture = self.logo.as_ref().filter(|_| site_card);
        let meta = Meta {
            title: &title,
            headline: &headline,
            description: &description,
            url: &url,
            site_name: &site.name,
            lang,
            image: image.as_deref(),
            image_size: image_size.filter(|_| site_card),
            image_alt: image_alt.as_deref(),
            article,
            feeds,
            json_ld,
            back: &back,
            noindex: matches!(route, Route::Unknown { .. }),
        };
        let head = page::head(&meta, self.template);
        let body = self.render(route, true);
        // The site's own file by its path from the page (the page's origin, wherever it is
        // served); a logo given by address, as given.
        let src = picture.map(|logo| {
            let src = logo
                .file
                .as_ref()
                .map_or_else(|| logo.url.clone(), |file| format!("{back}{file}"));
            (src, logo.size)
        });
        let picture = src.as_ref().map(|(src, size)| (src.as_str(), *size));
        page::document(lang, &head, &[], picture, &body)
    }

    /// The search page (`search/`): a shell the site's packed viewer takes over, which reads
    /// the query from the address and the results from the archive. Until then (or without
    /// JavaScript) it shows the newest articles under a search box that works as a form.
    fn search_page(&self) -> String {
        let lang = self.lang;
        let site = self.catalogue.site();
        let path = format!("{}/", folio_core::route::SEARCH_FOLDER);
        // The newest articles, as a search (the empty search's order): a route whose page is
        // the search page, so the shell's links lead from `search/` to the site.
        let route = Route::List(ListState {
            sort: folio_core::route::Sort::Newest,
            page: 1,
            ..ListState::default()
        });
        let back = "../";
        let title = format!("{} - {}", Msg::Search.text(lang), site.name);
        let url = format!("{}{path}", self.base);
        let meta = Meta {
            title: &title,
            headline: Msg::Search.text(lang),
            description: &title,
            url: &url,
            site_name: &site.name,
            lang,
            image: None,
            image_size: None,
            image_alt: None,
            article: None,
            feeds: self.feeds(None, back),
            json_ld: None,
            back,
            noindex: true,
        };
        let head = page::head(&meta, self.template);
        // Said only where scripts do not run (`@media (scripting: none)`).
        let body = format!(
            "{}<p class=\"folio-needs-js\">{}</p>",
            self.render(&route, true),
            page::escape(Msg::SearchNeedsJs.text(lang))
        );
        page::document(
            lang,
            &head,
            &folio_core::page::SitePage {
                src: ARCHIVE_DIR,
                back,
                route: &path,
                base_url: self.base,
                page_size: self.page_size,
            }
            .attributes(),
            None,
            &body,
        )
    }

    /// The viewer's HTML for a route, as the browser's first render on that page makes it.
    fn render(&self, route: &Route, islands: bool) -> String {
        let props = yew::props!(AppProps {
            islands,
            source: DataSource::Loaded(self.data.clone()),
            lang: Some(self.lang),
            page_size: self.page_size,
            routing: Routing::Path,
            site_root: yew::AttrValue::from(self.root.to_owned()),
            start: Some(route.clone()),
            base_url: Some(yew::AttrValue::from(self.base.to_owned())),
            problems_notice: false,
        });
        let renderer = LocalServerRenderer::<App>::with_props(props).hydratable(true);
        futures::executor::block_on(renderer.render())
    }

    /// Sitemaps, the Google News sitemap, robots.txt and the feeds, by file name.
    fn crawler_files(&self, lists: &[(ListState, Results)], now: i64) -> Vec<(String, String)> {
        let catalogue = self.catalogue;
        let site = catalogue.site();
        let mut entries = Vec::new();
        let mut files = Vec::new();
        for (state, results) in lists {
            let channel = state.channel.as_deref();
            let pages = results.hits.len().div_ceil(self.page_size).max(1);
            let newest: Vec<&folio_core::model::Article> = results
                .hits
                .iter()
                .map(|&at| &catalogue.articles()[at])
                .collect();
            for page in 1..=pages {
                let route = Route::List(ListState {
                    page,
                    ..state.clone()
                });
                let first = (page - 1) * self.page_size;
                entries.push(Entry {
                    url: self.url(&route),
                    modified: newest.get(first).map(|a| a.published),
                });
            }
            let route = Route::List(state.clone());
            let folder = match channel {
                None => String::new(),
                Some(id) => format!("channel/{id}/"),
            };
            let title = match channel.and_then(|id| catalogue.channel(id)) {
                None => site.name.clone(),
                Some(c) => format!("{} - {}", c.name, site.name),
            };
            let feed = Feed {
                title,
                page: self.url(&route),
                atom: format!(
                    "{}{}atom.xml",
                    self.base,
                    Route::List(state.clone()).to_path()
                ),
                rss: format!(
                    "{}{}rss.xml",
                    self.base,
                    Route::List(state.clone()).to_path()
                ),
                articles: newest
                    .iter()
                    .filter(|a| folder_safe(&a.id))
                    .take(FEED_SIZE)
                    .map(|a| (*a, self.url(&Route::article(&a.id))))
                    .collect(),
                lang: self.lang,
                rights: &site.copyright,
            };
            let absolute = |src: &str| self.absolute(src);
            files.push((format!("{folder}atom.xml"), feed.atom(&absolute)));
            files.push((format!("{folder}rss.xml"), feed.rss(&absolute)));
        }
        let mut articles: Vec<(&folio_core::model::Article, String)> = catalogue
            .articles()
            .iter()
            .filter(|a| folder_safe(&a.id))
            .map(|a| (a, self.url(&Route::article(&a.id))))
            .collect();
        articles.sort_by_key(|(a, _)| std::cmp::Reverse(a.published.unix_seconds()));
        for (article, url) in &articles {
            entries.push(Entry {
                url: url.clone(),
                modified: Some(article.published),
            });
        }
        files.extend(crawl::sitemaps(&entries, self.base));
        let news = crawl::news_sitemap(&articles, &site.name, self.lang, now);
        files.push((
            "robots.txt".into(),
            crawl::robots(self.base, news.is_some()),
        ));
        if let Some(news) = news {
            files.push(("news-sitemap.xml".into(), news));
        }
        files
    }
}

/// A list page's description: the channel (or the app's site description) and its first
/// headlines.
fn list_description(
    list: &ListPage,
    channel: Option<&str>,
    template: &Template,
    site: &str,
) -> String {
    let headlines: Vec<&str> = list
        .articles
        .iter()
        .take(3)
        .map(|a| a.title.as_str())
        .collect();
    let lead = match channel {
        Some(name) => format!("{site} {name}"),
        None => template
            .description
            .clone()
            .unwrap_or_else(|| site.to_owned()),
    };
    if headlines.is_empty() {
        lead
    } else {
        clip(&format!("{lead}:{}", headlines.join(";")), 150)
    }
}

/// "Now" for the Google News sitemap: `SOURCE_DATE_EPOCH` when set (reproducible builds),
/// else the clock.
fn now() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
}

/// Runs the command; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let started = Instant::now();
    let name = args.input.display().to_string();
    let build = Build {
        input: &args.input,
        app: &args.app,
        out: &args.out,
        base: &args.base_url,
        lang: args.lang,
        page_size: args.page_size,
        force: args.force,
        image: args.image.as_deref(),
        logo: args.logo.as_deref(),
        keep: crate::pack::Keep {
            count: args.keep,
            age: args.keep_for,
        },
        now: now(),
        progress: !args.quiet,
    };
    let (summary, problems) = match build.run() {
        Ok(done) => done,
        Err(error) => {
            eprintln!("error: {error}");
            return EXIT_FATAL;
        }
    };
    if !problems.is_empty() {
        // The lines of the entries with problems (the file is read once more, only then).
        let bytes = std::fs::read(&args.input).unwrap_or_default();
        let text = utf8_text(&bytes).unwrap_or_default();
        print_problems(
            &name,
            &problems,
            &positions(text),
            args.lang.unwrap_or(Lang::En),
            args.quiet,
        );
    }
    for warning in &summary.warnings {
        eprintln!("warning: {warning}");
    }
    for skipped in &summary.skipped {
        eprintln!("error: {name}: {skipped}: its id cannot name a folder (/ \\ : * ? \" < > | % # or . ..), so it has no page");
    }
    if !args.quiet {
        let archive = match summary.archive_builds {
            Some((0, kept)) if kept > 0 => {
                format!("; {kept} earlier archive builds kept (--keep, --keep-for prune them)")
            }
            Some((pruned, kept)) if pruned > 0 => {
                format!("; {pruned} earlier archive builds removed, {kept} kept")
            }
            _ => String::new(),
        };
        eprintln!(
            "built {} pages into {} ({} rendered, {} files written, {} removed) in {:.1} s{archive}",
            summary.pages,
            args.out.display(),
            summary.rendered,
            summary.written,
            summary.removed,
            started.elapsed().as_secs_f64()
        );
    }
    let skipped = problems.iter().any(|p| p.skipped) || !summary.skipped.is_empty();
    if skipped {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_trunk_named_by_their_hash_are_cached_for_good() {
        for hashed in [
            "folio-8b7e6448cc5e699c.css",
            "folio-islands-3ca5dfaea24d258e_bg.wasm",
            "folio-site-packed-d0f7fd2249380b10.js",
            // A hash with a leading zero, written without it.
            "folio-viewer-16a017adab16581_bg.wasm",
        ] {
            assert!(is_hashed(hashed), "{hashed}");
        }
        for kept in [
            "folio.js",
            "folio-islands.js",
            "favicon.svg",
            "folio-0123.css",
        ] {
            assert!(!is_hashed(kept), "{kept}");
        }
        let headers = site_headers(
            "/news/",
            &["folio.js".into(), "folio-8b7e6448cc5e699c.css".into()],
        );
        assert!(headers.contains(
            "/news/folio-8b7e6448cc5e699c.css\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
        assert!(!headers.contains("folio.js"));
        assert!(
            headers.contains("/news/archive/manifest.json\n  Cache-Control: public, max-age=60\n")
        );
    }
}
