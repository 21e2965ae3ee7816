//! The view for an unknown article, channel or address, with a way back.

use folio_core::i18n::{self, Lang, Msg, NotFoundWhat};
use folio_core::route::Route;
use yew::prelude::*;

use super::islands::Island;
use crate::context::Viewer;
use crate::platform;

/// Props of [`MissingPath`].
#[derive(Properties, PartialEq, Clone)]
pub struct MissingPathProps {
    /// Interface language.
    pub lang: Lang,
}

/// The not-found detail of a page served at an address it cannot know when it is written (a
/// built site's `404.html`): it names the address once it runs in the page.
#[component]
pub fn MissingPath(props: &MissingPathProps) -> Html {
    let path = use_state_eq(String::new);
    {
        let path = path.clone();
        use_effect_with((), move |_| {
            path.set(folio_core::route::decode_component(
                &platform::location_below(""),
            ));
        });
    }
    html! {
        <p class="folio-not-found__detail">{ i18n::not_found_detail(props.lang, NotFoundWhat::Path, &path) }</p>
    }
}

/// The not-found view: `what` was asked for by `id` and does not exist. A plain function, not
/// a component: it has no state and renders only inside the viewer.
pub fn not_found(viewer: &Viewer, what: NotFoundWhat, id: &str) -> Html {
    // A built site's 404.html is served at any address: an island names it.
    let detail = if viewer.islands() && what == NotFoundWhat::Path {
        Island::Missing {
            lang: viewer.lang.tag().to_owned(),
        }
        .html()
    } else {
        html! { <p class="folio-not-found__detail">{ i18n::not_found_detail(viewer.lang, what, id) }</p> }
    };
    html! {
        <section class="folio-not-found">
            <h1 class="folio-not-found__title" tabindex="-1" data-folio-focus="">{ viewer.t(Msg::NotFound) }</h1>
            { detail }
            <p><a href={viewer.href(&Route::default())} class="folio-not-found__back">{ viewer.t(Msg::BackToList) }</a></p>
        </section>
    }
}
