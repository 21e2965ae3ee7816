//! Page links for a list: previous, numbers around the current page, next.

use folio_core::catalogue::page_window;
use folio_core::i18n::{page_link, page_of, Msg};
use folio_core::route::{ListState, Route};
use yew::prelude::*;

use crate::context::Viewer;

/// The page links of a list in `state`: page `page` of `pages`. A plain function, not a
/// component: it renders only inside the list.
pub fn pager(viewer: &Viewer, state: &ListState, page: usize, pages: usize) -> Html {
    if pages <= 1 {
        return html! {};
    }
    let route = |page: usize| {
        Route::List(ListState {
            page,
            ..state.clone()
        })
    };
    let numbers = page_window(page, pages).into_iter().map(|slot| match slot {
        None => html! { <li class="folio-pager__gap" aria-hidden="true">{ "…" }</li> },
        Some(n) if n == page => html! {
            <li><span class="folio-pager__current" aria-current="page">{ n }</span></li>
        },
        Some(n) => html! {
            <li><a href={viewer.href(&route(n))} class="folio-pager__link" aria-label={AttrValue::from(page_link(viewer.lang, n))}>{ n }</a></li>
        },
    });
    html! {
        <nav class="folio-pager" aria-label={viewer.t(Msg::Pages)}>
            <p class="folio-pager__status">{ page_of(viewer.lang, page, pages) }</p>
            <ul class="folio-pager__list">
                if page > 1 {
                    <li><a href={viewer.href(&route(page - 1))} class="folio-pager__link folio-pager__link--step">
                        { viewer.t(Msg::PreviousPage) }</a></li>
                }
                { for numbers }
                if page < pages {
                    <li><a href={viewer.href(&route(page + 1))} class="folio-pager__link folio-pager__link--step">
                        { viewer.t(Msg::NextPage) }</a></li>
                }
            </ul>
        </nav>
    }
}
