//! The `folio` command as a user runs it: exit codes, messages naming file, line and field,
//! JSON reports, standard input, generated files and pre-rendering.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/articles.json");

fn folio(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .output()
        .expect("the folio binary runs")
}

fn folio_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the folio binary runs");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(input)
        .expect("stdin takes the input");
    child.wait_with_output().expect("the folio binary ends")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("temp file written");
    path
}

#[test]
fn the_demo_data_checks_clean() {
    let output = folio(&["check", DEMO]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.contains("44 articles and 15 channels usable; 0 skipped, 0 warnings"),
        "{text}"
    );
}

#[test]
fn a_skipped_article_exits_1_naming_file_line_article_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"{
  "site": {"name": "聊城信息港"},
  "channels": [{"id": "news", "name": "资讯中心"}],
  "articles": [
    {"id": "a", "title": "标题", "channel": "news", "published": "2015-06-15T09:22:32+08:00",
     "source": "聊城新闻网", "body": [{"type": "paragraph", "text": "正文"}]},
    {"id": "b", "channel": "news", "published": "2015-06-15T09:22:32+08:00",
     "source": "聊城新闻网", "views": "1234", "body": [{"type": "paragraph", "text": "正文"}]}
  ]
}"#;
    let path = write(dir.path(), "bad.json", text.as_bytes());
    let output = folio(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("error: ")
            && text.contains("bad.json:7: Article 2 (id “b”), field “title” is missing. The article is not shown."),
        "{text}"
    );
    assert!(
        text.contains("warning: ")
            && text.contains("bad.json:7: Article 2 (id “b”), field “views”"),
        "{text}"
    );
    assert!(
        text.contains("1 articles and 1 channels usable; 1 skipped, 1 warnings"),
        "{text}"
    );
    let quiet = folio(&["check", "--quiet", path.to_str().unwrap()]);
    assert_eq!(quiet.status.code(), Some(1));
    assert!(!stderr(&quiet).contains("warning") && stderr(&quiet).contains("title"));
    let chinese = folio(&["check", "--lang", "zh-CN", path.to_str().unwrap()]);
    assert!(
        stderr(&chinese).contains("第 2 个文章(id“b”)的字段“title”缺失"),
        "{}",
        stderr(&chinese)
    );
}

#[test]
fn a_truncated_file_exits_2_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let full = std::fs::read_to_string(DEMO).unwrap();
    // Cut inside line 301 (after its indentation, which is ASCII).
    let cut = full.match_indices('\n').nth(299).unwrap().0 + 3;
    let path = write(dir.path(), "cut.json", &full.as_bytes()[..cut]);
    let output = folio(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.contains("cut.json:301:") && text.contains("not valid JSON (error near line 301"),
        "{text}"
    );
    let missing = folio(&["check", "/no/such/file.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("/no/such/file.json"));
}

#[test]
fn a_gbk_or_utf16_file_is_named_not_garbled() {
    // {"site": "质量"} in GBK, and in UTF-16 with its byte-order mark.
    let gbk = b"{\"site\": \"\xD6\xCA\xC1\xBF\"}";
    let output = folio_with_stdin(&["check", "-"], gbk);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("<stdin>") && stderr(&output).contains("GBK"),
        "{}",
        stderr(&output)
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("{}".encode_utf16().flat_map(u16::to_le_bytes));
    let output = folio_with_stdin(&["check", "-"], &utf16);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("UTF-16LE"), "{}", stderr(&output));
}

