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
mod files;
pub mod page;
mod site;

use std::path::{Path, PathBuf};
use std::time::Instant;

use folio_core::catalogue::SharedCatalogue;
use folio_core::catalogue::{PAGE_SIZE, PAGE_SIZES};
use folio_core::encoding::utf8_text;
use folio_core::i18n::{error_text, Lang};
use folio_core::load::{fingerprint, load_owned};
use folio_viewer::library::Library;

use crate::check::{parse_lang, print_problems};
use crate::positions::positions;
use crate::{EXIT_FATAL, EXIT_OK, EXIT_PROBLEMS};
use files::{
    app_files, prune, site_headers, speculation_rules, write_if_changed, State, SPECULATION,
};
use page::Template;
use site::{PageJob, Picture, Site};

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

/// What a build has written so far: its state (for the next build) and its summary.
struct Written<'a> {
    out: &'a Path,
    state: State,
    summary: Summary,
}

impl Written<'_> {
    /// Writes `bytes` as the build's file `name` unless it holds them already.
    fn file(&mut self, name: &str, bytes: &[u8]) -> Result<(), String> {
        self.state.files.insert(name.to_owned());
        if write_if_changed(self.out, name, bytes)? {
            self.summary.written += 1;
        }
        Ok(())
    }
}

impl Build<'_> {
    /// The share card and the logo the build draws where the site names none (`--image`,
    /// `--logo`), written as `share/card-HASH.png` and `share/logo-HASH.png` (a new name when
    /// they change, so card caches of social apps see the new one).
    fn pictures(
        &self,
        site: &Site,
        written: &mut Written,
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
            written.summary.warnings.push(format!(
                "no installed font has {missing} of the site's name {name:?}: the share card and \
                 logo leave them out (install a font that has them, or pass --image and --logo)"
            ));
        }
        let mut write = |kind: &str, bytes: &[u8], size: (u32, u32)| {
            let file = format!("share/{kind}-{}.png", &fingerprint(bytes)[..12]);
            written.file(&file, bytes)?;
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

    /// What the previous build into the folder wrote (nothing, with `--force`).
    fn previous(&self) -> State {
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
        previous
    }

    /// The app's files as they are, and the cache headers for hosts that read `_headers`: what
    /// is named by its content is cached for good, the archive's entry point for a minute;
    /// pages keep the host's default. Returns the app's files.
    fn app(&self, root: &str, written: &mut Written) -> Result<Vec<String>, String> {
        let app = app_files(self.app)?;
        for name in &app {
            let path = self.app.join(name);
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("could not read {}: {e}", path.display()))?;
            written.file(name, &bytes)?;
        }
        written.file("_headers", site_headers(root, &app).as_bytes())?;
        written.file(SPECULATION, speculation_rules(root).as_bytes())?;
        Ok(app)
    }

    /// The data file's bytes.
    fn read_data(&self) -> Result<Vec<u8>, String> {
        std::fs::read(self.input)
            .map_err(|e| format!("could not read {}: {e}", self.input.display()))
    }

    /// The site's packed archive, which its search reads: packed again only when the data
    /// changed (a new build beside the earlier ones, which readers mid-session keep reading),
    /// else pruned as `--keep` asks. The packer frees `data` once read; it is read again after.
    fn archive(
        &self,
        data: &mut Vec<u8>,
        previous: &State,
        written: &mut Written,
    ) -> Result<(), String> {
        let archive_dir = self.out.join(ARCHIVE_DIR.trim_end_matches('/'));
        let data_key = fingerprint(data);
        let current = previous.archive.as_deref() == Some(data_key.as_str())
            && archive_dir.join(folio_core::archive::MANIFEST).is_file();
        if !current {
            let options = crate::pack::Options {
                keep: self.keep,
                force: self.force,
                // The site's own `_headers` covers the archive.
                headers: false,
            };
            let (packed, ..) =
                crate::pack::pack(std::mem::take(data), &archive_dir, !self.progress, options)
                    .map_err(|e| format!("{}: {e}", self.input.display()))?;
            *data = self.read_data()?;
            written.summary.written += 1;
            written.summary.archive_builds = Some((packed.pruned, packed.kept));
        } else if self.keep.count.is_some() || self.keep.age.is_some() {
            let builds = crate::pack::prune_published(&archive_dir, self.keep)
                .map_err(|e| format!("{}: {e}", archive_dir.display()))?;
            written.summary.archive_builds = Some(builds);
        }
        written.state.archive = Some(data_key);
        Ok(())
    }

    /// Every page whose inputs changed since the previous build (or whose file is gone).
    fn pages(
        &self,
        site: &Site,
        jobs: &[PageJob],
        previous: &State,
        written: &mut Written,
    ) -> Result<(), String> {
        let bar = crate::progress::bar(!self.progress, jobs.len(), "rendering");
        for job in jobs {
            bar.inc(1);
            let state = &mut written.state;
            state.pages.insert(job.file.clone(), job.key.clone());
            state.files.insert(job.file.clone());
            let unchanged = previous.pages.get(&job.file) == Some(&job.key)
                && self.out.join(&job.file).is_file();
            if unchanged {
                continue;
            }
            let html = site.page(&job.route);
            let summary = &mut written.summary;
            summary.rendered += 1;
            summary.html_bytes += html.len() as u64;
            if write_if_changed(self.out, &job.file, html.as_bytes())? {
                summary.written += 1;
            }
        }
        bar.finish_and_clear();
        Ok(())
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
        let previous = self.previous();
        let mut written = Written {
            out: self.out,
            state: State::default(),
            summary: Summary::default(),
        };
        let app = self.app(&root, &mut written)?;
        let mut data = self.read_data()?;
        self.archive(&mut data, &previous, &mut written)?;

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
        let (image, logo) = self.pictures(&site, &mut written)?;
        let site = Site {
            image: image.or_else(|| absolute(self.image).map(Picture::unsized_at)),
            logo: logo.or_else(|| absolute(self.logo).map(Picture::unsized_at)),
            ..site
        };
        written.file(page::MANIFEST, web_manifest(&site, &app)?.as_bytes())?;
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
        let jobs = site.jobs(&lists, &global, &mut written.summary.skipped);
        written.summary.pages = jobs.len();
        self.pages(&site, &jobs, &previous, &mut written)?;
        let search = format!("{}/index.html", folio_core::route::SEARCH_FOLDER);
        written.file(&search, site.search_page().as_bytes())?;
        for (name, text) in site.crawler_files(&lists, self.now) {
            written.file(&name, text.as_bytes())?;
        }

        // What an earlier build wrote and this one did not: a removed article or channel.
        let Written {
            state, mut summary, ..
        } = written;
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

/// The web app manifest: installing the site, with its name and logo.
fn web_manifest(site: &Site, app: &[String]) -> Result<String, String> {
    let name = &site.catalogue.site().name;
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
        lang: site.lang.tag(),
        start_url: "./",
        scope: "./",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#a61b1b",
        icons,
    };
    serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())
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
    use super::files::is_hashed;
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
