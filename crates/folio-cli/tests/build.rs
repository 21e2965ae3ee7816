//! `folio build` on the demo data, checked without a browser: every page parsed as HTML (title,
//! canonical, Open Graph, JSON-LD read as JSON with the right types, every link leading to a
//! page of the site), the seed article's twelve paragraphs and byline verbatim, the sitemaps
//! read as XML and every address in them a page, the feeds read by a feed parser, the Google
//! News sitemap, incremental rebuilds and what the command refuses.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};
use serde_json::Value;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/articles.json");
const APP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/app");
const SEED_TEXT: &str = include_str!("../../../tests/fixtures/liaocheng-news-2015-06-15.txt");
const SEED_ID: &str = "20150615-zhiliang-qiangshi";
const BASE: &str = "https://news.example.cn/";
/// A day after the demo's newest article (2015-09-18T15:00:00+08:00).
const NOW: &str = "1442646000";

fn build(data: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("build")
        .arg(data)
        .arg("--out")
        .arg(out)
        .args(["--base-url", BASE, "--app", APP])
        .args(extra)
        .env("SOURCE_DATE_EPOCH", NOW)
        .output()
        .expect("the folio binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector")
}

/// Every file below `dir`, relative, with `/`.
fn files(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .expect("below")
                    .to_string_lossy()
                    .replace('\\', "/");
                found.insert(relative);
            }
        }
    }
    found
}

/// The file an address of the site is served from.
fn file_of(url: &str) -> String {
    let path = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not on the site"));
    let path = path.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path);
    if decoded.is_empty() || decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else {
        decoded
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            if let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("UTF-8 paths")
}

/// The address of a page file.
fn url_of(file: &str) -> String {
    let folder = file.strip_suffix("index.html").unwrap_or(file);
    let encoded: Vec<String> = folder
        .split('/')
        .map(folio_core::route::encode_component)
        .collect();
    format!("{BASE}{}", encoded.join("/"))
}

/// Resolves a relative link from a page file to the address it names.
fn resolve(file: &str, href: &str) -> String {
    url::Url::parse(&url_of(file))
        .and_then(|page| page.join(href))
        .expect("a valid link")
        .to_string()
}

fn meta(doc: &Html, css: &str) -> Option<String> {
    doc.select(&sel(css))
        .next()
        .and_then(|e| e.value().attr("content").map(str::to_owned))
}

