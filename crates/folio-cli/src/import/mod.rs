//! `folio import SOURCE… --out FILE`: a portal's existing article pages and feeds into a Folio
//! data file. Reads article pages (HTML in any encoding a browser reads, or text dumps) in the
//! portal layout of the seed page, and RSS/Atom feeds (each item an article); every article
//! written passes the viewer's loader, and every source that cannot become one is listed with
//! its reason.

mod blocks;
mod feed;
mod html;
mod text;

use std::collections::HashSet;
use std::path::PathBuf;

use folio_core::error::utf8_text;
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

A source is an article page, as HTML (GBK, GB18030, Big5, UTF-8, … decoded as a browser does)
or as a text dump: the 您所在的位置 breadcrumb (channel and column, created when new), the title,
the 发布/来源/浏览/编辑 meta line, the body and the （记者 …） byline. Or a feed (RSS 2.0, RSS
1.0, Atom): each item becomes an article, the feed's title its source and channel, its HTML
content typed blocks (paragraphs, headings, quotations, images with captions; never HTML).
Ids are derived from the date and the title, so importing a page twice, or a page and its
feed item, gives one article. Exit codes: 0 everything imported; 1 some sources or items were
skipped (each is listed); 2 nothing could be written.")]
pub struct Args {
    /// Article pages (HTML files or text dumps) and feeds (RSS or Atom files)
    #[arg(required = true)]
    sources: Vec<PathBuf>,
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
    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
}

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

/// The text of a source: an HTML page (by its first non-blank byte) decoded as a browser does
/// and turned into lines, or a text dump, which must be UTF-8.
fn page_text(bytes: &[u8]) -> Result<String, String> {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let is_html = start
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<');
    if is_html {
        html::decode(bytes).map(|page| html::lines(&page))
    } else {
        utf8_text(bytes)
            .map(str::to_owned)
            .map_err(|e| e.to_string())
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

/// The drafts of one source file, each named for the report: a page is one draft (or the
/// reason it is none), a feed one per item.
fn read_source(path: &std::path::Path, timezone: i16) -> Result<Drafts, String> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if feed::is_feed(&bytes) {
        let items = feed::read(&bytes, timezone)?;
        return Ok(items
            .into_iter()
            .map(|(item, draft)| (format!("{name}: {item}"), draft))
            .collect());
    }
    let page = page_text(&bytes)
        .and_then(|text| text::read(&text, timezone).map_err(|e| reason(&e).into()))
        .and_then(|page| match page.source {
            None => Err("no 来源 (source) in the meta line".to_owned()),
            Some(_) => Ok(page),
        });
    Ok(vec![(name, page)])
}

/// Runs the command; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let mut pages = Vec::new();
    let mut skipped = Vec::new();
    let mut notes = Vec::new();
    for path in &args.sources {
        match read_source(path, args.timezone) {
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
            Err(why) => skipped.push((path.display().to_string(), why)),
        }
    }
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
        eprintln!("warning: {name}: left out of the body: {what}");
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
            args.sources.len(),
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
        let id = article_id(page);
        if !ids.insert(id.clone()) {
            skipped.push((
                name.clone(),
                format!("the same article as an earlier source (id {id})"),
            ));
            continue;
        }
        if let Some(earlier) = bodies.insert(body_key(&json!(page.body)), name.clone()) {
            skipped.push((
                name.clone(),
                format!("the same body text as an earlier source ({earlier})"),
            ));
            continue;
        }
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
