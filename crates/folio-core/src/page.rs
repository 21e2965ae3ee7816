//! The contract between the pages Folio's tools write and the viewer's Wasm that starts in
//! them: the attributes of the element the viewer mounts into. `folio build` writes them on a
//! built site's search page ([`SitePage`]), `folio prerender` marks the standalone page's
//! pre-rendered view ([`PRERENDERED`]) and writes each article's view beside it ([`VIEWS`]),
//! `folio.js` shows such a view for a deep link and marks it ([`VIEW`]), and the viewer's entry
//! point reads them all ([`Root`]). One module, so writers and reader name and
//! spell each attribute and value the same way; `scripts/post-build.mjs` (folio.js), which is
//! JavaScript, spells what it touches as written here.

use crate::catalogue::{PAGE_SIZE, PAGE_SIZES};
use crate::route::Route;

/// Marks the element the viewer mounts into.
pub const ROOT: &str = "data-folio-standalone";
/// The selector of that element.
pub const ROOT_SELECTOR: &str = "[data-folio-standalone]";
/// The data the viewer reads: a data file, or a packed archive's folder (ending in `/`);
/// relative to the page, or on a built page to the site's root.
pub const SRC: &str = "data-folio-src";
/// `path` on a built site's page: the viewer follows the address's path, not its hash.
pub const ROUTING: &str = "data-folio-routing";
/// On a built page, the way back from it to the site's root (`../../`).
pub const BACK: &str = "data-folio-root";
/// On a built page, the view its HTML shows, as a path below the site's root.
pub const ROUTE: &str = "data-folio-route";
/// On a built page, the site's public address.
pub const BASE_URL: &str = "data-folio-base-url";
/// On a built page, how many articles a list page holds (within [`PAGE_SIZES`]).
pub const PAGE_SIZE_ATTR: &str = "data-folio-page-size";
/// The fingerprint of the data file the element's HTML was rendered from: the viewer hydrates
/// that HTML only when its data still has it.
pub const PRERENDERED: &str = "data-folio-prerendered";
/// The hash of the view the pre-rendered HTML shows when it is not the list of all articles
/// (an article's view that `folio.js` put there for a deep link).
pub const VIEW: &str = "data-folio-view";

/// The folder, beside the standalone page, of its articles' pre-rendered views: `folio
/// prerender` writes `VIEWS/<id>.html`, and `folio.js` fetches it for a deep link
/// `#/article/<id>`.
pub const VIEWS: &str = "views/article";

/// What a view in [`VIEWS`] starts with: the fingerprint of the data it was rendered from and
/// the hash that names the view ([`Route::to_hash`]), in a comment. `folio.js` shows a view only
/// when it names the data of the page it is shown in and the address's own hash: a host
/// answering any address with another page, or a file system that took one id's file for
/// another's (two ids differing in case), never shows the wrong view.
pub fn view_mark(fingerprint: &str, hash: &str) -> String {
    format!("<!--folio:{fingerprint} {hash}-->")
}

/// The value of [`ROUTING`] for path routes.
const PATH_ROUTING: &str = "path";

/// The viewer's root element as the viewer reads it, through `get` (an attribute's value, or
/// `None` when absent). Each value is read when asked for, so a build that never asks for the
/// built page's values leaves their reading out.
pub struct Root<F>(pub F);

impl<F: Fn(&str) -> Option<String>> Root<F> {
    /// The data to read ([`SRC`]), when the page names one.
    pub fn src(&self) -> Option<String> {
        (self.0)(SRC)
    }

    /// True on a built site's page ([`ROUTING`]).
    pub fn path_routing(&self) -> bool {
        (self.0)(ROUTING).as_deref() == Some(PATH_ROUTING)
    }

    /// The way back to the site's root ([`BACK`]); empty when absent.
    pub fn back(&self) -> String {
        (self.0)(BACK).unwrap_or_default()
    }

    /// The view the built page's HTML shows ([`ROUTE`]).
    pub fn route(&self) -> Option<Route> {
        (self.0)(ROUTE).map(|path| Route::parse_path(&path))
    }

    /// The site's address ([`BASE_URL`]).
    pub fn base_url(&self) -> Option<String> {
        (self.0)(BASE_URL)
    }

    /// The lists' page size ([`PAGE_SIZE_ATTR`]): [`PAGE_SIZE`] when absent or not within
    /// [`PAGE_SIZES`].
    pub fn page_size(&self) -> usize {
        (self.0)(PAGE_SIZE_ATTR)
            .and_then(|size| size.parse::<usize>().ok())
            .filter(|size| PAGE_SIZES.contains(size))
            .unwrap_or(PAGE_SIZE)
    }