#[test]
fn builds_every_page_as_a_real_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("site");
    let output = build(Path::new(DEMO), &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = stderr(&output);
    assert!(summary.contains("built 63 pages"), "{summary}");

    let written = files(&out);
    let demo: Value = serde_json::from_str(&std::fs::read_to_string(DEMO).unwrap()).unwrap();
    let articles = demo["articles"].as_array().unwrap();
    let pages: Vec<&String> = written.iter().filter(|f| f.ends_with(".html")).collect();
    assert_eq!(pages.len(), 64, "63 and the search page: {pages:?}");
    // The app's files, but not its demo page, single-file build or examples.
    for app_file in [
        "folio.js",
        "folio-0123.css",
        "favicon-0123.svg",
        "snippets/x/inline0.js",
        "archive/manifest.json",
        "search/index.html",
    ] {
        assert!(written.contains(app_file), "{app_file}");
    }
    assert!(
        !written.contains("articles.json"),
        "no page reads the data file: search reads the archive"
    );

    // The sitemap lists every article page and every list page, each a file of the site.
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let xml = roxmltree::Document::parse(&sitemap).expect("sitemap.xml is XML");
    let locs: Vec<String> = xml
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap_or("").to_owned())
        .collect();
    assert_eq!(locs.len(), 62, "every page but the not-found page");
    for loc in &locs {
        assert!(written.contains(&file_of(loc)), "{loc} has no page");
    }
    for article in articles {
        let url = format!("{BASE}article/{}/", article["id"].as_str().unwrap());
        assert!(locs.contains(&url), "{url} not in the sitemap");
    }

    let title_sel = sel("head > title");
    let link_sel = sel("a[href]");
    let json_ld_sel = sel("script[type=\"application/ld+json\"]");
    for file in &pages {
        let html = std::fs::read_to_string(out.join(file)).unwrap();
        let doc = Html::parse_document(&html);
        let title = doc
            .select(&title_sel)
            .next()
            .map(|t| t.text().collect::<String>());
        assert!(
            title.as_deref().is_some_and(|t| t.ends_with("聊城信息港")),
            "{file}: {title:?}"
        );
        assert_eq!(
            doc.root_element().value().attr("lang"),
            Some("zh-CN"),
            "{file}"
        );
        assert!(
            meta(&doc, "meta[name=description]").is_some_and(|d| !d.is_empty()),
            "{file}"
        );
        assert_eq!(
            meta(&doc, "meta[property=\"og:site_name\"]").as_deref(),
            Some("聊城信息港")
        );
        assert_eq!(
            meta(&doc, "meta[property=\"og:locale\"]").as_deref(),
            Some("zh_CN")
        );
        assert!(
            meta(&doc, "meta[name=\"twitter:card\"]").is_some(),
            "{file}"
        );
        assert!(meta(&doc, "meta[itemprop=name]").is_some(), "{file}");
        assert!(
            doc.select(&sel("link[rel=alternate][type=\"application/atom+xml\"]"))
                .count()
                >= 1,
            "{file}: a feed is linked"
        );
        // Documents, not an app: no page names a view for code to recompute or a data file.
        assert!(!html.contains("data-folio-prerendered"), "{file}");
        assert!(
            !html.contains("rel=\"preload\""),
            "{file}: nothing competes with the first paint"
        );
        if file.as_str() == "search/index.html" {
            assert_eq!(meta(&doc, "meta[name=robots]").as_deref(), Some("noindex"));
            let root = doc.select(&sel("[data-folio-standalone]")).next().unwrap();
            assert_eq!(root.value().attr("data-folio-src"), Some("archive/"));
            assert_eq!(root.value().attr("data-folio-route"), Some("search/"));
            assert_eq!(root.value().attr("data-folio-root"), Some("../"));
            continue;
        }
        assert!(
            doc.select(&sel("[data-folio-standalone]")).next().is_none(),
            "{file}: only the search page starts a viewer"
        );
        if file.as_str() == "404.html" {
            assert_eq!(meta(&doc, "meta[name=robots]").as_deref(), Some("noindex"));
            // A host serves it at any address: its links and assets start at the root.
            let css = doc.select(&sel("link[rel=stylesheet]")).next().unwrap();
            assert_eq!(css.value().attr("href"), Some("/folio-0123.css"));
            continue;
        }
        let url = url_of(file);
        let canonical = doc
            .select(&sel("link[rel=canonical]"))
            .next()
            .and_then(|l| l.value().attr("href"));
        assert_eq!(canonical, Some(url.as_str()), "{file}");
        assert_eq!(
            meta(&doc, "meta[property=\"og:url\"]").as_deref(),
            Some(url.as_str())
        );
        // Assets relative to the page: the site works under any sub-path.
        let css = doc.select(&sel("link[rel=stylesheet]")).next().unwrap();
        assert_eq!(
            resolve(file, css.value().attr("href").unwrap()),
            format!("{BASE}folio-0123.css")
        );
        // Every link of the viewer leads to a page of the site (or elsewhere, absolute).
        for link in doc.select(&link_sel) {
            let href = link.value().attr("href").unwrap();
            assert!(!href.starts_with('#'), "{file}: a hash link {href}");
            if href.starts_with("http") || href.starts_with("mailto:") {
                continue;
            }
            let target = file_of(&resolve(file, href));
            assert!(
                written.contains(&target),
                "{file}: {href} leads to no page ({target})"
            );
        }
        let is_article = file.starts_with("article/");
        assert_eq!(
            meta(&doc, "meta[property=\"og:type\"]").as_deref(),
            Some(if is_article { "article" } else { "website" })
        );
        let json_ld: Vec<Value> = doc
            .select(&json_ld_sel)
            .map(|s| serde_json::from_str(&s.text().collect::<String>()).expect("JSON-LD is JSON"))
            .collect();
        if is_article {
            let data = &json_ld[0];
            assert_eq!(data["@type"], "NewsArticle", "{file}");
            assert_eq!(data["@context"], "https://schema.org");
            assert!(data["headline"].is_string());
            let published = data["datePublished"].as_str().unwrap();
            assert!(
                folio_core::model::DateTime::parse(published).is_some(),
                "{published}"
            );
            assert!(
                published.ends_with("+08:00"),
                "dates keep their offset: {published}"
            );
            assert_eq!(data["publisher"]["@type"], "Organization");
            assert!(data["articleSection"].is_string());
            assert_eq!(data["mainEntityOfPage"]["@id"], url.as_str());
            assert!(meta(&doc, "meta[property=\"article:published_time\"]").is_some());
        }
    }

    // The seed article: breadcrumb, meta line, twelve paragraphs and byline, verbatim.
    let seed = std::fs::read_to_string(out.join(format!("article/{SEED_ID}/index.html"))).unwrap();
    let paragraphs: Vec<&str> = SEED_TEXT
        .lines()
        .map(str::trim)
        .skip_while(|line| !line.starts_with("本报讯"))
        .take_while(|line| !line.starts_with("(记者"))
        .filter(|line| !line.is_empty())
        .collect();
    assert_eq!(paragraphs.len(), 12);
    for paragraph in &paragraphs {
        assert_eq!(
            seed.matches(&format!(">{paragraph}</p>")).count(),
            1,
            "once, in the body: {paragraph}"
        );
    }
    assert!(
        seed.contains(">(记者 曹天伟 王培源  通讯员 肖艳伟)<"),
        "the byline"
    );
    for part in [
        "您所在的位置",
        "href=\"../../channel/news/\"",
        "href=\"../../channel/lc-news/\"",
        "发布:",
        "来源:",
        "编辑:",
        "相关文章",
        "分享到",
    ] {
        assert!(seed.contains(part), "{part}");
    }
    let doc = Html::parse_document(&seed);
    let data: Value = serde_json::from_str(
        &doc.select(&json_ld_sel)
            .next()
            .unwrap()
            .text()
            .collect::<String>(),
    )
    .unwrap();
    let authors = data["author"].as_array().unwrap();
    assert_eq!(authors.len(), 3);
    assert_eq!(authors[0]["@type"], "Person");
    assert_eq!(authors[0]["name"], "曹天伟");
    assert_eq!(authors[2]["jobTitle"], "通讯员");
    assert!(
        seed.contains("需要启用 JavaScript"),
        "the share widget says what needs JavaScript"
    );
    // Installable: every page links the web app manifest, which names the site and its icons.
    assert!(
        seed.contains("<link rel=\"manifest\" href=\"../../manifest.webmanifest\">"),
        "the article links the manifest"
    );
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.webmanifest")).unwrap())
            .unwrap();
    assert_eq!(manifest["start_url"], "./");
    assert!(
        manifest["icons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|icon| icon["sizes"] == "512x512"
                && out.join(icon["src"].as_str().unwrap()).is_file()),
        "{manifest}"
    );
    // The islands: each marked with its props, which the island Wasm hydrates from.
    let islands: Vec<Value> = doc
        .select(&sel("[data-folio-island]"))
        .map(|e| serde_json::from_str(e.value().attr("data-folio-island").unwrap()).unwrap())
        .collect();
    let kinds: Vec<&str> = islands
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["settings", "progress", "read", "share"],
        "{islands:?}"
    );
    assert_eq!(
        islands[3]["url"],
        format!("{BASE}article/{SEED_ID}/"),
        "the share bar shares the canonical address"
    );
    assert_eq!(islands[3]["title"], data["headline"]);
    // The list's search box is a form the search page answers, from any page.
    let home = Html::parse_document(&std::fs::read_to_string(out.join("index.html")).unwrap());
    let form = home.select(&sel("form[role=search]")).next().unwrap();
    assert_eq!(form.value().attr("action"), Some("search/"));
    assert_eq!(form.value().attr("method"), Some("get"));
    let channel = Html::parse_document(
        &std::fs::read_to_string(out.join("channel/lc-news/index.html")).unwrap(),
    );
    let form = channel.select(&sel("form[role=search]")).next().unwrap();
    assert_eq!(form.value().attr("action"), Some("../../search/"));
    assert!(channel
        .select(&sel(
            "form[role=search] input[type=hidden][name=channel][value=lc-news]"
        ))
        .next()
        .is_some());

    // The list pages page through every article.
    let mut listed = BTreeSet::new();
    let card_link = sel(".folio-card a[href^=\"article/\"], .folio-card a[href*=\"/article/\"]");
    for file in pages
        .iter()
        .filter(|f| **f == "index.html" || f.starts_with("page/"))
    {
        let doc = Html::parse_document(&std::fs::read_to_string(out.join(file)).unwrap());
        for link in doc.select(&card_link) {
            listed.insert(file_of(&resolve(file, link.value().attr("href").unwrap())));
        }
    }
    assert_eq!(
        listed.len(),
        articles.len(),
        "every article is on one page of the full list"
    );

    // Feeds, read by a feed parser: the site's and each channel's, newest first.
    let atom = feed_rs::parser::parse(std::fs::read(out.join("atom.xml")).unwrap().as_slice())
        .expect("Atom parses");
    assert_eq!(atom.entries.len(), articles.len().min(50));
    assert_eq!(atom.title.unwrap().content, "聊城信息港");
    let rss = feed_rs::parser::parse(std::fs::read(out.join("rss.xml")).unwrap().as_slice())
        .expect("RSS parses");
    assert_eq!(rss.entries.len(), atom.entries.len());
    let first = &rss.entries[0];
    assert_eq!(first.links[0].href, atom.entries[0].links[0].href);
    assert!(first.published.is_some());
    let lc_news = feed_rs::parser::parse(
        std::fs::read(out.join("channel/lc-news/atom.xml"))
            .unwrap()
            .as_slice(),
    )
    .unwrap();
    let seed_entry = lc_news
        .entries
        .iter()
        .find(|e| e.links[0].href.ends_with(&format!("article/{SEED_ID}/")))
        .expect("the seed article in its channel's feed");
    let content = seed_entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .unwrap();
    assert!(content.contains(paragraphs[0]), "the body as HTML");
    for channel in demo["channels"].as_array().unwrap() {
        let id = channel["id"].as_str().unwrap();
        for feed in ["atom.xml", "rss.xml"] {
            let bytes = std::fs::read(out.join(format!("channel/{id}/{feed}"))).unwrap();
            feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{id}/{feed}: {e}"));
        }
    }

    // The Google News sitemap: the two days before "now".
    let news = std::fs::read_to_string(out.join("news-sitemap.xml")).unwrap();
    let news_xml = roxmltree::Document::parse(&news).expect("news-sitemap.xml is XML");
    let recent: Vec<&str> = articles
        .iter()
        .filter(|a| {
            let at = folio_core::model::DateTime::parse(a["published"].as_str().unwrap())
                .unwrap()
                .unix_seconds();
            let now: i64 = NOW.parse().unwrap();
            at <= now && now - at <= 2 * 86_400
        })
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(
        !recent.is_empty(),
        "the demo has articles in those two days"
    );
    let news_locs = news_xml
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .count();
    assert_eq!(news_locs, recent.len());
    assert!(news.contains("<news:language>zh-cn</news:language>"));
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://news.example.cn/sitemap.xml"));
}

