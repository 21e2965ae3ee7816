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

/// The current view and how to change it.
pub struct Router {
    /// The view to show.
    pub route: Route,
    /// Opens another view.
    pub navigator: Navigator,
    /// A scroll position to apply once the view has rendered (Back to a list, or top for a new
    /// view); taken by the first render that can honour it.
    pub pending_scroll: Rc<RefCell<Option<f64>>>,
    /// True once the reader has moved away from the first view (focus moves only then).
    pub navigated: bool,
}

/// Follows `location.hash`: Back, Forward, pasted links and edits of the address all change the
/// view, and each view Folio opens is a history entry that remembers the scroll position.
#[hook]
pub fn use_hash_router() -> Router {
    let route = use_state_eq(|| Route::parse(&browser::location_hash()));
    let navigated = use_state_eq(|| false);
    let pending_scroll = use_mut_ref(browser::current_state_scroll);
    {
        let route = route.clone();
        let navigated = navigated.clone();
        let pending_scroll = pending_scroll.clone();
        use_effect_with((), move |_| {
            browser::take_over_scroll_restoration();
            let on_pop = {
                let (route, navigated, pending_scroll) =
                    (route.clone(), navigated.clone(), pending_scroll.clone());
                EventListener::new(&window(), "popstate", move |event| {
                    let state = event
                        .dyn_ref::<web_sys::PopStateEvent>()
                        .map(|pop| pop.state())
                        .unwrap_or(wasm_bindgen::JsValue::NULL);
                    *pending_scroll.borrow_mut() =
                        Some(browser::scroll_in_state(&state).unwrap_or(0.0));
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
            move || drop((on_pop, on_hash))
        });
    }
    let go = {
        let (route, navigated, pending_scroll) =
            (route.clone(), navigated.clone(), pending_scroll.clone());
        Callback::from(move |(to, entry): (Route, Entry)| {
            match entry {
                Entry::Push | Entry::PushInPlace => {
                    browser::remember_scroll();
                    browser::push_hash(&to.to_hash());
                }
                Entry::Replace => browser::replace_hash(&to.to_hash()),
            }
            if entry == Entry::Push {
                *pending_scroll.borrow_mut() = Some(0.0);
            }
            navigated.set(true);
            route.set(to);
        })
    };
    Router {
        route: (*route).clone(),
        navigator: Navigator { go },
        pending_scroll,
        navigated: *navigated,
    }
}
