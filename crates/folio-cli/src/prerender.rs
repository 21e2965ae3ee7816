//! `folio prerender DIR`: renders the standalone page's first view — the list of all articles —
//! with the viewer's own components (Yew's server renderer) into the built `index.html`, so the
//! page paints its headlines from HTML alone; the Wasm then hydrates that HTML. A deep link names
//! an article (`#/article/<id>`), which no server sees: each article's view is written beside
//! the page as a fragment (`views/article/<id>.html`) that the page's loader shows before any
//! Wasm, and the viewer hydrates it too.

use std::path::{Path, PathBuf};
use std::time::Instant;

use folio_core::load::{fingerprint, load_bytes};
use folio_core::page::{view_mark, PRERENDERED, ROOT, VIEWS};
use folio_core::route::Route;
use folio_core::Lang;
use folio_viewer::{App, AppProps, DataSource, LoadedData, Routing};
use yew::LocalServerRenderer;

use crate::{EXIT_FATAL, EXIT_OK};

/// Render the standalone page's first view into a built page, and each article's view beside
/// it (used by the release build)
#[derive(clap::Args)]
#[command(after_help = "\
Writes the list into the page and one fragment per article into DIR/views/article/ (the folder
is written afresh). A page is pre-rendered once: after changing the data file, build again (a
page whose data file is not the one its HTML was rendered from renders afresh once its viewer
runs).

Examples:
  folio prerender dist
  folio prerender public --page index.html --data articles.json")]
pub struct Args {
    /// The built site folder (Trunk's dist/)
    dir: PathBuf,
    /// The page in that folder
    #[arg(long, default_value = "index.html")]
    page: String,
    /// The data file in that folder
    #[arg(long, default_value = "articles.json")]
    data: String,
    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
}

/// The page's own language, `<html lang="…">`.
fn page_lang(page: &str) -> Option<Lang> {
    let start = page.find("<html")?;
    let tag = &page[start..start + page[start..].find('>')?];
    let value = tag.split("lang=\"").nth(1)?.split('"').next()?;
    Lang::from_tag(value)
}

/// The view `start` names (the list of all articles for `None`) of `data`, as HTML rendered
/// exactly as the browser's first render of that view will be.
fn render_view(data: &LoadedData, lang: Option<Lang>, start: Option<Route>) -> String {
    let props = yew::props!(AppProps {
        source: DataSource::Loaded(data.clone()),
        lang,
        routing: Routing::Hash,
        start,
    });
    let renderer = LocalServerRenderer::<App>::with_props(props).hydratable(true);
    futures::executor::block_on(renderer.render())
}

/// The file name of an article's view, or `None` for an id no file can be named after on
/// every system (`.`, `..`, a character or a device name Windows refuses, or longer than a
/// name may be): its deep link renders in the browser instead.
fn view_file(id: &str) -> Option<String> {
    let stem = id.split('.').next().unwrap_or("").to_ascii_lowercase();
    let device = matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.ends_with(|c: char| c.is_ascii_digit()));
    let bad = matches!(id, "." | "..")
        || device
        || id.contains(['\\', '/', '<', '>', ':', '"', '|', '?', '*'])
        || id.len() > 240;
    (!bad).then(|| format!("{id}.html"))
}

/// Writes each article's view into `dir` (emptied first), each marked with the data's
/// `fingerprint`; returns how many and their bytes.
fn write_views(
    dir: &Path,
    ids: &[String],
    data: &LoadedData,
    lang: Option<Lang>,
    fingerprint: &str,
) -> std::io::Result<(usize, usize)> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let (mut count, mut bytes) = (0, 0);
    for id in ids {
        let Some(file) = view_file(id) else {
            continue;
        };
        let route = Route::article(id);
        let mark = view_mark(fingerprint, &route.to_hash());
        let text = format!("{mark}{}", render_view(data, lang, Some(route)));
        std::fs::write(dir.join(file), &text)?;
        count += 1;
        bytes += text.len();
    }
    Ok((count, bytes))
}

/// `page` with `body` as the content of its viewer root, marked as pre-rendered from the data
/// with this `fingerprint`.
fn insert(page: &str, body: &str, fingerprint: &str) -> Result<String, String> {
    let mark = page
        .find(ROOT)
        .ok_or_else(|| format!("no element with {ROOT}"))?;
    let open_end = mark
        + page[mark..]
            .find('>')
            .ok_or("the viewer root's tag is not closed")?;
    if page[..open_end]
        .rfind('<')
        .is_some_and(|open| page[open..open_end].contains(PRERENDERED))
    {
        return Err("the page is pre-rendered already".into());
    }
    // The root holds only a loading notice, no nested element of its own kind.
    let close = open_end
        + page[open_end..]
            .find("</div>")
            .ok_or("the viewer root is not closed")?;
    Ok(format!(
        "{} {PRERENDERED}=\"{fingerprint}\">{body}{}",
        &page[..open_end],
        &page[close..]
    ))
}

