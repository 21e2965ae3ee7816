//! 分享到: the share bar under an article. For now it copies the article's link; the share
//! targets plug in here.

use yew::prelude::*;

use super::use_viewer;
use crate::browser;
use crate::i18n::Msg;
use crate::route::Route;

/// Props of [`ShareBar`].
#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    /// The view whose link is shared.
    pub route: Route,
    /// The title being shared.
    pub title: AttrValue,
}

#[derive(Clone, PartialEq)]
enum CopyState {
    Idle,
    Copied,
    /// Copying failed; the URL is shown so the reader can copy it by hand.
    Failed(AttrValue),
}

/// See the module documentation.
#[component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let viewer = use_viewer();
    let state = use_state_eq(|| CopyState::Idle);
    let onclick = {
        let state = state.clone();
        let hash = props.route.to_hash();
        Callback::from(move |_: MouseEvent| {
            let url = format!("{}{}", browser::page_address(), hash);
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if browser::copy_text(&url).await {
                    state.set(CopyState::Copied);
                } else {
                    state.set(CopyState::Failed(url.into()));
                }
            });
        })
    };
    let status = match &*state {
        CopyState::Idle => html! {},
        CopyState::Copied => html! { { viewer.t(Msg::LinkCopied) } },
        CopyState::Failed(url) => html! {
            <>
                { viewer.t(Msg::CopyFailed) }
                <input class="folio-share__manual" type="text" readonly=true value={url.clone()}
                       aria-label={viewer.t(Msg::CopyLink)} />
            </>
        },
    };
    html! {
        <section class="folio-share" aria-label={viewer.t(Msg::ShareTo).trim_end_matches([':', ':'])}>
            <span class="folio-share__label">{ viewer.t(Msg::ShareTo) }</span>
            <button type="button" class="folio-share__button folio-share__button--copy" {onclick}>
                <svg class="folio-share__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"
                          fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
                </svg>
                { viewer.t(Msg::CopyLink) }
            </button>
            <p class="folio-share__status" role="status" aria-live="polite">{ status }</p>
        </section>
    }
}
