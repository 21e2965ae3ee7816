//! `folio import` over HTTP, against a server the tests start on 127.0.0.1 (nothing else is
//! reached): a feed followed to its pages, robots.txt obeyed, other hosts left alone, a sitemap
//! index, and hostile servers — a redirect loop, a server that never answers, a 20 MB page, a
//! missing page — each reported with its reason while the rest is imported.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const SEED_HTML: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/liaocheng-news-2015-06-15.gb2312.html"
);
const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/articles.json");

#[derive(Clone)]
enum Reply {
    Page(&'static str, Vec<u8>),
    Redirect(&'static str),
    Hang,
}

/// Requests seen: the path and the User-Agent of each.
type Seen = Arc<Mutex<Vec<(String, String)>>>;

/// Serves `routes` from `listener` (404 for other paths); gives the log of requests.
fn serve(listener: TcpListener, routes: HashMap<&'static str, Reply>) -> Seen {
    let seen: Seen = Arc::default();
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let routes = routes.clone();
            let log = log.clone();
            std::thread::spawn(move || answer(stream, &routes, &log));
        }
    });
    seen
}

fn answer(mut stream: TcpStream, routes: &HashMap<&'static str, Reply>, log: &Seen) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let path = request.split(' ').nth(1).unwrap_or("/").to_owned();
    let mut agent = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("user-agent:") {
            agent = value.trim().to_owned();
        }
    }
    log.lock().unwrap().push((path.clone(), agent));
    let (head, body) = match routes.get(path.as_str()) {
        Some(Reply::Page(kind, body)) => (format!("200 OK\r\nContent-Type: {kind}"), body.clone()),
        Some(Reply::Redirect(to)) => (format!("302 Found\r\nLocation: {to}"), Vec::new()),
        Some(Reply::Hang) => {
            std::thread::sleep(Duration::from_secs(120));
            return;
        }
        None => (
            "404 Not Found\r\nContent-Type: text/plain".to_owned(),
            b"no".to_vec(),
        ),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    // A client that stops reading (the 20 MB page) ends the connection: not an error here.
    let _ = stream.write_all(&body);
}

fn folio(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .output()
        .expect("the folio binary runs")
}

fn item(link: &str, title: &str) -> String {
    format!(
        "<item><title>{title}</title><link>{link}</link><pubDate>Tue, 16 Jun 2015 10:05:00 +0800</pubDate>\
         <description><![CDATA[<p>{title}的摘要正文。</p>]]></description></item>"
    )
}

