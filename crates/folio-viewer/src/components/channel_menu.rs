//! The channel menu: all articles, each top-level channel and its columns.

use folio_core::i18n::Msg;
use folio_core::route::Route;
use yew::prelude::*;

use crate::context::Viewer;

/// The channel menu; `active` is the channel being listed or read (for `aria-current`),
/// `all_active` true when the list of all articles is shown. A plain function, not a component.
pub fn channel_menu(viewer: &Viewer, active: Option<&str>, all_active: bool) -> Html {
    let library = &viewer.library;
    let current = |id: &str| (active == Some(id)).then(|| AttrValue::from("page"));
    let top = library.top_channels().map(|channel| {
        let children: Html = library
            .children(&channel.id)
            .map(|child| {
                html! {
                    <li key={child.id.clone()}>
                        <a href={viewer.href(&Route::channel(&child.id))} class="folio-menu__link folio-menu__link--sub"
                              aria-current={current(&child.id)}>{ &child.name }</a>
                    </li>
                }
            })
            .collect();
        html! {
            <li key={channel.id.clone()} class="folio-menu__group">
                <a href={viewer.href(&Route::channel(&channel.id))} class="folio-menu__link" aria-current={current(&channel.id)}>
                    { &channel.name }
                </a>
                if children != html! {} {
                    <ul class="folio-menu__columns">{ children }</ul>
                }
            </li>
        }
    });
    html! {
        <nav class="folio-menu" aria-label={viewer.t(Msg::ChannelsNav)}>
            <ul class="folio-menu__list">
                <li class="folio-menu__group">
                    <a href={viewer.href(&Route::default())} class="folio-menu__link"
                          aria-current={all_active.then(|| AttrValue::from("page"))}>
                        { viewer.t(Msg::AllArticles) }
                    </a>
                </li>
                { for top }
            </ul>
        </nav>
    }
}