/// Runs the command; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let started = Instant::now();
    let page_path = args.dir.join(&args.page);
    let data_path = args.dir.join(&args.data);
    let page = match std::fs::read_to_string(&page_path) {
        Ok(page) => page,
        Err(error) => {
            eprintln!("error: could not read {}: {error}", page_path.display());
            return EXIT_FATAL;
        }
    };
    let data = match std::fs::read(&data_path) {
        Ok(data) => data,
        Err(error) => {
            eprintln!("error: could not read {}: {error}", data_path.display());
            return EXIT_FATAL;
        }
    };
    let lang = page_lang(&page);
    let (ids, loaded): (Vec<String>, LoadedData) = match load_bytes(&data) {
        Ok(loaded) => (
            loaded
                .catalogue
                .articles()
                .iter()
                .map(|a| a.id.clone())
                .collect(),
            loaded.into(),
        ),
        Err(error) => {
            eprintln!("error: {}: {error}", data_path.display());
            return EXIT_FATAL;
        }
    };
    let body = render_view(&loaded, lang, None);
    let fingerprint = fingerprint(&data);
    let written = insert(&page, &body, &fingerprint)
        .and_then(|next| std::fs::write(&page_path, next).map_err(|e| e.to_string()));
    if let Err(error) = written {
        eprintln!("error: {}: {error}", page_path.display());
        return EXIT_FATAL;
    }
    let views_dir = page_path.parent().unwrap_or(Path::new(".")).join(VIEWS);
    let (views, bytes) = match write_views(&views_dir, &ids, &loaded, lang, &fingerprint) {
        Ok(written) => written,
        Err(error) => {
            eprintln!("error: {}: {error}", views_dir.display());
            return EXIT_FATAL;
        }
    };
    if !args.quiet {
        eprintln!(
            "pre-rendered the first view into {} ({} KB of HTML) and {views} articles' views into {} ({} KB) in {:.2} s",
            page_path.display(),
            body.len() / 1024,
            views_dir.display(),
            bytes / 1024,
            started.elapsed().as_secs_f64()
        );
    }
    EXIT_OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_once_into_the_root() {
        let page = "<html lang=\"zh-CN\"><body><div id=\"folio\" data-folio-standalone><p>加载</p></div><noscript></noscript></body></html>";
        let done = insert(page, "<div class=\"folio-app\">x</div>", "0123").unwrap();
        assert_eq!(done, "<html lang=\"zh-CN\"><body><div id=\"folio\" data-folio-standalone data-folio-prerendered=\"0123\"><div class=\"folio-app\">x</div></div><noscript></noscript></body></html>");
        assert!(insert(&done, "y", "0123").is_err(), "never twice");
        assert!(insert("<html></html>", "y", "0123").is_err());
        assert_eq!(page_lang(page), Some(Lang::Zh));
        assert_eq!(page_lang("<html lang=\"en\">"), Some(Lang::En));
        assert_eq!(page_lang("<html>"), None);
    }

    #[test]
    fn writes_each_article_view_marked_with_its_data() {
        let dir = std::env::temp_dir().join(format!("folio-prerender-{}", std::process::id()));
        let data = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/articles.json"
        ))
        .unwrap();
        let loaded = load_bytes(&data).unwrap();
        let ids: Vec<String> = loaded
            .catalogue
            .articles()
            .iter()
            .map(|a| a.id.clone())
            .collect();
        let loaded: LoadedData = loaded.into();
        // A stale view from an earlier build goes.
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("gone.html"), "old").unwrap();
        let (count, _) = write_views(&dir, &ids, &loaded, Some(Lang::Zh), "0123").unwrap();
        assert_eq!(count, ids.len());
        assert!(!dir.join("gone.html").exists());
        let seed = std::fs::read_to_string(dir.join("20150615-zhiliang-qiangshi.html")).unwrap();
        let view = seed
            .strip_prefix(&view_mark("0123", "#/article/20150615-zhiliang-qiangshi"))
            .expect("marked with the data and the view's hash");
        assert_eq!(
            view,
            render_view(
                &loaded,
                Some(Lang::Zh),
                Some(Route::article("20150615-zhiliang-qiangshi"))
            )
        );
        assert!(view.contains("聊城实施质量强市战略动员暨科学技术奖励大会召开</h1>"));
        assert!(!view.contains("folio-card"), "the article, not the list");
        std::fs::remove_dir_all(&dir).unwrap();
        for bad in [
            ".",
            "..",
            "a\\b",
            "a?b",
            "c:d",
            "CON",
            "nul.x",
            "com1",
            &"长".repeat(81),
        ] {
            assert_eq!(view_file(bad), None, "{bad}");
        }
        assert_eq!(view_file("a%b+.c").as_deref(), Some("a%b+.c.html"));
        assert_eq!(view_file("console").as_deref(), Some("console.html"));
    }
}