/// The demo data with one article's title changed (or the article removed).
fn edited(dir: &Path, change: impl FnOnce(&mut Vec<Value>)) -> PathBuf {
    let mut demo: Value = serde_json::from_str(&std::fs::read_to_string(DEMO).unwrap()).unwrap();
    change(demo["articles"].as_array_mut().unwrap());
    let path = dir.join("edited.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&demo).unwrap()).unwrap();
    path
}

/// The number in "(N rendered, M files written, K removed)".
fn counts(summary: &str) -> (usize, usize, usize) {
    let line = summary
        .lines()
        .find(|l| l.starts_with("built "))
        .unwrap_or_else(|| panic!("{summary}"));
    let inner = line
        .split('(')
        .nth(1)
        .and_then(|s| s.split(')').next())
        .unwrap_or_else(|| panic!("{summary}"));
    let numbers: Vec<usize> = inner
        .split(", ")
        .map(|part| part.split(' ').next().unwrap().parse().unwrap())
        .collect();
    (numbers[0], numbers[1], numbers[2])
}

#[test]
fn a_second_build_renders_and_writes_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    assert!(build(Path::new(DEMO), &out, &[]).status.success());
    let again = build(Path::new(DEMO), &out, &[]);
    assert_eq!(counts(&stderr(&again)), (0, 0, 0), "{}", stderr(&again));

    // An old article's title: its page, the pages listing or linking it, the data and feeds.
    let data = edited(dir.path(), |articles| {
        let old = articles
            .iter_mut()
            .find(|a| a["id"] == "20150615-zhiliang-qiangshi")
            .unwrap();
        old["title"] = Value::from("聊城实施质量强市战略动员大会召开");
    });
    let changed = build(&data, &out, &[]);
    assert!(changed.status.success(), "{}", stderr(&changed));
    let (rendered, written, removed) = counts(&stderr(&changed));
    assert!((2..=20).contains(&rendered), "{}", stderr(&changed));
    assert!(
        written >= rendered && written <= rendered + 12,
        "{}",
        stderr(&changed)
    );
    assert_eq!(removed, 0);
    let page = std::fs::read_to_string(out.join(format!("article/{SEED_ID}/index.html"))).unwrap();
    assert!(page.contains("<title>聊城实施质量强市战略动员大会召开 - 聊城信息港</title>"));

    // A removed article's page goes, and its folder with it.
    let data = edited(dir.path(), |articles| {
        articles.retain(|a| a["id"] != SEED_ID)
    });
    let removed = build(&data, &out, &[]);
    assert!(removed.status.success());
    assert!(counts(&stderr(&removed)).2 >= 1, "{}", stderr(&removed));
    assert!(!out.join(format!("article/{SEED_ID}")).exists());
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains(SEED_ID));

    // --force renders everything and packs the archive again, and writes no page that did
    // not change.
    let forced = build(&data, &out, &["--force"]);
    let (rendered, written, _) = counts(&stderr(&forced));
    assert_eq!((rendered, written), (62, 1), "{}", stderr(&forced));
}