    /// The fingerprint of the data the HTML was rendered from ([`PRERENDERED`]), when the
    /// element holds a pre-rendered view.
    pub fn prerendered(&self) -> Option<String> {
        (self.0)(PRERENDERED)
    }

    /// The view the pre-rendered HTML shows ([`VIEW`]); `None` for the list of all articles.
    pub fn view(&self) -> Option<Route> {
        (self.0)(VIEW).map(|hash| Route::parse(&hash))
    }
}

/// What `folio build` writes on a built site's search page, whose viewer follows path routes.
pub struct SitePage<'a> {
    /// The packed archive's folder, relative to the site's root.
    pub src: &'a str,
    /// The way back to the site's root.
    pub back: &'a str,
    /// The view the page's HTML shows, as its path below the site's root (the search page's
    /// folder for the search page), which [`Root::route`] parses.
    pub route: &'a str,
    /// The site's public address.
    pub base_url: &'a str,
    /// Articles per list page.
    pub page_size: usize,
}

impl SitePage<'_> {
    /// The root element's attributes, in the order they are written ([`ROOT`] first, valueless).
    pub fn attributes(&self) -> Vec<(&'static str, String)> {
        vec![
            (ROOT, String::new()),
            (ROUTING, PATH_ROUTING.to_owned()),
            (BACK, self.back.to_owned()),
            (ROUTE, self.route.to_owned()),
            (SRC, self.src.to_owned()),
            (BASE_URL, self.base_url.to_owned()),
            (PAGE_SIZE_ATTR, self.page_size.to_string()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader<'a>(
        attributes: &'a [(&'static str, String)],
    ) -> Root<impl Fn(&str) -> Option<String> + 'a> {
        Root(move |name: &str| {
            attributes
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| value.clone())
        })
    }

    #[test]
    fn what_folio_build_writes_the_viewer_reads_back() {
        for route in [
            Route::List(crate::route::ListState {
                q: "质量 强市".into(),
                page: 2,
                channel: Some("lc-news".into()),
                ..Default::default()
            }),
            Route::default(),
        ] {
            let path = route.to_path();
            let page = SitePage {
                src: "archive/",
                back: "../",
                route: &path,
                base_url: "https://news.example.cn/news/",
                page_size: 50,
            };
            let written = page.attributes();
            assert_eq!(written[0], (ROOT, String::new()));
            assert_eq!(ROOT_SELECTOR, format!("[{ROOT}]"));
            let root = reader(&written);
            assert!(root.path_routing());
            assert_eq!(root.src().as_deref(), Some("archive/"));
            assert_eq!(root.back(), "../");
            assert_eq!(root.route(), Some(route.clone()));
            assert_eq!(
                root.base_url().as_deref(),
                Some("https://news.example.cn/news/")
            );
            assert_eq!(root.page_size(), 50);
            assert_eq!((root.prerendered(), root.view()), (None, None));
        }
    }

    /// The loader is JavaScript (written by `scripts/post-build.mjs`): it spells the contract's
    /// names as this module does.
    #[test]
    fn the_loader_spells_the_contract_as_written_here() {
        let loader = include_str!("../../../scripts/post-build.mjs");
        for name in [PRERENDERED, VIEW] {
            assert!(loader.contains(&format!("'{name}'")), "{name}");
        }
        for selector in [ROOT_SELECTOR, &format!("[{PRERENDERED}]")] {
            assert!(loader.contains(&format!("'{selector}'")), "{selector}");
        }
        assert!(loader.contains(&format!("./{VIEWS}/")));
        // The mark, with the template's placeholders for the fingerprint and the hash.
        let mark = view_mark("FP", "HASH");
        let written = mark
            .replace("FP", "\\${fingerprint}")
            .replace("HASH", "\\${hash}");
        assert!(loader.contains(&written), "{written}");
    }

    #[test]
    fn a_standalone_root_reads_its_defaults_and_marks() {
        let root = reader(&[]);
        assert!(!root.path_routing());
        assert_eq!(
            (root.src(), root.route(), root.back()),
            (None, None, String::new())
        );
        assert_eq!(root.page_size(), PAGE_SIZE);
        for bad in ["0", "201", "-20", "x", ""] {
            let written = [(PAGE_SIZE_ATTR, bad.to_owned())];
            assert_eq!(reader(&written).page_size(), PAGE_SIZE, "{bad}");
        }
        let hash = Route::article("中-1").to_hash();
        let marked = [
            (PRERENDERED, "0123".to_owned()),
            (VIEW, hash),
            (ROUTING, "hash".into()),
        ];
        let root = reader(&marked);
        assert_eq!(root.prerendered().as_deref(), Some("0123"));
        assert_eq!(root.view(), Some(Route::article("中-1")));
        assert!(!root.path_routing());
    }
}
