//! Page links for a list: previous, numbers around the current page, next.

use yew::prelude::*;

use super::link::Link;
use super::use_viewer;
use folio_core::catalogue::page_window;
use folio_core::i18n::{page_link, page_of, Msg};
use folio_core::route::{ListState, Route};

/// Props of [`Pager`].
#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// The list being paged; each page link keeps its filters.
    pub state: ListState,
    /// The page shown (1-based).
    pub page: usize,
    /// How many pages there are.
    pub pages: usize,
}

/// See the module documentation.
#[component]
pub fn Pager(props: &PagerProps) -> Html {
    let viewer = use_viewer();
    if props.pages <= 1 {
        return html! {};
    }
    let route = |page: usize| {
        Route::List(ListState {
            page,
            ..props.state.clone()
        })
    };
    let numbers = page_window(props.page, props.pages).into_iter().map(|slot| match slot {
        None => html! { <li class="folio-pager__gap" aria-hidden="true">{ "…" }</li> },
        Some(n) if n == props.page => html! {
            <li><span class="folio-pager__current" aria-current="page">{ n }</span></li>
        },
        Some(n) => html! {
            <li><Link to={route(n)} class="folio-pager__link" label={AttrValue::from(page_link(viewer.lang, n))}>{ n }</Link></li>
        },
    });
    html! {
        <nav class="folio-pager" aria-label={viewer.t(Msg::Pages)}>
            <p class="folio-pager__status">{ page_of(viewer.lang, props.page, props.pages) }</p>
            <ul class="folio-pager__list">
                if props.page > 1 {
                    <li><Link to={route(props.page - 1)} class="folio-pager__link folio-pager__link--step">
                        { viewer.t(Msg::PreviousPage) }</Link></li>
                }
                { for numbers }
                if props.page < props.pages {
                    <li><Link to={route(props.page + 1)} class="folio-pager__link folio-pager__link--step">
                        { viewer.t(Msg::NextPage) }</Link></li>
                }
            </ul>
        </nav>
    }
}