/// A portal on 127.0.0.1: its base address and the log of what was asked of it.
fn site() -> (String, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut routes = HashMap::new();
    routes.insert(
        "/robots.txt",
        Reply::Page(
            "text/plain",
            b"User-agent: *\nDisallow: /private/\n".to_vec(),
        ),
    );
    // The seed page as the portal serves it: GB2312, declared in the page only.
    routes.insert(
        "/a.html",
        Reply::Page("text/html", std::fs::read(SEED_HTML).unwrap()),
    );
    routes.insert(
        "/private/b.html",
        Reply::Page("text/html", std::fs::read(SEED_HTML).unwrap()),
    );
    let fixture = |name: &str| {
        std::fs::read(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    routes.insert(
        "/paged.gb2312.html",
        Reply::Page("text/html", fixture("paged.gb2312.html")),
    );
    routes.insert(
        "/paged_2.gb2312.html",
        Reply::Page("text/html", fixture("paged_2.gb2312.html")),
    );
    routes.insert("/loop", Reply::Redirect("/loop"));
    routes.insert("/hang", Reply::Hang);
    routes.insert("/big", Reply::Page("text/html", vec![b'x'; 20 << 20]));
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>聊城新闻网</title><link>{base}/</link>{}{}{}</channel></rss>",
        item(&format!("{base}/a.html"), "聊城实施质量强市战略动员暨科学技术奖励大会召开"),
        item(&format!("{base}/private/b.html"), "内部稿件"),
        item("http://other.example/c.html", "别处的稿件"),
    );
    let sitemap = format!(
        "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
         <url><loc>{base}/a.html</loc></url><url><loc>{base}/missing.html</loc></url>\
         <url><loc>{base}/paged.gb2312.html</loc></url></urlset>"
    );
    let index = format!(
        "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
         <sitemap><loc>{base}/sitemap-1.xml</loc></sitemap></sitemapindex>"
    );
    routes.insert(
        "/feed.xml",
        Reply::Page("application/rss+xml", feed.into_bytes()),
    );
    routes.insert(
        "/sitemap-1.xml",
        Reply::Page("application/xml", sitemap.into_bytes()),
    );
    routes.insert(
        "/sitemap-index.xml",
        Reply::Page("application/xml", index.into_bytes()),
    );
    let seen = serve(listener, routes);
    (base, seen)
}

#[test]
fn a_feed_is_followed_to_its_pages_politely() {
    let (base, seen) = site();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let output = folio(&[
        "import",
        &format!("{base}/feed.xml"),
        "--follow",
        "--delay",
        "0",
        "--out",
        out.to_str().unwrap(),
    ]);
    let report = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{report}");
    let imported = folio_core::load::load_bytes(&std::fs::read(&out).unwrap()).unwrap();
    let demo = folio_core::load::load_bytes(&std::fs::read(DEMO).unwrap()).unwrap();
    let seed = demo
        .catalogue
        .article("20150615-zhiliang-qiangshi")
        .unwrap();
    let page = imported
        .catalogue
        .articles()
        .iter()
        .find(|a| a.title == seed.title)
        .expect("the linked page imported");
    assert_eq!(page.body, seed.body, "the page, not the feed's summary");
    assert_eq!(page.authors, seed.authors);
    assert_eq!(imported.catalogue.articles().len(), 3, "{report}");
    assert!(
        report.contains("robots.txt disallows it for Folio"),
        "{report}"
    );
    assert!(
        report.contains("other.example is not one of the hosts given"),
        "{report}"
    );
    assert!(
        report.contains("the feed item's own text was imported"),
        "{report}"
    );
    let seen = seen.lock().unwrap();
    assert!(
        !seen.iter().any(|(path, _)| path.starts_with("/private/")),
        "{seen:?}"
    );
    assert_eq!(
        seen.iter()
            .filter(|(path, _)| path == "/robots.txt")
            .count(),
        1,
        "{seen:?}"
    );
    assert!(
        seen.iter().all(|(_, agent)| agent.contains("folio")),
        "{seen:?}"
    );
}

#[test]
fn a_sitemap_index_and_hostile_servers_are_reported_and_the_rest_imported() {
    let (base, _) = site();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let address = |path: &str| format!("{base}{path}");
    let output = folio(&[
        "import",
        &address("/sitemap-index.xml"),
        &address("/loop"),
        &address("/hang"),
        &address("/big"),
        "--follow",
        "--delay",
        "0",
        "--timeout",
        "1",
        "--out",
        out.to_str().unwrap(),
    ]);
    let report = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(
        report.contains("/missing.html: not imported: HTTP 404"),
        "{report}"
    );
    assert!(
        report.contains("/loop: not imported: more than 5 redirects"),
        "{report}"
    );
    assert!(
        report.contains("/hang: not imported: no answer within 1 s (after 3 attempts)"),
        "{report}"
    );
    assert!(
        report.contains("/big: not imported: larger than 10 MB"),
        "{report}"
    );
    // The paginated article the sitemap lists: its second page fetched through its 下一页 link.
    assert!(
        report.contains("imported 2 articles from 4 sources"),
        "{report}"
    );
    let imported = folio_core::load::load_bytes(&std::fs::read(&out).unwrap()).unwrap();
    let paged = imported
        .catalogue
        .articles()
        .iter()
        .find(|a| a.title == "聊城古城保护纪实")
        .unwrap();
    assert_eq!(paged.body.len(), 3);
    // Without --follow a sitemap says what it needs.
    let plain = folio(&[
        "import",
        &address("/sitemap-1.xml"),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&plain.stderr).contains("give --follow"));
}