#[test]
fn every_site_searches_its_archive() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let output = build(Path::new(DEMO), &out, &["--quiet"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let manifest = std::fs::read(out.join("archive/manifest.json")).unwrap();
    let search = std::fs::read_to_string(out.join("search/index.html")).unwrap();
    assert!(search.contains("data-folio-src=\"archive/\""));
    // A second build leaves the archive as it is; changed data packs it again.
    let again = build(Path::new(DEMO), &out, &[]);
    assert_eq!(counts(&stderr(&again)), (0, 0, 0), "{}", stderr(&again));
    let data = edited(dir.path(), |articles| {
        articles.retain(|a| a["id"] != SEED_ID)
    });
    assert!(build(&data, &out, &["--quiet"]).status.success());
    assert_ne!(
        std::fs::read(out.join("archive/manifest.json")).unwrap(),
        manifest
    );
}

#[test]
fn share_cards_and_crawler_files_that_clients_accept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    // Long after the demo's articles: no recent news.
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("build")
        .arg(DEMO)
        .arg("--out")
        .arg(&out)
        .args(["--base-url", BASE, "--app", APP, "--quiet"])
        .args([
            "--image",
            "img/card.png",
            "--logo",
            "https://cdn.example.cn/logo.png",
        ])
        .env("SOURCE_DATE_EPOCH", "1800000000")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let read = |file: &str| Html::parse_document(&std::fs::read_to_string(out.join(file)).unwrap());
    let seed = read(&format!("article/{SEED_ID}/index.html"));
    assert_eq!(
        meta(&seed, "meta[property=\"og:title\"]").as_deref(),
        Some("聊城实施质量强市战略动员暨科学技术奖励大会召开"),
        "the headline alone: the card shows the site's name beside it"
    );
    assert_eq!(
        meta(&seed, "meta[name=\"twitter:title\"]"),
        meta(&seed, "meta[property=\"og:title\"]")
    );
    // The site's image stands in for an article without one, with what it shows.
    assert_eq!(
        meta(&seed, "meta[property=\"og:image\"]").as_deref(),
        Some("https://news.example.cn/img/card.png")
    );
    assert_eq!(
        meta(&seed, "meta[property=\"og:image:alt\"]").as_deref(),
        Some("聊城信息港")
    );
    assert_eq!(
        meta(&seed, "meta[name=\"twitter:card\"]").as_deref(),
        Some("summary_large_image")
    );
    let json_ld = |doc: &Html| -> Value {
        let text: String = doc
            .select(&sel("script[type=\"application/ld+json\"]"))
            .next()
            .unwrap()
            .text()
            .collect();
        serde_json::from_str(&text).unwrap()
    };
    let data = json_ld(&seed);
    assert_eq!(data["image"][0], "https://news.example.cn/img/card.png");
    assert_eq!(
        data["publisher"]["logo"]["url"],
        "https://cdn.example.cn/logo.png"
    );
    // A wire story without a named person: its source is its author.
    let wire = json_ld(&read("article/20150725-quanguo-yanhao/index.html"));
    assert_eq!(wire["author"][0]["@type"], "Organization");
    assert_eq!(wire["author"][0]["name"], "新华社");
    let home = read("index.html");
    assert_eq!(
        meta(&home, "meta[property=\"og:image\"]").as_deref(),
        Some("https://news.example.cn/img/card.png")
    );
    assert_eq!(
        meta(&home, "meta[property=\"og:title\"]").as_deref(),
        Some("聊城信息港")
    );
    // No recent articles: no (invalid, empty) news sitemap, and robots.txt does not name one.
    assert!(!out.join("news-sitemap.xml").exists());
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(
        robots.contains("sitemap.xml") && !robots.contains("news-sitemap"),
        "{robots}"
    );
}

