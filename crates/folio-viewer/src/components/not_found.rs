//! The view for an unknown article, channel or address, with a way back.

use folio_core::i18n::{self, Msg, NotFoundWhat};
use folio_core::route::Route;
use yew::prelude::*;

use crate::context::Viewer;

/// The not-found view: `what` was asked for by `id` and does not exist. A plain function, not
/// a component: it has no state and renders only inside the viewer.
pub fn not_found(viewer: &Viewer, what: NotFoundWhat, id: &str) -> Html {
    html! {
        <section class="folio-not-found">
            <h1 class="folio-not-found__title" tabindex="-1" data-folio-focus="">{ viewer.t(Msg::NotFound) }</h1>
            <p class="folio-not-found__detail">{ i18n::not_found_detail(viewer.lang, what, id) }</p>
            <p><a href={viewer.href(&Route::default())} class="folio-not-found__back">{ viewer.t(Msg::BackToList) }</a></p>
        </section>
    }
}
