//! In-viewer links are plain `<a href="#/…">` elements (`../../article/<id>/` on a pre-rendered
//! site), so middle-click, "copy link" and reading
//! without scripts work. One click handler on the viewer's root ([`follow`]) turns a plain left
//! click on any of them into a view change without a `hashchange` round trip: no closure per
//! link, and no component per link to render.

use folio_core::route::Route;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::hooks::{Navigator, Routing, PATHS};

/// The view a link names with a path below `root` on this site; `None` for anything else (a
/// feed, another site, a path naming no view).
#[cfg(any(feature = "site", not(target_arch = "wasm32")))]
fn path_link(link: web_sys::Element, root: &str) -> Option<Route> {
    let link = link.dyn_into::<web_sys::HtmlAnchorElement>().ok()?;
    if link.origin()
        != gloo::utils::window()
            .location()
            .origin()
            .unwrap_or_default()
    {
        return None;
    }
    let below = link.pathname().strip_prefix(root)?.to_owned();
    Some(Route::parse_path(&format!("{below}{}", link.search()))).filter(|route| match route {
        Route::List(_) => true,
        Route::Article { .. } => crate::hooks::ARTICLES,
        Route::Unknown { .. } => false,
    })
}

/// No path routes in this build.
#[cfg(not(any(feature = "site", not(target_arch = "wasm32"))))]
fn path_link(_link: web_sys::Element, _root: &str) -> Option<Route> {
    None
}

/// Handles a click anywhere in the viewer: a plain left click on a link to a view (`#/…`, or
/// with [`Routing::Path`] a path below `root` naming a view) opens that view. Modified clicks
/// (new tab, new window, download), links with a target and links elsewhere (a feed, another
/// site) are left to the browser.
pub fn follow(event: &MouseEvent, navigator: &Navigator, routing: Routing, root: &str) {
    if event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
        || event.default_prevented()
    {
        return;
    }
    let Some(link) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| {
            element
                .closest("a[href]:not([target]):not([download])")
                .ok()
                .flatten()
        })
    else {
        return;
    };
    let route = match routing {
        Routing::Path if PATHS => path_link(link, root),
        _ => link
            .get_attribute("href")
            .filter(|href| href.starts_with("#/"))
            .map(|href| Route::parse(&href)),
    };
    if let Some(route) = route {
        event.prevent_default();
        navigator.go(route);
    }
}