#[test]
fn a_site_without_an_image_gets_a_card_and_logo_drawn_from_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let output = build(Path::new(DEMO), &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let drawn: Vec<String> = files(&out)
        .into_iter()
        .filter(|f| f.starts_with("share/"))
        .collect();
    let named = |kind: &str| {
        drawn
            .iter()
            .find(|f| f.starts_with(&format!("share/{kind}-")) && f.ends_with(".png"))
            .unwrap_or_else(|| panic!("no {kind} in {drawn:?}"))
            .clone()
    };
    let (card, logo) = (named("card"), named("logo"));
    let png_size = |file: &str| {
        let png = std::fs::read(out.join(file)).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{file}");
        let word = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        (word(16), word(20))
    };
    assert_eq!(png_size(&card), (1200, 630));
    assert_eq!(png_size(&logo), (512, 512));

    let read = |file: &str| Html::parse_document(&std::fs::read_to_string(out.join(file)).unwrap());
    let seed = read(&format!("article/{SEED_ID}/index.html"));
    let card_url = format!("{BASE}{card}");
    assert_eq!(
        meta(&seed, "meta[property=\"og:image\"]"),
        Some(card_url.clone())
    );
    assert_eq!(meta(&seed, "meta[name=\"twitter:image\"]"), Some(card_url));
    assert_eq!(
        meta(&seed, "meta[property=\"og:image:width\"]").as_deref(),
        Some("1200")
    );
    assert_eq!(
        meta(&seed, "meta[property=\"og:image:height\"]").as_deref(),
        Some("630")
    );
    // The first picture of the page, for WeChat and QQ: the square logo, hidden and lazy.
    let first = seed.select(&sel("body img")).next().expect("a picture");
    assert_eq!(
        first.value().attr("src"),
        Some(format!("../../{logo}").as_str()),
        "the site's own file, from the page"
    );
    assert_eq!(first.value().attr("width"), Some("512"));
    assert!(first.value().attr("hidden").is_some());
    assert_eq!(first.value().attr("loading"), Some("lazy"));
    let text: String = seed
        .select(&sel("script[type=\"application/ld+json\"]"))
        .next()
        .unwrap()
        .text()
        .collect();
    let data: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(data["publisher"]["logo"]["url"], format!("{BASE}{logo}"));
    assert_eq!(data["publisher"]["logo"]["width"], 512);

    // The site's own images replace both, and nothing is drawn.
    let output = build(
        Path::new(DEMO),
        &out,
        &["--image", "img/card.png", "--logo", "img/logo.png"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!files(&out).iter().any(|f| f.starts_with("share/")));
    let seed = read(&format!("article/{SEED_ID}/index.html"));
    assert_eq!(
        meta(&seed, "meta[property=\"og:image:width\"]"),
        None,
        "its size is unknown"
    );
    assert!(seed.select(&sel("body img[hidden]")).next().is_some());
}

/// Every file of a built site but its copy of the data.
fn site_texts(out: &Path) -> Vec<(String, String)> {
    files(out)
        .into_iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".xml") || f == "robots.txt")
        .map(|f| {
            let text = std::fs::read_to_string(out.join(&f)).unwrap();
            (f, text)
        })
        .collect()
}

