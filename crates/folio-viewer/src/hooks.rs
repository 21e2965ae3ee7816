//! Hooks that hold Folio's side effects: loading the data and following the URL hash.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::utils::window;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser::{self, FetchError};
use crate::catalogue::SharedCatalogue;
use crate::load::{self, LoadError, Problem};
use crate::route::Route;

/// Where the articles come from.
#[derive(Clone, Debug, PartialEq)]
pub enum DataSource {
    /// A URL to fetch, relative to the page.
    Url(AttrValue),
    /// The JSON text itself (tests, single-file builds).
    Inline(Rc<str>),
}

/// The state of the data.
#[derive(Clone, Debug, PartialEq)]
pub enum DataState {
    /// Still fetching.
    Loading,
    /// The file could not be fetched.
    FetchFailed { url: AttrValue, error: FetchError },
    /// The file was fetched but nothing in it can be shown.
    Invalid(LoadError),
    /// Loaded; `problems` lists what was skipped or ignored.
    Ready {
        catalogue: SharedCatalogue,
        problems: Rc<[Problem]>,
    },
}

impl DataState {
    fn from_text(text: &str) -> DataState {
        match load::load(text) {
            Ok(loaded) => DataState::Ready {
                catalogue: SharedCatalogue(Rc::new(loaded.catalogue)),
                problems: loaded.problems.into(),
            },
            Err(error) => DataState::Invalid(error),
        }
    }
}

/// Loads and validates the data whenever the source changes. A response for a source that has
/// since been replaced is dropped.
#[hook]
pub fn use_data(source: &DataSource) -> DataState {
    let state = use_state_eq(|| DataState::Loading);
    let generation = use_mut_ref(|| 0_u64);
    {
        let state = state.clone();
        use_effect_with(source.clone(), move |source| {
            *generation.borrow_mut() += 1;
            let current = *generation.borrow();
            match source.clone() {
                DataSource::Inline(text) => state.set(DataState::from_text(&text)),
                DataSource::Url(url) => {
                    state.set(DataState::Loading);
                    wasm_bindgen_futures::spawn_local(async move {
                        let next = match browser::fetch_text(&url).await {
                            Ok(text) => DataState::from_text(&text),
                            Err(error) => DataState::FetchFailed { url, error },
                        };
                        // Reading the data and rendering it are two tasks, not one long one.
                        browser::next_task().await;
                        if *generation.borrow() == current {
                            state.set(next);
                        }
                    });
                }
            }
        });
    }
    (*state).clone()
}

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

/// Moves between views.
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

/// A search typed over several keystrokes becomes one history entry: the first keystroke after
/// a pause pushes an entry, the following ones replace it, and the search settles after
/// `SETTLE_MS` without typing (or on Enter, through the returned `settle`).
#[hook]
pub fn use_typing_history(navigator: Navigator) -> (Callback<Route>, Callback<()>) {
    const SETTLE_MS: u32 = 1_000;
    let typing = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let on_type = {
        let typing = typing.clone();
        Callback::from(move |route: Route| {
            let entry = if typing.borrow().is_some() {
                Entry::Replace
            } else {
                Entry::PushInPlace
            };
            navigator.update(route, entry);
            let settled = typing.clone();
            // Replacing the timer drops (cancels) the previous one.
            *typing.borrow_mut() =
                Some(gloo::timers::callback::Timeout::new(SETTLE_MS, move || {
                    settled.borrow_mut().take();
                }));
        })
    };
    let settle = Callback::from(move |()| {
        typing.borrow_mut().take();
    });
    (on_type, settle)
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

/// The hash route, or `start` when the page has no route in its hash.
fn initial_route(routing: Routing, start: &Option<Route>) -> Route {
    let hash = browser::location_hash();
    let hash_is_empty = matches!(hash.as_str(), "" | "#" | "#/");
    match (routing, start) {
        (Routing::Hash, Some(start)) if hash_is_empty => start.clone(),
        (Routing::Hash, _) => Route::parse(&hash),
        (Routing::None, start) => start.clone().unwrap_or_default(),
    }
}

/// Holds the current view. With [`Routing::Hash`] it follows `location.hash` — Back, Forward,
/// pasted links and edits of the address all change the view, and each view Folio opens is a
/// history entry that remembers the scroll position. With [`Routing::None`] the view lives here
/// only. A new `start` (an attribute changed after mount) opens that view.
#[hook]
pub fn use_router(routing: Routing, start: Option<Route>) -> Router {
    let route = use_state_eq(|| initial_route(routing, &start));
    let navigated = use_state_eq(|| false);
    let pending_scroll = use_mut_ref(|| match routing {
        Routing::Hash => browser::current_state_scroll().map(Scroll::Window),
        Routing::None => None,
    });
    {
        let route = route.clone();
        let navigated = navigated.clone();
        let pending_scroll = pending_scroll.clone();
        use_effect_with(routing, move |routing| {
            let listeners = (*routing == Routing::Hash).then(|| {
                browser::take_over_scroll_restoration();
                let on_pop = {
                    let (route, navigated, pending_scroll) =
                        (route.clone(), navigated.clone(), pending_scroll.clone());
                    EventListener::new(&window(), "popstate", move |event| {
                        let state = event
                            .dyn_ref::<web_sys::PopStateEvent>()
                            .map(|pop| pop.state())
                            .unwrap_or(wasm_bindgen::JsValue::NULL);
                        *pending_scroll.borrow_mut() = Some(Scroll::Window(
                            browser::scroll_in_state(&state).unwrap_or(0.0),
                        ));
                        navigated.set(true);
                        route.set(Route::parse(&browser::location_hash()));
                    })
                };
                // Edits of the address bar fire `hashchange` (and `popstate`); setting the same
                // route twice renders once, as the state compares equal.
                let on_hash = EventListener::new(&window(), "hashchange", move |_| {
                    navigated.set(true);
                    route.set(Route::parse(&browser::location_hash()));
                });
                (on_pop, on_hash)
            });
            move || drop(listeners)
        });
    }
    let go = {
        let (route, navigated, pending_scroll) =
            (route.clone(), navigated.clone(), pending_scroll.clone());
        Callback::from(move |(to, entry): (Route, Entry)| {
            if routing == Routing::Hash {
                match entry {
                    Entry::Push | Entry::PushInPlace => {
                        browser::remember_scroll();
                        browser::push_hash(&to.to_hash());
                    }
                    Entry::Replace => browser::replace_hash(&to.to_hash()),
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
