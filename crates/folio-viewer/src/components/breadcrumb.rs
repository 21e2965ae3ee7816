//! 您所在的位置:site > channel > column, each a link, as on the portal's article pages.

use folio_core::i18n::Msg;
use folio_core::route::Route;
use yew::prelude::*;

use crate::context::Viewer;

/// The breadcrumb of `channel`; `last_is_current` when its last step is the page itself (a
/// channel list). A plain function, not a component: it has no state of its own and renders
/// only inside views that re-render with it.
pub fn breadcrumb(viewer: &Viewer, channel: &str, last_is_current: bool) -> Html {
    let path = viewer.library.channel_path(channel);
    let last = path.len().saturating_sub(1);
    let steps = path.iter().enumerate().map(|(i, channel)| {
        let current = (last_is_current && i == last).then(|| AttrValue::from("page"));
        html! {
            <li key={channel.id.clone()} class="folio-breadcrumb__step">
                <a href={viewer.href(&Route::channel(&channel.id))} aria-current={current}>{ &channel.name }</a>
            </li>
        }
    });
    html! {
        <nav class="folio-breadcrumb" aria-label={viewer.t(Msg::YouAreHere).trim_end_matches([':', ':', ' '])}>
            <span class="folio-breadcrumb__prefix">{ viewer.t(Msg::YouAreHere) }</span>
            <ol class="folio-breadcrumb__list">
                <li class="folio-breadcrumb__step">
                    <a href={viewer.href(&Route::default())}>{ &viewer.library.site().name }</a>
                </li>
                { for steps }
            </ol>
        </nav>
    }
}
