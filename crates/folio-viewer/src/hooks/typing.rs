//! One history entry per typed search.

use folio_core::route::Route;
use yew::prelude::*;

use super::router::{Entry, Navigator};

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
