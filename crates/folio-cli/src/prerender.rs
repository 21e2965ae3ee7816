//! `folio prerender DIR`: renders the standalone page's first view — the list of all articles —
//! with the viewer's own components (Yew's server renderer) into the built `index.html`, so the
//! page paints its headlines from HTML alone; the Wasm then hydrates that HTML.

use std::path::PathBuf;
use std::time::Instant;

use folio_core::load::{fingerprint, load_bytes};
use folio_core::Lang;
use folio_viewer::{App, AppProps, DataSource, Routing};
use yew::LocalServerRenderer;

use crate::{EXIT_FATAL, EXIT_OK};

/// The attribute of the element the viewer mounts into on the standalone page.
const ROOT_MARK: &str = "data-folio-standalone";
/// Set on that element once its first view is in the HTML, to the data file's fingerprint: the
/// page hydrates it when its data file still has that fingerprint.
const DONE_MARK: &str = "data-folio-prerendered";

/// Render the standalone page's first view into a built page (used by the release build)
#[derive(clap::Args)]
#[command(after_help = "\
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

/// The viewer's first view as HTML, rendered exactly as the browser's first render will be.
pub fn render_first_view(data: &[u8], lang: Option<Lang>) -> Result<String, folio_core::Error> {
    let loaded = load_bytes(data)?;
    let props = yew::props!(AppProps {
        source: DataSource::Loaded(loaded.into()),
        lang,
        routing: Routing::Hash,
    });
    let renderer = LocalServerRenderer::<App>::with_props(props).hydratable(true);
    Ok(futures::executor::block_on(renderer.render()))
}

/// `page` with `body` as the content of its viewer root, marked as pre-rendered from the data
/// with this `fingerprint`.
fn insert(page: &str, body: &str, fingerprint: &str) -> Result<String, String> {
    let mark = page
        .find(ROOT_MARK)
        .ok_or_else(|| format!("no element with {ROOT_MARK}"))?;
    let open_end = mark
        + page[mark..]
            .find('>')
            .ok_or("the viewer root's tag is not closed")?;
    if page[..open_end]
        .rfind('<')
        .is_some_and(|open| page[open..open_end].contains(DONE_MARK))
    {
        return Err("the page is pre-rendered already".into());
    }
    // The root holds only a loading notice, no nested element of its own kind.
    let close = open_end
        + page[open_end..]
            .find("</div>")
            .ok_or("the viewer root is not closed")?;
    Ok(format!(
        "{} {DONE_MARK}=\"{fingerprint}\">{body}{}",
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
    let body = match render_first_view(&data, page_lang(&page)) {
        Ok(body) => body,
        Err(error) => {
            eprintln!("error: {}: {error}", data_path.display());
            return EXIT_FATAL;
        }
    };
    let written = insert(&page, &body, &fingerprint(&data))
        .and_then(|next| std::fs::write(&page_path, next).map_err(|e| e.to_string()));
    if let Err(error) = written {
        eprintln!("error: {}: {error}", page_path.display());
        return EXIT_FATAL;
    }
    if !args.quiet {
        eprintln!(
            "pre-rendered the first view into {} ({} KB of HTML) in {:.2} s",
            page_path.display(),
            body.len() / 1024,
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
}
