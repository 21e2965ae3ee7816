//! What every component of one viewer shares, as a Yew context. One per viewer, never global,
//! so several viewers can live on one page.

use std::cell::Cell;
use std::rc::Rc;

use folio_core::i18n::{Lang, Msg};
use folio_core::prefs::ReadSet;
use folio_core::route::Route;
use folio_core::share::{canonical_url, Target};
use yew::prelude::*;

use crate::hooks::Navigator;
use crate::library::Library;

/// True where built pages are rendered with islands: natively (`folio build`). In the browser
/// a viewer never renders islands, only hydrates them, so the Wasm builds leave the rendering
/// side (and its serializer) out.
pub const ISLANDS: bool = cfg!(not(target_arch = "wasm32"));

/// The viewer context. It compares equal when nothing changed (its callbacks are made once per
/// viewer), so consumers re-render only for real changes.
#[derive(Clone, PartialEq)]
pub struct Viewer {
    /// Interface language.
    pub lang: Lang,
    /// The articles and channels.
    pub library: Library,
    /// Moves between views.
    pub navigator: Navigator,
    /// Share targets, in order.
    pub share_targets: Rc<[Target]>,
    /// The address shared links start with: the configured base URL, else the page's own
    /// address once known (empty while rendering on a server without one).
    pub base_url: AttrValue,
    /// Told when the reader uses a share target.
    pub on_share: Option<Callback<(Target, String)>>,
    /// Articles the reader has opened.
    pub read: Rc<ReadSet>,
    /// Forgets the read markers.
    pub on_clear_read: Callback<()>,
    /// Counts renders of list items, when a test or profiler asks.
    pub render_count: Option<RenderCount>,
    /// How links name views.
    pub links: Links,
    /// True when rendering a built page natively: the parts that need code are islands (see
    /// [`crate::components::islands`]) and the search box is a form the site's search page answers.
    pub islands: bool,
}

/// How the viewer's links name views: hashes, or paths of a pre-rendered site relative to the
/// page shown (so the site works under any sub-path).
#[derive(Clone, Debug, PartialEq)]
pub enum Links {
    /// `#/article/<id>`.
    Hash,
    /// `../../article/<id>/`: `prefix` leads from the page shown back to the site's root
    /// (`../` per folder, or the root's absolute path on a not-found page, which a host serves
    /// at any address).
    Path {
        /// Back to the root from the page shown.
        prefix: AttrValue,
    },
}

impl Links {
    /// Links from the page of `route`, with the site's root at the absolute path `root`.
    pub fn path_from(route: &Route, root: &str) -> Links {
        Links::Path {
            prefix: route.back(root).into(),
        }
    }

    /// True for path links (a page `folio build` wrote, in a build that follows paths).
    pub fn is_path(&self) -> bool {
        crate::hooks::PATHS && matches!(self, Links::Path { .. })
    }

    /// The address of a built site's search page from the page shown (`../../search/`).
    pub fn search_page(&self) -> String {
        let back = match self {
            Links::Path { prefix } => prefix.as_str(),
            Links::Hash => "",
        };
        format!("{back}{}/", folio_core::route::SEARCH_FOLDER)
    }

    /// The `href` of a view.
    #[inline(never)]
    pub fn href(&self, route: &Route) -> String {
        match self {
            Links::Path { prefix } if crate::hooks::PATHS => route.href(prefix),
            _ => route.to_hash(),
        }
    }
}

impl Viewer {
    /// The canonical address of a view: the base URL followed by the view's hash, or by its
    /// path on a pre-rendered site.
    pub fn address_of(&self, route: &Route) -> String {
        match self.links {
            Links::Path { .. } if crate::hooks::PATHS => {
                canonical_url(&self.base_url, &route.to_path())
            }
            _ => canonical_url(&self.base_url, &route.to_hash()),
        }
    }

    /// The `href` of a view, as [`Links::href`].
    pub fn href(&self, route: &Route) -> String {
        self.links.href(route)
    }

    /// True when rendering a built page's islands (only ever natively: see
    /// [`ISLANDS`]).
    pub fn islands(&self) -> bool {
        ISLANDS && self.islands
    }

    /// An interface string in the viewer's language.
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.lang)
    }
}

/// The viewer context; components render only under [`crate::App`], which provides it.
#[hook]
pub fn use_viewer() -> Viewer {
    // App provides the context around every component that calls this hook.
    use_context::<Viewer>().expect("Folio components render inside App, which provides Viewer")
}

/// A counter of list-item renders (`AppProps::render_count`): for tests and profiling, to show
/// that a keystroke does not re-render items whose props did not change.
#[derive(Clone, Debug, Default)]
pub struct RenderCount(Rc<Cell<usize>>);

impl RenderCount {
    /// Renders counted so far.
    pub fn get(&self) -> usize {
        self.0.get()
    }

    /// Counts one render.
    pub fn add(&self) {
        self.0.set(self.0.get() + 1);
    }
}

impl PartialEq for RenderCount {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
