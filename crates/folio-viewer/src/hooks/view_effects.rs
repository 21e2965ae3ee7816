//! What happens once a view has rendered: the document title, the scroll position, focus on
//! the new view's heading, and telling the host about the reader's navigation.

use std::cell::RefCell;
use std::rc::Rc;

use folio_core::route::Route;
use yew::prelude::*;

use super::router::{Routing, Scroll};
use crate::platform;

/// What [`use_view_effects`] needs to know.
pub struct ViewEffects {
    /// The viewer's root element.
    pub root: NodeRef,
    /// The view shown.
    pub route: Route,
    /// The view's title, once it has rendered with data (`None` while loading).
    pub title: Option<String>,
    /// Who owns the URL (an embedded viewer leaves the host page's title alone).
    pub routing: Routing,
    /// True once the reader has moved away from the first view.
    pub navigated: bool,
    /// A scroll waiting for the view to render.
    pub pending_scroll: Rc<RefCell<Option<Scroll>>>,
    /// Told after each view change the reader makes.
    pub on_navigate: Option<Callback<Route>>,
}

/// See the module documentation. Focus moves to the new view's heading when the reader opens
/// another view, but not while they type a search or pick a filter (a list changing into
/// another list).
#[hook]
pub fn use_view_effects(effects: ViewEffects) {
    let ViewEffects {
        root,
        route,
        title,
        routing,
        navigated,
        pending_scroll,
        on_navigate,
    } = effects;
    let previous_route = use_mut_ref(|| None::<Route>);
    use_effect_with((route, title), move |(route, title)| {
        let previous = previous_route.replace(title.is_some().then(|| route.clone()));
        let list_to_list = matches!((&previous, route), (Some(Route::List(_)), Route::List(_)));
        if navigated && previous.as_ref() != Some(route) {
            if let Some(on_navigate) = &on_navigate {
                on_navigate.emit(route.clone());
            }
        }
        // Only a rendered view can take its scroll position and focus.
        let Some(title) = title else {
            return;
        };
        if routing.owns_address() {
            platform::set_title(title);
        }
        match pending_scroll.borrow_mut().take() {
            Some(Scroll::Window(y)) => platform::scroll_to(y),
            Some(Scroll::ViewerTop) => {
                if let Some(root) = root.cast::<web_sys::Element>() {
                    platform::scroll_into_view_if_above(&root);
                }
            }
            None => {}
        }
        if navigated && !list_to_list {
            if let Some(heading) = root
                .cast::<web_sys::Element>()
                .and_then(|root| root.query_selector("[data-folio-focus]").ok().flatten())
            {
                platform::focus_quietly(&heading);
            }
        }
    });
}
