//! In-viewer links are plain `<a href="#/…">` elements, so middle-click, "copy link" and reading
//! without scripts work. One click handler on the viewer's root ([`follow`]) turns a plain left
//! click on any of them into a view change without a `hashchange` round trip: no closure per
//! link, and no component per link to render.

use folio_core::route::Route;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::hooks::Navigator;

/// Handles a click anywhere in the viewer: a plain left click on a link to a view (`#/…`)
/// opens that view. Modified clicks (new tab, new window, download) and links elsewhere are
/// left to the browser.
pub fn follow(event: &MouseEvent, navigator: &Navigator) {
    if event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
        || event.default_prevented()
    {
        return;
    }
    let href = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten())
        .and_then(|link| link.get_attribute("href"));
    let Some(href) = href.filter(|href| href.starts_with("#/")) else {
        return;
    };
    event.prevent_default();
    navigator.go(Route::parse(&href));
}
