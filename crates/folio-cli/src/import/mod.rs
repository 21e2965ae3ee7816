//! `folio import SOURCE… --out FILE`: a portal's existing article pages and feeds into a Folio
//! data file. Reads article pages (HTML in any encoding a browser reads, or text dumps) in the
//! portal layout of the seed page, and RSS/Atom feeds (each item an article); every article
//! written passes the viewer's loader, and every source that cannot become one is listed with
//! its reason.

mod blocks;
mod dates;
mod feed;
mod fetch;
mod html;
mod readable;
mod text;

use std::collections::HashSet;
use std::path::PathBuf;

use folio_core::encoding::utf8_text;
use folio_core::load::{fingerprint, load};
use folio_core::model::{Author, Block, DateTime};
use serde_json::{json, Value};

use crate::{EXIT_FATAL, EXIT_OK, EXIT_PROBLEMS};
use text::TextError;

/// Turn a portal's article pages (HTML or text) and feeds (RSS, Atom) into a data file
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  folio import pages/*.html --out articles.json
  folio import page.txt --out articles.json --timezone +08:00 --site 聊城信息港
  folio import news.rss atom.xml --out articles.json
  folio import new-pages/*.html --out articles.json --merge
  folio import https://www.example.cn/rss/news.xml --follow --out articles.json
  folio import https://www.example.cn/sitemap.xml --follow --delay 2000 --out articles.json

A source is an article page, as HTML (GBK, GB18030, Big5, UTF-8, … decoded as a browser does)
or as a text dump: the 您所在的位置 breadcrumb (channel and column, created when new), the title,
the 发布/来源/浏览/编辑 meta line, the body and the （记者 …） byline. Or a feed (RSS 2.0, RSS
1.0, Atom): each item becomes an article, the feed's title its source and channel, its HTML
content typed blocks (paragraphs, headings, quotations, images with captions; never HTML).
A source may be an http(s) address: fetched with robots.txt obeyed, one request at a time with
--delay between requests to a host, retries, --timeout, at most 5 redirects and 10 MB, from the
hosts given only (--allow-host, --any-host). With --follow, a feed's items are fetched and
imported as pages (the feed filling what a page lacks), and a sitemap's pages (index files
included) are fetched and imported.
Ids are derived from the date and the title, so importing a page twice, or a page and its
feed item, gives one article. Exit codes: 0 everything imported; 1 some sources or items were
skipped (each is listed); 2 nothing could be written.")]
pub struct Args {
    /// Article pages (HTML files or text dumps), feeds (RSS or Atom) and sitemaps: files,
    /// folders of them, or http(s) addresses
    #[arg(required = true)]
    sources: Vec<String>,
    /// The data file to write
    #[arg(long, short)]
    out: PathBuf,
    /// The zone of times the pages print without one, as ±HH:MM
    #[arg(long, default_value = "+08:00", value_parser = parse_zone)]
    timezone: i16,
    /// The site's name (otherwise the breadcrumb's first step)
    #[arg(long)]
    site: Option<String>,
    /// Add to the data file at --out instead of replacing it: its articles (edits included),
    /// channels and site stay as they are; an imported article it already has (same id, or the
    /// same body text) is reported and not added again
    #[arg(long)]
    merge: bool,
    /// Fetch and import the pages a feed's items link to (instead of the items alone) and the
    /// pages a sitemap lists
    #[arg(long)]
    follow: bool,
    /// Seconds a request may take, redirects included
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    timeout: u64,
    /// Milliseconds between two requests to the same host
    #[arg(long, default_value_t = 1000, value_name = "MS")]
    delay: u64,
    /// A host pages may be fetched from besides the hosts of the addresses given (repeatable)
    #[arg(long, value_name = "HOST")]
    allow_host: Vec<String>,
    /// Fetch from any host a feed or sitemap links to
    #[arg(long)]
    any_host: bool,
    /// What a page with no findable publication time gets: not imported (`skip`), the time
    /// of the import (`today`), or its file's modification time (`file-time`; an address's:
    /// the time of the import). Each such page is listed with the time it got
    #[arg(long, value_enum, default_value_t = Undated::Skip)]
    undated: Undated,
    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
}

/// The time a page with no findable publication time gets (`--undated`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Undated {
    Skip,
    Today,
    FileTime,
}

/// Pages an article may continue on.
const MAX_PAGES: usize = 20;

/// `+08:00` → 480 minutes.
fn parse_zone(zone: &str) -> Result<i16, String> {
    let probe = format!("2000-01-01T00:00:00{zone}");
    folio_core::model::DateTime::parse(&probe)
        .map(|at| at.offset_minutes)
        .ok_or_else(|| format!("`{zone}` is not a zone like +08:00"))
}

/// The channel new articles go to when a page has no breadcrumb.
const UNFILED: &str = "未分类";

/// Why a source was not imported.
fn reason(error: &TextError) -> &'static str {
    match error {
        TextError::Title => "no title line before the meta line",
        TextError::Date => "no meta line with a publication time (发布/时间/日期)",
        TextError::Body => "no body paragraph after the meta line",
    }
}

/// One page's draft: an HTML page (by its first non-blank byte, or a fetched page) decoded as a
/// browser does and read in the portal layout of the seed, else by its structure
/// ([`readable`]); or a text dump, which must be UTF-8. `base` is a fetched page's address.
fn read_page(
    bytes: &[u8],
    charset: Option<&str>,
    timezone: i16,
    base: Option<&str>,
    undated: Option<DateTime>,
) -> Result<Draft, String> {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let is_html = start
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<');
    if !(is_html || charset.is_some()) {
        let text = utf8_text(bytes).map_err(|e| e.to_string())?;
        return text::read(text, timezone, base).map_err(|e| reason(&e).to_owned());
    }
    let decoded = html::decode(bytes, charset)?;
    let page = decoded.text;
    let lines = html::lines(&page);
    let mut draft = match text::read(&lines, timezone, base) {
        Err(TextError::Date) => readable::read(&page, &lines, timezone, base, undated)
            .map_err(|why| format!("{}; read by its structure: {why}", reason(&TextError::Date))),
        other => other.map_err(|e| reason(&e).to_owned()),
    }?;
    if decoded.replaced > 0 {
        draft.dropped.push(format!(
            "{} characters do not decode as {} and show as \u{FFFD}",
            decoded.replaced,
            decoded.encoding.name()
        ));
    }
    Ok(draft)
}

/// A page's draft when it names its source (a feed item, followed, fills it otherwise).
fn with_source(page: Draft) -> Result<Draft, String> {
    match page.source {
        None => Err("no 来源 (source) in the meta line".to_owned()),
        Some(_) => Ok(page),
    }
}

/// What becomes one article: what a page (or its text dump) holds, or a feed item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// The site's name: a page's breadcrumb's first step, a feed's title.
    pub site: Option<String>,
    /// The channel path, top first: the breadcrumb's other steps (channel, column).
    pub channels: Vec<String>,
    /// The headline.
    pub title: String,
    /// The publication time, in the site's zone.
    pub published: Option<DateTime>,
    /// 来源, or the feed's title.
    pub source: Option<String>,
    /// 浏览 / 点击 N 次, when the page printed a number.
    pub views: Option<u64>,
    /// 编辑 / 责任编辑 / 作者.
    pub editor: Option<String>,
    /// The byline, or a feed item's authors.
    pub authors: Vec<Author>,
    /// The body, in order (a page's paragraphs trimmed; a feed item's blocks).
    pub body: Vec<Block>,
    /// Parts of the source left out of the body, with why (for the report).
    pub dropped: Vec<String>,
    /// A feed item's description, when its content is the body.
    pub summary: Option<String>,
    /// A feed item's categories.
    pub tags: Vec<String>,
    /// The footer's copyright line, or a feed's rights.
    pub copyright: Option<String>,
}

/// Drafts of one source, each named for the report (a feed item by its link), or why not.
pub type Drafts = Vec<(String, Result<Draft, String>)>;

/// A stable id: the publication day and a fingerprint of the title.
fn article_id(draft: &Draft) -> String {
    let day = draft
        .published
        .map_or_else(String::new, |at| at.date_iso().replace('-', ""));
    format!("{day}-{}", &fingerprint(draft.title.as_bytes())[..8])
}

/// What reading sources needs besides the sources: the zone, whether to follow links, the
/// fetcher (one for the run: robots.txt and delays hold across sources), and the progress bar.
struct Reading {
    timezone: i16,
    undated: Undated,
    follow: bool,
    fetcher: fetch::Fetcher,
    progress: indicatif::ProgressBar,
}

impl Reading {
    /// A file's bytes, or an address's (with its HTTP charset and final address).
    fn bytes(&mut self, source: &str) -> Result<fetch::Fetched, String> {
        if fetch::is_address(source) {
            self.progress.set_message(source.to_owned());
            return self.fetcher.get(source);
        }
        Ok(fetch::Fetched {
            bytes: std::fs::read(source).map_err(|e| e.to_string())?,
            charset: None,
            modified: std::fs::metadata(source).and_then(|m| m.modified()).ok(),
        })
    }

    /// The drafts of one source, each named for the report: a page is one draft (or the
    /// reason it is none), a feed one per item, a followed sitemap one per page it lists.
    fn source(&mut self, source: &str) -> Result<Drafts, String> {
        let fetched = self.bytes(source)?;
        if feed::is_feed(&fetched.bytes) {
            let items = feed::read(&fetched.bytes, self.timezone)?;
            let mut drafts = Vec::with_capacity(items.len());
            self.progress.inc_length(items.len() as u64);
            for (item, draft) in items {
                let name = format!("{source}: {item}");
                let draft = match draft {
                    Ok(draft) if self.follow && fetch::is_address(&item) => {
                        self.followed(&item, draft)
                    }
                    other => other,
                };
                self.progress.inc(1);
                drafts.push((name, draft));
            }
            return Ok(drafts);
        }
        if feed::is_sitemap(&fetched.bytes) {
            if !self.follow {
                return Err("a sitemap: give --follow to import the pages it lists".into());
            }
            return self.sitemap(source, &fetched.bytes, 0);
        }
        let draft = self.paged(source, fetched);
        Ok(vec![(source.to_owned(), draft)])
    }

    /// A page and the pages its article continues on, read whole (see [`Reading::continued`]).
    fn paged(&mut self, source: &str, fetched: fetch::Fetched) -> Result<Draft, String> {
        let base = fetch::is_address(source).then_some(source);
        let mut draft = self.page(&fetched, base)?;
        self.continued(&mut draft, source, fetched);
        Ok(draft)
    }

    /// Appends the pages an article continues on (found by their 下一页 link, files or
    /// addresses alike) to its draft, in order; [`MAX_PAGES`] pages at most.
    fn continued(&mut self, draft: &mut Draft, source: &str, fetched: fetch::Fetched) {
        let base = |address: &str| fetch::is_address(address).then(|| address.to_owned());
        let mut seen = HashSet::from([source.to_owned()]);
        let (mut address, mut current) = (source.to_owned(), fetched);
        for _ in 1..MAX_PAGES {
            let Some(next) = html::next_page(&current.bytes, current.charset.as_deref(), &address)
            else {
                break;
            };
            if !seen.insert(next.clone()) {
                break;
            }
            let page = self.bytes(&next).and_then(|fetched| {
                read_page(
                    &fetched.bytes,
                    fetched.charset.as_deref(),
                    self.timezone,
                    base(&next).as_deref(),
                    None,
                )
                .map(|page| (page, fetched))
            });
            match page {
                Ok((page, fetched)) => {
                    draft.body.extend(page.body);
                    draft.dropped.extend(page.dropped);
                    if draft.authors.is_empty() {
                        draft.authors = page.authors;
                    }
                    (address, current) = (next, fetched);
                }
                Err(why) => {
                    draft
                        .dropped
                        .push(format!("its continuation {next} was not read: {why}"));
                    break;
                }
            }
        }
    }

    /// One page's draft; `base` is its address, when it was fetched.
    fn page(&self, fetched: &fetch::Fetched, base: Option<&str>) -> Result<Draft, String> {
        let seconds = |time: std::time::SystemTime| {
            time.duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        };
        let now = std::time::SystemTime::now();
        let undated = match self.undated {
            Undated::Skip => None,
            Undated::Today => Some(seconds(now)),
            Undated::FileTime => Some(seconds(fetched.modified.unwrap_or(now))),
        }
        .map(|at| DateTime::from_unix_seconds(at, self.timezone));
        read_page(
            &fetched.bytes,
            fetched.charset.as_deref(),
            self.timezone,
            base,
            undated,
        )
        .and_then(with_source)
    }

    /// A feed item's page, the item filling what the page lacks; the item itself (with a note)
    /// when its page cannot be fetched or read as an article.
    fn followed(&mut self, link: &str, item: Draft) -> Result<Draft, String> {
        let timezone = self.timezone;
        let page = self.bytes(link).and_then(|fetched| {
            read_page(
                &fetched.bytes,
                fetched.charset.as_deref(),
                timezone,
                Some(link),
                None,
            )
            .map(|page| (page, fetched))
        });
        match page {
            Ok((mut page, fetched)) => {
                self.continued(&mut page, link, fetched);
                page.fill_from(item);
                Ok(page)
            }
            Err(why) => {
                let mut item = item;
                item.dropped.push(format!(
                    "its page was not used ({why}): the feed item's own text was imported"
                ));
                Ok(item)
            }
        }
    }

    /// The pages a sitemap lists (an index's sitemaps read in turn, two levels deep at most).
    fn sitemap(&mut self, source: &str, bytes: &[u8], depth: usize) -> Result<Drafts, String> {
        let (locs, index) = feed::sitemap(bytes)?;
        let mut drafts = Vec::new();
        if index {
            if depth >= 2 {
                return Err("a sitemap index nested more than two levels deep".into());
            }
            for loc in locs {
                match self.bytes(&loc) {
                    Ok(fetched) if feed::is_sitemap(&fetched.bytes) => {
                        match self.sitemap(&loc, &fetched.bytes, depth + 1) {
                            Ok(more) => drafts.extend(more),
                            Err(why) => drafts.push((loc, Err(why))),
                        }
                    }
                    Ok(_) => {
                        drafts.push((loc, Err("listed as a sitemap, but it is not one".into())))
                    }
                    Err(why) => drafts.push((loc, Err(why))),
                }
            }
            return Ok(drafts);
        }
        self.progress.inc_length(locs.len() as u64);
        for loc in locs {
            let draft = self
                .bytes(&loc)
                .and_then(|fetched| self.paged(&loc, fetched));
            self.progress.inc(1);
            drafts.push((format!("{source}: {loc}"), draft));
        }
        Ok(drafts)
    }
}

impl Draft {
    /// Fills what a page lacks from its feed item: source, date, authors, tags, summary.
    fn fill_from(&mut self, item: Draft) {
        self.source = self.source.take().or(item.source);
        self.published = self.published.or(item.published);
        if self.authors.is_empty() {
            self.authors = item.authors;
        }
        if self.tags.is_empty() {
            self.tags = item.tags;
        }
        self.summary = self.summary.take().or(item.summary);
        if self.channels.is_empty() {
            self.channels = item.channels;
        }
        self.site = self.site.take().or(item.site);
    }
}

/// The sources with each folder replaced by the files in it (and its folders'), in name order,
/// hidden files left out.
fn expand(sources: &[String]) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    for source in sources {
        let path = std::path::Path::new(source);
        if fetch::is_address(source) || !path.is_dir() {
            files.push(source.clone());
            continue;
        }
        let mut found = Vec::new();
        let mut folders = vec![path.to_path_buf()];
        while let Some(folder) = folders.pop() {
            let entries =
                std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
            for entry in entries {
                let entry = entry.map_err(|e| format!("{}: {e}", folder.display()))?;
                let path = entry.path();
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                if path.is_dir() {
                    folders.push(path);
                } else {
                    found.push(path.display().to_string());
                }
            }
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// Runs the command; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let mut pages = Vec::new();
    let mut skipped = Vec::new();
    let mut notes = Vec::new();
    // Hosts pages may come from: those of the addresses given, and the ones allowed.
    let hosts = (!args.any_host).then(|| {
        args.sources
            .iter()
            .filter_map(|s| fetch::host_of(s))
            .chain(args.allow_host.iter().cloned())
            .collect()
    });
    let progress = crate::progress::bar(args.quiet, 0, "fetching");
    let mut reading = Reading {
        timezone: args.timezone,
        undated: args.undated,
        follow: args.follow,
        fetcher: fetch::Fetcher::new(fetch::Options {
            timeout: std::time::Duration::from_secs(args.timeout.max(1)),
            delay: std::time::Duration::from_millis(args.delay),
            hosts,
        }),
        progress,
    };
    let sources = match expand(&args.sources) {
        Ok(sources) => sources,
        Err(why) => {
            eprintln!("error: {why}");
            return EXIT_FATAL;
        }
    };
    reading.progress.set_length(sources.len() as u64);
    for path in &sources {
        reading.progress.inc(1);
        match reading.source(path) {
            Ok(drafts) => {
                for (name, draft) in drafts {
                    match draft {
                        Ok(draft) => {
                            notes.extend(draft.dropped.iter().map(|d| (name.clone(), d.clone())));
                            pages.push((name, draft));
                        }
                        Err(why) => skipped.push((name, why)),
                    }
                }
            }
            Err(why) => skipped.push((path.clone(), why)),
        }
    }
    reading.progress.finish_and_clear();
    let (mut data, names) = build(&pages, args.site.as_deref(), &mut skipped);
    let mut already = Vec::new();
    if args.merge && args.out.exists() {
        match merge(&args.out, data, &names, &mut already) {
            Ok(merged) => data = merged,
            Err(why) => {
                eprintln!("error: {}: cannot merge into it: {why}", args.out.display());
                return EXIT_FATAL;
            }
        }
    }
    let text = format!("{data:#}\n");
    // What is written must be what the viewer shows: the loader reads it back.
    let written = match load(&text) {
        Ok(loaded) if loaded.problems.iter().all(|p| !p.skipped) => {
            loaded.catalogue.articles().len()
        }
        Ok(loaded) => {
            for problem in loaded.problems.iter().filter(|p| p.skipped) {
                eprintln!(
                    "error: {}",
                    folio_core::i18n::problem_text(folio_core::Lang::En, problem)
                );
            }
            return EXIT_FATAL;
        }
        Err(error) => {
            eprintln!("error: {error}");
            return EXIT_FATAL;
        }
    };
    for (name, why) in &skipped {
        eprintln!("warning: {name}: not imported: {why}");
    }
    for (name, what) in &notes {
        eprintln!("warning: {name}: {what}");
    }
    if !args.quiet {
        for (name, what) in &already {
            eprintln!("note: {name}: {what}");
        }
    }
    if written == 0 {
        eprintln!("error: nothing to write to {}", args.out.display());
        return EXIT_FATAL;
    }
    if let Err(error) = std::fs::write(&args.out, text) {
        eprintln!("error: could not write {}: {error}", args.out.display());
        return EXIT_FATAL;
    }
    if !args.quiet {
        let added = names.len() - already.len();
        eprintln!(
            "imported {added} articles from {} sources to {} ({} skipped{}); it holds {written}",
            sources.len(),
            args.out.display(),
            skipped.len(),
            if args.merge {
                format!(", {} already there", already.len())
            } else {
                String::new()
            },
        );
    }
    if skipped.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    }
}

/// The data file of the pages: site, the channels of their breadcrumbs, one article each (a
/// page whose id is already taken is skipped with its reason); with the name of the source of
/// each article, in order.
fn build(
    pages: &[(String, Draft)],
    site: Option<&str>,
    skipped: &mut Vec<(String, String)>,
) -> (Value, Vec<String>) {
    let site_name = site
        .map(str::to_owned)
        .or_else(|| pages.iter().find_map(|(_, p)| p.site.clone()))
        .unwrap_or_else(|| "Folio".to_owned());
    let copyright = pages.iter().find_map(|(_, p)| p.copyright.clone());
    let mut channels: Vec<Value> = Vec::new();
    let mut channel_ids: HashSet<String> = HashSet::new();
    let mut articles: Vec<Value> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    // Sets, not lists: a portal's archive has tens of thousands of pages.
    let mut bodies: std::collections::HashMap<String, String> = Default::default();
    let mut ids: HashSet<String> = HashSet::new();
    for (name, page) in pages {
        // Channel ids are their names: readable, stable, and valid ids (no spaces or slashes).
        let steps: Vec<&str> = if page.channels.is_empty() {
            vec![UNFILED]
        } else {
            page.channels.iter().map(String::as_str).collect()
        };
        let path: Vec<String> = steps.iter().map(|c| c.replace(['/', ' '], "-")).collect();
        for (depth, channel) in path.iter().enumerate() {
            if channel_ids.insert(channel.clone()) {
                let mut entry = json!({ "id": channel, "name": steps[depth] });
                if depth > 0 {
                    entry["parent"] = json!(path[depth - 1]);
                }
                channels.push(entry);
            }
        }
        let body = body_key(&json!(page.body));
        if let Some(earlier) = bodies.get(&body) {
            skipped.push((
                name.clone(),
                format!("the same body text as an earlier source ({earlier})"),
            ));
            continue;
        }
        let mut id = article_id(page);
        if ids.contains(&id) {
            // Another article with the same title on the same day: its body tells it apart,
            // and keeps its id stable from one import to the next.
            id = format!("{id}-{}", &body[..8]);
        }
        if !ids.insert(id.clone()) {
            skipped.push((
                name.clone(),
                format!("the same article as an earlier source (id {id})"),
            ));
            continue;
        }
        bodies.insert(body, name.clone());
        let mut article = json!({
            "id": id,
            "title": page.title,
            "channel": path.last(),
            "published": page.published.map(|at| at.to_string()),
            "source": page.source,
            "authors": page.authors.iter().map(|a| json!({ "role": a.role.key(), "name": a.name })).collect::<Vec<_>>(),
            "body": page.body,
        });
        if let Some(editor) = &page.editor {
            article["editor"] = json!(editor);
        }
        if let Some(views) = page.views {
            article["views"] = json!(views);
        }
        if let Some(summary) = &page.summary {
            article["summary"] = json!(summary);
        }
        if !page.tags.is_empty() {
            article["tags"] = json!(page.tags);
        }
        articles.push(article);
        names.push(name.clone());
    }
    let mut site = json!({ "name": site_name });
    if let Some(copyright) = copyright {
        site["copyright"] = json!(copyright);
    }
    let data = json!({ "site": site, "channels": channels, "articles": articles });
    (data, names)
}

/// The existing data file at `out` with the imported `data` added: its site, channels and
/// articles keep their values and key order (edits and fields Folio does not know included;
/// the file is written anew, pretty-printed); new channels and articles follow them. An imported article whose id, or body text, the file
/// already has is not added: it goes to `already` with its source's name.
fn merge(
    out: &std::path::Path,
    data: Value,
    names: &[String],
    already: &mut Vec<(String, String)>,
) -> Result<Value, String> {
    let bytes = std::fs::read(out).map_err(|e| e.to_string())?;
    let loaded = folio_core::load::load_bytes(&bytes).map_err(|e| e.to_string())?;
    if loaded.problems.iter().any(|p| p.skipped) {
        return Err("it has entries the viewer skips; `folio check` lists them".into());
    }
    let mut existing: Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    let ids: HashSet<String> = loaded
        .catalogue
        .articles()
        .iter()
        .map(|a| a.id.clone())
        .collect();
    let bodies: std::collections::HashMap<String, String> = loaded
        .catalogue
        .articles()
        .iter()
        .map(|a| (body_key(&json!(a.body)), a.id.clone()))
        .collect();
    let (Some(old_channels), Some(old_articles)) = (
        existing["channels"].as_array().cloned(),
        existing["articles"].as_array().cloned(),
    ) else {
        return Err("its channels or articles are not lists".into());
    };
    let mut channels = old_channels;
    let known: HashSet<String> = channels
        .iter()
        .filter_map(|c| c["id"].as_str().map(str::to_owned))
        .collect();
    for channel in data["channels"].as_array().into_iter().flatten() {
        if channel["id"].as_str().is_some_and(|id| !known.contains(id)) {
            channels.push(channel.clone());
        }
    }
    let mut articles = old_articles;
    let new = data["articles"].as_array().cloned().unwrap_or_default();
    for (article, name) in new.into_iter().zip(names) {
        let id = article["id"].as_str().unwrap_or_default().to_owned();
        if ids.contains(&id) {
            already.push((
                name.clone(),
                format!("already in the file (id {id}), kept as it is there"),
            ));
        } else if let Some(same) = bodies.get(&body_key(&article["body"])) {
            already.push((
                name.clone(),
                format!("the same body text as {same} in the file: not added again"),
            ));
        } else {
            articles.push(article);
        }
    }
    existing["channels"] = Value::Array(channels);
    existing["articles"] = Value::Array(articles);
    Ok(existing)
}

/// What tells two bodies apart (in the schema's JSON): a fingerprint of their blocks' text
/// and image addresses.
fn body_key(body: &Value) -> String {
    let parts: Vec<&str> = body
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|block| block["text"].as_str().or_else(|| block["src"].as_str()))
        .collect();
    fingerprint(parts.join("\n").as_bytes())
}