#[test]
fn json_reports_for_pipelines() {
    let output = folio(&["check", "--format", "json", DEMO]);
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert_eq!(report["exit_code"], 0);
    assert_eq!(report["files"][0]["articles"], 44);
    assert_eq!(
        report["files"][0]["problems"].as_array().map(Vec::len),
        Some(0)
    );
    let bad = folio_with_stdin(
        &["check", "--format", "json", "-"],
        br#"{"site": {"name": "x"}, "channels": [], "articles": [{"id": "x"}]}"#,
    );
    assert_eq!(bad.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    let problem = &report["files"][0]["problems"][0];
    assert_eq!(problem["entry"], "article");
    assert_eq!(problem["id"], "x");
    assert_eq!(problem["line"], 1);
    assert_eq!(problem["skipped"], true);
}

#[test]
fn gen_is_deterministic_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    for path in [&a, &b] {
        let output = folio(&[
            "gen",
            "1000",
            "--seed",
            "7",
            "--out",
            path.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(stderr(&output).contains("generated 1000 articles (seed 7"));
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let other = folio(&["gen", "1000", "--seed", "8", "--quiet"]);
    assert!(other.stderr.is_empty(), "--quiet prints nothing");
    assert_ne!(other.stdout, std::fs::read(&a).unwrap());
    let check = folio(&["check", a.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn prerender_writes_the_first_view_once() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<!doctype html><html lang=\"zh-CN\"><body><div id=\"folio\" data-folio-standalone><p>加载</p></div></body></html>";
    write(dir.path(), "index.html", page.as_bytes());
    std::fs::copy(DEMO, dir.path().join("articles.json")).unwrap();
    let output = folio(&["prerender", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let html = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    let data = std::fs::read(DEMO).unwrap();
    let mark = format!(
        "data-folio-prerendered=\"{}\">",
        folio_core::load::fingerprint(&data)
    );
    assert!(html.contains(&mark), "{html}");
    assert!(html.contains(">全部文章</h1>") && html.contains("共 44 篇"));
    assert_eq!(html.matches("class=\"folio-card\"").count(), 20);
    let again = folio(&["prerender", dir.path().to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("pre-rendered already"));
}

#[test]
fn help_has_examples_and_exit_codes() {
    let output = folio(&["--help"]);
    let text = String::from_utf8_lossy(&output.stdout);
    for part in [
        "check",
        "gen",
        "import",
        "prerender",
        "Examples:",
        "Exit codes:",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    for command in ["check", "gen", "import", "prerender"] {
        let help = folio(&[command, "--help"]);
        assert!(
            String::from_utf8_lossy(&help.stdout).contains("Examples:"),
            "{command}"
        );
    }
    assert_eq!(
        folio(&["check"]).status.code(),
        Some(2),
        "usage errors exit 2"
    );
}

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/liaocheng-news-2015-06-15.txt"
);

const SEED_HTML: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/liaocheng-news-2015-06-15.gb2312.html"
);

#[test]
fn the_seed_text_imports_as_the_demo_has_the_article() {
    imports_the_seed_article(SEED);
}

#[test]
fn the_seed_page_in_gb2312_html_imports_as_the_demo_has_the_article() {
    // A table layout with navigation, scripts, a view counter, a share bar, 相关文章, a chat
    // widget and a search form around the article.
    imports_the_seed_article(SEED_HTML);
}

/// Imports `source` and checks it gives the demo's seed article, field by field.
fn imports_the_seed_article(source: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("imported.json");
    let output = folio(&["import", source, "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("imported 1 articles from 1 sources"));
    let imported = folio_core::load::load_bytes(&std::fs::read(&out).unwrap()).unwrap();
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let demo = folio_core::load::load_bytes(&std::fs::read(DEMO).unwrap()).unwrap();
    let expected = demo
        .catalogue
        .article("20150615-zhiliang-qiangshi")
        .unwrap();
    let article = &imported.catalogue.articles()[0];
    assert_eq!(article.title, expected.title);
    assert_eq!(article.published, expected.published);
    assert_eq!(article.published.to_string(), "2015-06-15T09:22:32+08:00");
    assert_eq!(article.source, expected.source);
    assert_eq!(article.editor, expected.editor);
    assert_eq!(article.views, None, "the page printed no count (浏览次)");
    assert_eq!(article.authors, expected.authors);
    assert_eq!(article.body, expected.body, "the 12 paragraphs, as written");
    let names = |catalogue: &folio_core::catalogue::Catalogue, id: &str| -> Vec<String> {
        catalogue
            .channel_path(id)
            .iter()
            .map(|c| c.name.clone())
            .collect()
    };
    assert_eq!(
        names(&imported.catalogue, &article.channel),
        names(&demo.catalogue, &expected.channel)
    );
    assert_eq!(imported.catalogue.site().name, demo.catalogue.site().name);
    assert_eq!(
        imported.catalogue.site().copyright,
        demo.catalogue.site().copyright
    );
    // Importing again gives the same file: ids come from the date and the title.
    let again = dir.path().join("again.json");
    folio(&["import", source, "--out", again.to_str().unwrap()]);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn sources_that_are_not_articles_are_listed_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let list = write(
        dir.path(),
        "list.txt",
        "聊城新闻\n第一页 第二页\n".as_bytes(),
    );
    let gbk = write(dir.path(), "gbk.txt", b"\xD6\xCA\xC1\xBF\n");
    let garbled = write(
        dir.path(),
        "garbled.html",
        b"<meta charset=\"utf-8\"><h1>\xD6\xCA\xC1\xBF</h1>",
    );
    let out = dir.path().join("out.json");
    let output = folio(&[
        "import",
        SEED,
        SEED,
        list.to_str().unwrap(),
        gbk.to_str().unwrap(),
        garbled.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("list.txt: not imported: no meta line with a publication time"),
        "{text}"
    );
    assert!(
        text.contains("gbk.txt: not imported: The file is not UTF-8") && text.contains("GBK"),
        "{text}"
    );
    assert!(
        text.contains("not imported: the same body text as an earlier source"),
        "{text}"
    );
    assert!(
        text.contains("garbled.html: not imported: the page does not decode as UTF-8"),
        "{text}"
    );
    assert!(
        text.contains("imported 1 articles from 5 sources") && text.contains("(4 skipped)"),
        "{text}"
    );
    let nothing = folio(&[
        "import",
        list.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(nothing.status.code(), Some(2));
    let zone = folio(&[
        "import",
        SEED,
        "--out",
        out.to_str().unwrap(),
        "--timezone",
        "8",
    ]);
    assert_eq!(zone.status.code(), Some(2), "a zone must look like +08:00");
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");

/// Imports a feed fixture and compares the file written with `NAME.expected.json`, ids aside
/// (they are the day and a fingerprint of the title, checked for form and stability here).
fn imports_as_expected(name: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let source = format!("{FIXTURES}{name}");
    let output = folio(&["import", &source, "--out", out.to_str().unwrap()]);
    let mut written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let mut ids = Vec::new();
    for article in written["articles"].as_array_mut().unwrap() {
        let id = article.as_object_mut().unwrap().remove("id").unwrap();
        let id = id.as_str().unwrap().to_owned();
        let published = article["published"].as_str().unwrap().replace('-', "");
        assert!(id.starts_with(&format!("{}-", &published[..8])), "{id}");
        ids.push(id);
    }
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(format!("{FIXTURES}{name}.expected.json")).unwrap())
            .unwrap();
    assert_eq!(written, expected, "{name}");
    // The file passes check, and importing again gives the same ids.
    assert_eq!(
        folio(&["check", out.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let again = dir.path().join("again.json");
    folio(&["import", &source, "--out", again.to_str().unwrap()]);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
    assert_eq!(ids.len(), written["articles"].as_array().unwrap().len());
    stderr(&output)
}

#[test]
fn an_rss_feed_with_cdata_html_imports_as_typed_blocks() {
    let report = imports_as_expected("news.rss");
    // The item without a date is listed; the script, the javascript: image and the link's
    // address never reach the file.
    assert!(
        report.contains("item 3")
            || report.contains("nodate.html: not imported: an item without a date"),
        "{report}"
    );
    assert!(
        report.contains("left out of the body: an image whose address is not http(s): javascript:"),
        "{report}"
    );
    assert!(report.contains("imported 2 articles"), "{report}");
}

#[test]
fn an_atom_feed_imports_as_typed_blocks() {
    let report = imports_as_expected("news.atom");
    assert!(
        report.contains("an image without alternative text or caption: http://www.liaocheng.cc/news/img/canal.jpg"),
        "{report}"
    );
}

#[test]
fn a_feed_with_entity_expansion_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    // A parser that expanded the entities would need gigabytes: this one refuses the file.
    let output = folio(&[
        "import",
        &format!("{FIXTURES}billion-laughs.rss"),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("billion-laughs.rss: not imported: it declares XML entities"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
}

#[test]
fn merge_adds_to_a_file_and_keeps_what_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("articles.json");
    let out_arg = out.to_str().unwrap();
    let rss = format!("{FIXTURES}news.rss");
    folio(&["import", &rss, "--out", out_arg]);
    // The site owner edits an article and adds a field of their own.
    let mut file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    file["articles"][0]["title"] = "东阿县举办阿胶文化节(更正)".into();
    file["articles"][0]["x-desk"] = "文化部".into();
    std::fs::write(&out, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    // The seed page again under another title: the same body, so the same article.
    let renamed = std::fs::read_to_string(SEED).unwrap().replace(
        "聊城实施质量强市战略动员暨科学技术奖励大会召开",
        "质量强市大会召开(转载)",
    );
    let copy = write(dir.path(), "copy.txt", renamed.as_bytes());
    let output = folio(&[
        "import",
        &format!("{FIXTURES}news.atom"),
        &rss,
        SEED,
        copy.to_str().unwrap(),
        "--out",
        out_arg,
        "--merge",
    ]);
    let report = stderr(&output);
    // 1: the feed's item without a date and the renamed copy are listed as not imported.
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(
        report.contains("already in the file (id 20150616-"),
        "{report}"
    );
    assert!(
        report.contains("copy.txt: not imported: the same body text as an earlier source"),
        "{report}"
    );
    assert!(
        report.contains("imported 3 articles from 4 sources"),
        "{report}"
    );
    assert!(
        report.contains("(2 skipped, 2 already there); it holds 5"),
        "{report}"
    );
    let merged: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let articles = merged["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    assert_eq!(
        articles[0]["title"], "东阿县举办阿胶文化节(更正)",
        "the edit stays"
    );
    assert_eq!(
        articles[0]["x-desk"], "文化部",
        "fields Folio does not know stay"
    );
    assert_eq!(merged["site"], file["site"], "the site stays");
    assert_eq!(folio(&["check", out_arg]).status.code(), Some(0));
    // Merging the same sources again adds nothing.
    let again = folio(&["import", &rss, SEED, "--out", out_arg, "--merge"]);
    assert!(
        stderr(&again).contains("imported 0 articles"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&std::fs::read(&out).unwrap()).unwrap(),
        merged
    );
    // A file the viewer would skip entries of is not merged into.
    std::fs::write(
        &out,
        r#"{"site":{"name":"x"},"channels":[],"articles":[{"id":"a"}]}"#,
    )
    .unwrap();
    let refused = folio(&["import", &rss, "--out", out_arg, "--merge"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("cannot merge into it"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn a_folder_is_read_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(pages.join("2015")).unwrap();
    std::fs::copy(SEED_HTML, pages.join("2015/a.html")).unwrap();
    std::fs::copy(format!("{FIXTURES}news.atom"), pages.join("b.atom")).unwrap();
    write(&pages, ".hidden.html", b"<p>not read</p>");
    let out = dir.path().join("out.json");
    let output = folio(&[
        "import",
        pages.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let report = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert!(
        report.contains("imported 3 articles from 2 sources"),
        "{report}"
    );
}

#[test]
fn pages_in_two_more_cms_layouts_in_gbk_import_with_images_and_captions() {
    // A DedeCMS-style page: 当前位置 breadcrumb, <h2> title, labels in <small>, a view counter
    // script, images with a 图为 caption line, a tracking pixel, the ------分隔线 rule.
    let report = imports_as_expected("dede.gbk.html");
    assert!(
        report.contains("an image whose address is not http(s): data:image/gif"),
        "{report}"
    );
    // A PHPCMS-style page: the meta line split over <span>s with no space between the fields,
    // an unlabelled date, <figure>/<figcaption>, an ad script, share bar, 相关文章, comments.
    imports_as_expected("phpcms.gbk.html");
}

#[test]
fn a_page_in_another_layout_is_read_by_its_structure_and_non_articles_say_why() {
    // No 发布/来源 line: og:site_name, og:title, JSON-LD datePublished, author meta tags and
    // the <article> element, with navigation, an aside and a footer around it.
    imports_as_expected("modern.html");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let output = folio(&[
        "import",
        &format!("{FIXTURES}modern.html"),
        &format!("{FIXTURES}list.html"),
        &format!("{FIXTURES}404.html"),
        "--out",
        out.to_str().unwrap(),
    ]);
    let report = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    for page in ["list.html", "404.html"] {
        assert!(
            report.contains(&format!("{page}: not imported: no meta line with a publication time (发布/时间/日期); read by its structure: no publication time")),
            "{report}"
        );
    }
}

#[test]
fn an_article_paginated_over_two_pages_imports_whole() {
    // GB2312; page 1 links to page 2 with 下一页; both print the title and meta line again and
    // a 共2页 pager; the byline is on page 2.
    imports_as_expected("paged.gb2312.html");
}

/// The build folders of an archive, and the build its manifest names.
fn builds(archive: &Path) -> (Vec<String>, String) {
    let mut found: Vec<String> = std::fs::read_dir(archive.join("b"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(archive.join("manifest.json")).unwrap()).unwrap();
    (found, manifest["build"].as_str().unwrap().to_owned())
}

#[test]
fn each_pack_is_a_build_beside_the_earlier_ones_pruned_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    let out = archive.to_str().unwrap();
    let demo = std::fs::read_to_string(DEMO).unwrap();
    // Three versions of the data: each a new build, none removed.
    let mut published = Vec::new();
    for version in 0..3 {
        let data = demo.replacen("聊城实施质量强市", &format!("聊城实施质量强市{version}"), 1);
        let input = write(dir.path(), &format!("v{version}.json"), data.as_bytes());
        let output = folio(&["pack", input.to_str().unwrap(), "--out", out]);
        assert!(output.status.success(), "{}", stderr(&output));
        let (found, current) = builds(&archive);
        assert_eq!(found.len(), version + 1, "{found:?}");
        assert!(found.contains(&current));
        // The manifest is the build's own copy, and the folder holds every kind of file.
        assert_eq!(
            std::fs::read(archive.join("manifest.json")).unwrap(),
            std::fs::read(archive.join("b").join(&current).join("manifest.json")).unwrap()
        );
        for kind in [
            "list/0.json",
            "text/0.json",
            "ids/0.json",
            "rows/names.json",
        ] {
            assert!(
                archive.join("b").join(&current).join(kind).is_file(),
                "{kind}"
            );
        }
        published.push(current);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let headers = std::fs::read_to_string(archive.join("_headers")).unwrap();
    assert!(headers.contains("/b/*\n  Cache-Control: public, max-age=31536000, immutable"));
    assert!(headers.contains("/manifest.json\n  Cache-Control: public, max-age=60"));
    let help = String::from_utf8_lossy(&folio(&["pack", "--help"]).stdout).into_owned();
    assert!(
        help.contains("--keep <N>") && help.contains("--keep-for <AGE>"),
        "{help}"
    );

    // The first input again: the same build, published again without writing it, and now
    // the newest (so --keep 2 keeps it and the third).
    let first = dir.path().join("v0.json");
    let repack = |extra: &[&str]| {
        let mut args = vec!["pack", first.to_str().unwrap(), "--out", out];
        args.extend_from_slice(extra);
        folio(&args)
    };
    let output = repack(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("already holds build"),
        "{}",
        stderr(&output)
    );
    assert_eq!(builds(&archive).1, published[0]);
    let output = repack(&["--keep", "2"]);
    assert!(
        stderr(&output).contains("1 earlier builds removed, 1 kept"),
        "{}",
        stderr(&output)
    );
    let (found, current) = builds(&archive);
    let mut expected = vec![published[0].clone(), published[2].clone()];
    expected.sort();
    assert_eq!((found, current), (expected, published[0].clone()));

    // --force writes the build again (a damaged copy is repaired).
    std::fs::remove_file(archive.join("b").join(&published[0]).join("list/0.json")).unwrap();
    let output = repack(&["--force"]);
    assert!(stderr(&output).contains("as build"), "{}", stderr(&output));
    assert!(archive
        .join("b")
        .join(&published[0])
        .join("list/0.json")
        .is_file());
    // The publishing log orders the builds, whatever a copy did to the folders' times.
    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(archive.join("history.json")).unwrap()).unwrap();
    let logged: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["build"].as_str().unwrap())
        .collect();
    assert_eq!(
        logged,
        vec![
            published[1].as_str(),
            published[2].as_str(),
            published[0].as_str()
        ]
    );

    // An age: the build replaced a moment ago stays for an hour, goes after a second.
    let output = repack(&["--keep-for", "1h"]);
    assert_eq!(builds(&archive).0.len(), 2, "{}", stderr(&output));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let output = repack(&["--keep-for", "1s"]);
    assert_eq!(
        builds(&archive).0,
        vec![published[0].clone()],
        "{}",
        stderr(&output)
    );

    // Bad values are usage errors.
    for bad in [
        ["--keep", "0"],
        ["--keep-for", "soon"],
        ["--keep-for", "10"],
    ] {
        assert_eq!(repack(&bad).status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn a_format_1_archive_is_packed_over_and_its_files_pruned_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    // A format 1 archive: its files beside its manifest.
    for folder in ["list", "text", "ids", "search", "rows"] {
        std::fs::create_dir_all(archive.join(folder)).unwrap();
        std::fs::write(archive.join(folder).join("0.json"), b"{}").unwrap();
    }
    std::fs::write(
        archive.join("manifest.json"),
        br#"{"format":"folio-archive","version":[1,1]}"#,
    )
    .unwrap();
    let out = archive.to_str().unwrap();
    let output = folio(&["pack", DEMO, "--out", out]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        archive.join("list/0.json").is_file(),
        "kept for readers of it"
    );
    assert!(
        stderr(&output).contains("1 earlier builds kept"),
        "{}",
        stderr(&output)
    );
    let output = folio(&["pack", DEMO, "--out", out, "--keep", "1"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!archive.join("list").exists());
    assert_eq!(builds(&archive).0.len(), 1);
}

#[test]
fn a_page_with_no_date_is_skipped_or_dated_as_asked_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(
        dir.path(),
        "undated.html",
        "<html><head><title>无日期的文章 - 测试网</title><meta property=\"og:site_name\" content=\"测试网\"></head>\
         <body><article><h1>无日期的文章</h1><p>这一篇文章的页面上没有任何日期，地址里也没有。</p>\
         <p>第二段文字。</p></article></body></html>"
            .as_bytes(),
    );
    // 2015-06-15T01:22:32Z: 09:22:32 in Beijing.
    std::fs::File::options()
        .write(true)
        .open(&page)
        .unwrap()
        .set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_434_331_352))
        .unwrap();
    let out = dir.path().join("articles.json");
    let (page, out) = (page.to_str().unwrap(), out.to_str().unwrap());
    let skipped = folio(&["import", page, "--out", out]);
    assert_eq!(skipped.status.code(), Some(2), "nothing to write");
    assert!(
        stderr(&skipped).contains("no publication time"),
        "{}",
        stderr(&skipped)
    );
    assert!(
        stderr(&skipped).contains("--undated"),
        "{}",
        stderr(&skipped)
    );

    let dated = folio(&["import", page, "--out", out, "--undated", "file-time"]);
    assert!(dated.status.success(), "{}", stderr(&dated));
    assert!(
        stderr(&dated).contains("dated 2015-06-15T09:22:32+08:00 (--undated)"),
        "{}",
        stderr(&dated)
    );
    let data: serde_json::Value = serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap();
    assert_eq!(
        data["articles"][0]["published"],
        "2015-06-15T09:22:32+08:00"
    );

    let today = folio(&["import", page, "--out", out, "--undated", "today"]);
    assert!(today.status.success(), "{}", stderr(&today));
    let bad = folio(&["import", page, "--out", out, "--undated", "never"]);
    assert_eq!(bad.status.code(), Some(2));
}
