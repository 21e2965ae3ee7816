//! The search box: results follow every keystroke, except while an input method is composing
//! (pinyin and the like), when Folio waits for `compositionend` rather than searching
//! half-typed syllables.

use std::rc::Rc;

use folio_core::i18n::Msg;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::use_viewer;

/// Props of [`SearchBar`].
#[derive(Properties, PartialEq)]
pub struct SearchBarProps {
    /// The current query.
    pub value: AttrValue,
    /// Called with the text after each settled keystroke.
    pub on_input: Callback<String>,
    /// Called on Enter.
    pub on_submit: Callback<()>,
    /// The channel searched in (a built page's form sends it to the search page).
    #[prop_or_default]
    pub channel: Option<AttrValue>,
}

/// See the module documentation.
#[component]
pub fn SearchBar(props: &SearchBarProps) -> Html {
    let viewer = use_viewer();
    let input = use_node_ref();
    // The listener outlives renders, so it reads the newest callback from here.
    let latest = use_mut_ref(|| props.on_input.clone());
    *latest.borrow_mut() = props.on_input.clone();
    {
        let input = input.clone();
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let listener = input.cast::<HtmlInputElement>().map(|element| {
                let target = element.clone();
                EventListener::new(&element, "compositionend", move |_| {
                    latest.borrow().emit(target.value())
                })
            });
            move || drop(listener)
        });
    }
    let oninput = {
        let latest = Rc::clone(&latest);
        Callback::from(move |event: InputEvent| {
            if event.is_composing() {
                return;
            }
            if let Some(element) = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                latest.borrow().emit(element.value());
            }
        })
    };
    let onsubmit = {
        let on_submit = props.on_submit.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_submit.emit(());
        })
    };
    // A built page's box is a plain form the site's search page answers: it works before any
    // code runs, and what the reader types is never taken away.
    if viewer.islands() {
        return html! {
            <form class="folio-search" role="search" method="get" action={viewer.links.search_page()}>
                <label class="folio-search__label">
                    <span class="folio-search__label-text">{ viewer.t(Msg::Search) }</span>
                    <input class="folio-search__input" type="search" name="q" value={props.value.clone()}
                           placeholder={viewer.t(Msg::SearchPlaceholder)} autocomplete="off" spellcheck="false"
                           maxlength="256" enterkeyhint="search" />
                </label>
                if let Some(channel) = &props.channel {
                    <input type="hidden" name="channel" value={channel.clone()} />
                }
            </form>
        };
    }
    html! {
        <form class="folio-search" role="search" {onsubmit}>
            <label class="folio-search__label">
                <span class="folio-search__label-text">{ viewer.t(Msg::Search) }</span>
                <input ref={input} class="folio-search__input" type="search" value={props.value.clone()}
                       placeholder={viewer.t(Msg::SearchPlaceholder)} autocomplete="off" spellcheck="false"
                       maxlength="256" enterkeyhint="search" {oninput} />
            </label>
        </form>
    }
}
