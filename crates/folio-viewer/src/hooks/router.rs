//! The current view and how to change it: with [`Routing::Hash`] it follows `location.hash`,
//! with [`Routing::Path`] the address's path (a pre-rendered site), with [`Routing::None`] the
//! view lives in the viewer alone.

use std::cell::RefCell;
use std::rc::Rc;

use folio_core::route::Route;
use gloo::events::EventListener;
use gloo::utils::window;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::platform;

/// How a view change enters the browser history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A new history entry; the new view starts at the top.
    Push,
    /// A new history entry, staying where the reader is (the first keystroke of a search).
    PushInPlace,
    /// Replaces the current entry, staying where the reader is (later keystrokes).
    Replace,
}

/// Moves between views. Made once per viewer, so it compares equal across renders and the
/// components holding it do not re-render for it.
#[derive(Clone, PartialEq)]
pub struct Navigator {
    go: Callback<(Route, Entry)>,
}

impl Navigator {
    /// Opens a view as a new history entry, at the top.
    pub fn go(&self, route: Route) {
        self.go.emit((route, Entry::Push));
    }

    /// Changes the view with the given history behaviour.
    pub fn update(&self, route: Route, entry: Entry) {
        self.go.emit((route, entry));
    }
}

/// True when this build follows path routes ([`Routing::Path`]): natively (the `folio`
/// command renders the pages) and in the site Wasm (feature `site`). Other Wasm builds leave
/// the code out; a path-routed viewer there follows hashes.
pub const PATHS: bool = cfg!(any(feature = "site", not(target_arch = "wasm32")));

/// False in the site Wasm: a built site's articles are pre-rendered pages, so its search page
/// leaves a link to one to the browser (a page load, prefetched as the reader points at it)
/// instead of showing the article itself, and the article view stays out of that Wasm.
pub const ARTICLES: bool = !cfg!(all(feature = "site", target_arch = "wasm32"));

/// The view the address's path names below `root`.
#[cfg(any(feature = "site", not(target_arch = "wasm32")))]
fn path_route(root: &str) -> Route {
    Route::parse_path(&platform::location_below(root))
}

/// Without path routes, the hash names the view.
#[cfg(not(any(feature = "site", not(target_arch = "wasm32"))))]
fn path_route(_root: &str) -> Route {
    Route::parse(&platform::location_hash())
}

/// Who owns the view state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Routing {
    /// The viewer owns `location.hash`: every view has a URL, Back and Forward move between
    /// views (the standalone page).
    #[default]
    Hash,
    /// The viewer owns the address's path below the site's root (`article/<id>/`): the pages
    /// `folio build` writes, one per view, which the viewer hydrates and then moves between
    /// with the History API. Old `#/…` links are redirected to their path.
    Path,
    /// The viewer keeps its view to itself and never touches the page's URL or history
    /// (embedded in a host page that has its own).
    None,
}

impl Routing {
    /// Reads the `routing` attribute: `hash`, anything else is `none` (path routing belongs to
    /// the pages `folio build` writes, not to an element in a host page).
    pub fn from_key(key: &str) -> Routing {
        if key.trim().eq_ignore_ascii_case("hash") {
            Routing::Hash
        } else {
            Routing::None
        }
    }

    /// True when the viewer owns the page's address and history.
    pub fn owns_address(self) -> bool {
        self != Routing::None
    }
}

/// Where to scroll once a view has rendered.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scroll {
    /// The window to this vertical position (Back to a list, or 0 for a new view).
    Window(f64),
    /// The viewer's top into view, when it is above the viewport (an embedded viewer opened a
    /// view; the host page is not scrolled further than that).
    ViewerTop,
}

/// The current view and how to change it.
pub struct Router {
    /// The view to show.
    pub route: Route,
    /// Opens another view.
    pub navigator: Navigator,
    /// A scroll to apply once the view has rendered; taken by the first render that can.
    pub pending_scroll: Rc<RefCell<Option<Scroll>>>,
    /// True once the reader has moved away from the first view (focus moves only then).
    pub navigated: bool,
}

/// True for a hash that names no view (the list of all articles, or `start`).
pub fn is_empty_hash(hash: &str) -> bool {
    matches!(hash, "" | "#" | "#/")
}

