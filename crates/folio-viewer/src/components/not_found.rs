//! The view for an unknown article, channel or address, with a way back.

use yew::prelude::*;

use super::link::Link;
use super::use_viewer;
use folio_core::i18n::{self, Msg, NotFoundWhat};
use folio_core::route::Route;

/// Props of [`NotFound`].
#[derive(Properties, PartialEq)]
pub struct NotFoundProps {
    /// What was asked for.
    pub what: NotFoundWhat,
    /// The id or address that was not found.
    pub id: AttrValue,
}

/// See the module documentation.
#[component]
pub fn NotFound(props: &NotFoundProps) -> Html {
    let viewer = use_viewer();
    html! {
        <section class="folio-not-found">
            <h1 class="folio-not-found__title" tabindex="-1" data-folio-focus="">{ viewer.t(Msg::NotFound) }</h1>
            <p class="folio-not-found__detail">{ i18n::not_found_detail(viewer.lang, props.what, &props.id) }</p>
            <p><Link to={Route::default()} class="folio-not-found__back">{ viewer.t(Msg::BackToList) }</Link></p>
        </section>
    }
}