#[test]
fn hostile_data_stays_text_in_pages_and_feeds() {
    let hostile = concat!(env!("CARGO_MANIFEST_DIR"), "/../../e2e/fixtures/hostile/");
    let dir = tempfile::tempdir().unwrap();
    // HTML and <script> in every text field: escaped everywhere, the JSON-LD still JSON.
    let out = dir.path().join("html");
    let output = build(
        &Path::new(hostile).join("html-everywhere.json"),
        &out,
        &["--quiet"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let script = sel("script");
    for (file, text) in site_texts(&out) {
        assert!(
            !text.contains("<script>window"),
            "{file}: a script from the data"
        );
        assert!(
            !text.contains("<img src=x"),
            "{file}: an element from the data"
        );
        if file.ends_with(".xml") {
            feed_rs::parser::parse(text.as_bytes()).map_or_else(
                |_| {
                    roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
                },
                |_| {},
            );
        }
        if !file.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(&text);
        for element in doc.select(&script) {
            match element.value().attr("type") {
                Some("application/ld+json") => {
                    let json = element.text().collect::<String>();
                    let data: Value =
                        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{file}: {e}"));
                    assert!(
                        data["headline"].as_str().unwrap().contains("<script>"),
                        "kept as text"
                    );
                }
                Some("module") => assert!(element.value().attr("src").is_some()),
                other => panic!("{file}: a script of type {other:?}"),
            }
        }
        assert!(doc.select(&sel("[onerror]")).next().is_none(), "{file}");
    }
    // javascript: and data: addresses are dropped, and named.
    let out = dir.path().join("urls");
    let output = build(&Path::new(hostile).join("unsafe-urls.json"), &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("body[2].src"),
        "{}",
        stderr(&output)
    );
    for (file, text) in site_texts(&out) {
        assert!(!text.to_ascii_lowercase().contains("javascript:"), "{file}");
        assert!(!text.contains("data:image"), "{file}");
    }
    // Every other hostile file builds or is refused with a message, never a panic.
    for entry in std::fs::read_dir(hostile).unwrap() {
        let path = entry.unwrap().path();
        let output = build(&path, &dir.path().join("any"), &["--quiet", "--force"]);
        assert!(
            matches!(output.status.code(), Some(0..=2)),
            "{}: {}",
            path.display(),
            stderr(&output)
        );
        assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    }
}

#[test]
fn names_what_it_cannot_build() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    // An id that cannot name a folder: the rest is built, the article is named.
    let data = edited(dir.path(), |articles| {
        articles[0]["id"] = Value::from("a?b");
    });
    let output = build(&data, &out, &["--quiet"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("article a?b: its id cannot name a folder"),
        "{}",
        stderr(&output)
    );
    assert!(out.join("index.html").is_file());

    for (args, message) in [
        (
            vec!["--base-url", "ftp://x.cn/"],
            "an http or https address",
        ),
        (
            vec!["--base-url", "news.example.cn"],
            "--base-url news.example.cn",
        ),
        (vec!["--base-url", "https://x.cn/?a=1"], "without ? or #"),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["build", DEMO, "--out"])
            .arg(&out)
            .args(["--app", APP])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).contains(message), "{}", stderr(&output));
    }
    // Not JSON: named with its line and column, nothing built.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"site\":").unwrap();
    let output = build(&bad, &dir.path().join("bad-site"), &[]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("bad.json") && message.contains("line 1, column 8"),
        "{message}"
    );
    // Not Folio's app folder.
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", DEMO, "--base-url", BASE, "--out"])
        .arg(&out)
        .arg("--app")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("index.html"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_archive_keeps_earlier_builds_for_readers_until_told_and_hosts_get_cache_headers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let builds = |out: &Path| -> Vec<String> {
        files(&out.join("archive"))
            .into_iter()
            .filter(|f| f.starts_with("b/") && f.ends_with("/manifest.json"))
            .collect()
    };
    let output = build(Path::new(DEMO), &out, &["--quiet"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let changed = edited(dir.path(), |articles| {
        articles[0]["title"] = Value::from("更正后的标题");
    });
    let output = build(&changed, &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        builds(&out).len(),
        2,
        "the earlier build stays for readers who opened it"
    );
    assert!(
        stderr(&output).contains("1 earlier archive builds kept"),
        "{}",
        stderr(&output)
    );
    // The same data again, told to keep one build: the earlier one goes.
    let output = build(&changed, &out, &["--keep", "1"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(builds(&out).len(), 1, "{}", stderr(&output));

    let headers = std::fs::read_to_string(out.join("_headers")).unwrap();
    for rule in [
        "/archive/b/*\n  Cache-Control: public, max-age=31536000, immutable",
        "/archive/manifest.json\n  Cache-Control: public, max-age=60",
        "/share/*\n  Cache-Control: public, max-age=31536000, immutable",
    ] {
        assert!(headers.contains(rule), "{rule} in {headers}");
    }
    // The loader keeps its name from build to build: never cached for good.
    assert!(!headers.contains("folio.js"), "{headers}");
}

#[test]
fn hosts_that_read_headers_send_the_sites_speculation_rules_with_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", DEMO, "--out"])
        .arg(&out)
        .args([
            "--base-url",
            "https://news.example.cn/news/",
            "--app",
            APP,
            "--quiet",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let headers = std::fs::read_to_string(out.join("_headers")).unwrap();
    for rule in [
        "/news/*\n  Speculation-Rules: \"/news/speculation-rules.json\"",
        "/news/speculation-rules.json\n  Content-Type: application/speculationrules+json",
    ] {
        assert!(headers.contains(rule), "{rule} in {headers}");
    }
    let rules: Value =
        serde_json::from_slice(&std::fs::read(out.join("speculation-rules.json")).unwrap())
            .unwrap();
    let rule = &rules["prefetch"][0];
    assert_eq!(rule["source"], "document");
    assert_eq!(rule["eagerness"], "moderate");
    // The site's pages, and nothing of another site, a feed, a sitemap or the archive.
    assert_eq!(rule["where"]["and"][0]["href_matches"], "/news/*");
    let not: Vec<&str> = rule["where"]["and"][1]["not"]["href_matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    for pattern in [
        "/news/*.xml",
        "/news/*.json",
        "/news/*.txt",
        "/news/archive/*",
    ] {
        assert!(not.contains(&pattern), "{pattern} in {not:?}");
    }
}
