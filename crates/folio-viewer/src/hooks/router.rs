//! The current view and how to change it: with [`Routing::Hash`] it follows `location.hash`,
//! with [`Routing::None`] the view lives in the viewer alone.

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

/// Who owns the view state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Routing {
    /// The viewer owns `location.hash`: every view has a URL, Back and Forward move between
    /// views (the standalone page).
    #[default]
    Hash,
    /// The viewer keeps its view to itself and never touches the page's URL or history
    /// (embedded in a host page that has its own).
    None,
}

impl Routing {
    /// Reads the `routing` attribute: `hash`, anything else is `none`.
    pub fn from_key(key: &str) -> Routing {
        if key.trim().eq_ignore_ascii_case("hash") {
            Routing::Hash
        } else {
            Routing::None
        }
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
/// [`Routing::Hash`] the URL's hash then takes over on mount, and Back, Forward, pasted links
/// and edits of the address all change the view, each view Folio opens being a history entry
/// that remembers the scroll position. A new `start` (an attribute changed after mount) opens
/// that view.
#[hook]
pub fn use_router(routing: Routing, start: Option<Route>) -> Router {
    // No browser read here: the server renders `start`, and the page hydrates it.
    let route = use_state_eq(|| start.clone().unwrap_or_default());
    let navigated = use_state_eq(|| false);
    let pending_scroll = use_mut_ref(|| None::<Scroll>);
    {
        let route = route.clone();
        let navigated = navigated.clone();
        let pending_scroll = pending_scroll.clone();
        use_effect_with(routing, move |routing| {
            let listeners = (*routing == Routing::Hash).then(|| {
                // The address names the view: a deep link, or a reload that restores the scroll.
                let hash = platform::location_hash();
                if !is_empty_hash(&hash) {
                    route.set(Route::parse(&hash));
                }
                *pending_scroll.borrow_mut() = platform::current_state_scroll().map(Scroll::Window);
                platform::take_over_scroll_restoration();
                let on_pop = {
                    let (route, navigated, pending_scroll) =
                        (route.clone(), navigated.clone(), pending_scroll.clone());
                    EventListener::new(&window(), "popstate", move |event| {
                        let state = event
                            .dyn_ref::<web_sys::PopStateEvent>()
                            .map(|pop| pop.state())
                            .unwrap_or(wasm_bindgen::JsValue::NULL);
                        *pending_scroll.borrow_mut() = Some(Scroll::Window(
                            platform::scroll_in_state(&state).unwrap_or(0.0),
                        ));
                        navigated.set(true);
                        route.set(Route::parse(&platform::location_hash()));
                    })
                };
                // Edits of the address bar fire `hashchange` (and `popstate`); setting the same
                // route twice renders once, as the state compares equal.
                let on_hash = EventListener::new(&window(), "hashchange", move |_| {
                    navigated.set(true);
                    route.set(Route::parse(&platform::location_hash()));
                });
                (on_pop, on_hash)
            });
            move || drop(listeners)
        });
    }
    let go = {
        let (route, navigated, pending_scroll) =
            (route.clone(), navigated.clone(), pending_scroll.clone());
        use_callback(routing, move |(to, entry): (Route, Entry), routing| {
            let routing = *routing;
            if routing == Routing::Hash {
                match entry {
                    Entry::Push | Entry::PushInPlace => {
                        platform::remember_scroll();
                        platform::push_hash(&to.to_hash());
                    }
                    Entry::Replace => platform::replace_hash(&to.to_hash()),
                }
            }
            if entry == Entry::Push {
                *pending_scroll.borrow_mut() = Some(match routing {
                    Routing::Hash => Scroll::Window(0.0),
                    Routing::None => Scroll::ViewerTop,
                });
            }
            navigated.set(true);
            route.set(to);
        })
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