/// Holds the current view. The first render shows `start` (or the list of all articles); with
/// [`Routing::Hash`] the URL's hash (with [`Routing::Path`] its path below `site_root`, an
/// absolute path such as `/news/`) then takes over on mount, and Back, Forward, pasted links
/// and edits of the address all change the view, each view Folio opens being a history entry
/// that remembers the scroll position. A new `start` (an attribute changed after mount) opens
/// that view.
#[hook]
pub fn use_router(routing: Routing, site_root: AttrValue, start: Option<Route>) -> Router {
    // No browser read here: the server renders `start`, and the page hydrates it.
    let route = use_state_eq(|| start.clone().unwrap_or_default());
    let navigated = use_state_eq(|| false);
    let pending_scroll = use_mut_ref(|| None::<Scroll>);
    {
        let route = route.clone();
        let navigated = navigated.clone();
        let pending_scroll = pending_scroll.clone();
        let root = site_root.clone();
        use_effect_with(routing, move |routing| {
            let routing = match *routing {
                Routing::Path if !PATHS => Routing::Hash,
                routing => routing,
            };
            let root = root.clone();
            let listeners = routing.owns_address().then(|| {
                let here = {
                    let root = root.clone();
                    move || match routing {
                        Routing::Path => path_route(&root),
                        _ => Route::parse(&platform::location_hash()),
                    }
                };
                // The address names the view: a deep link, or a reload that restores the scroll.
                let hash = platform::location_hash();
                if PATHS && routing == Routing::Path && hash.starts_with("#/") {
                    // An old hash link: the same view at its path.
                    let old = Route::parse(&hash);
                    platform::replace_url(&format!("{}{}", root, old.to_path()));
                    route.set(old);
                } else if (PATHS && routing == Routing::Path) || !is_empty_hash(&hash) {
                    route.set(here());
                }
                *pending_scroll.borrow_mut() = platform::current_state_scroll().map(Scroll::Window);
                platform::take_over_scroll_restoration();
                let on_pop = {
                    let (route, navigated, pending_scroll) =
                        (route.clone(), navigated.clone(), pending_scroll.clone());
                    let here = here.clone();
                    EventListener::new(&window(), "popstate", move |event| {
                        let state = event
                            .dyn_ref::<web_sys::PopStateEvent>()
                            .map(|pop| pop.state())
                            .unwrap_or(wasm_bindgen::JsValue::NULL);
                        *pending_scroll.borrow_mut() = Some(Scroll::Window(
                            platform::scroll_in_state(&state).unwrap_or(0.0),
                        ));
                        navigated.set(true);
                        route.set(here());
                    })
                };
                // Edits of the address bar fire `hashchange` (and `popstate`); setting the same
                // route twice renders once, as the state compares equal.
                let on_hash = (routing == Routing::Hash).then(|| {
                    EventListener::new(&window(), "hashchange", move |_| {
                        navigated.set(true);
                        route.set(here());
                    })
                });
                (on_pop, on_hash)
            });
            move || drop(listeners)
        });
    }
    let go = {
        let (route, navigated, pending_scroll) =
            (route.clone(), navigated.clone(), pending_scroll.clone());
        use_callback(
            (routing, site_root),
            move |(to, entry): (Route, Entry), (routing, root)| {
                let routing = match *routing {
                    Routing::Path if !PATHS => Routing::Hash,
                    routing => routing,
                };
                let url = match routing {
                    Routing::Path if PATHS => format!("{root}{}", to.to_path()),
                    _ => to.to_hash(),
                };
                if routing.owns_address() {
                    match entry {
                        Entry::Push | Entry::PushInPlace => {
                            platform::remember_scroll();
                            platform::push_url(&url);
                        }
                        Entry::Replace => platform::replace_url(&url),
                    }
                }
                if entry == Entry::Push {
                    *pending_scroll.borrow_mut() = Some(match routing {
                        Routing::None => Scroll::ViewerTop,
                        _ => Scroll::Window(0.0),
                    });
                }
                navigated.set(true);
                route.set(to);
            },
        )
    };
    let navigator = Navigator { go };
    {
        // A changed start (not the first one, which the state already holds) opens its view.
        let navigator = navigator.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(start, move |start| {
            if !first.replace(false) {
                if let Some(start) = start {
                    navigator.go(start.clone());
                }
            }
        });
    }
    Router {
        route: (*route).clone(),
        navigator,
        pending_scroll,
        navigated: *navigated,
    }
}
