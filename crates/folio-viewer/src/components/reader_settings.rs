//! 阅读设置: interface language, colour theme and text size, remembered for the next visit.

use folio_core::i18n::{self, Lang, Msg};
use folio_core::prefs::{Prefs, TextSize, Theme};
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The settings: `prefs` as the reader chose them, the `lang` and `theme` in effect, and
/// `on_change` told of new choices. A plain function, not a component: it has no state of its
/// own.
pub fn reader_settings(
    prefs: Prefs,
    lang: Lang,
    theme: Theme,
    on_change: &Callback<Prefs>,
) -> Html {
    let (other, other_name, switch_label) = i18n::language_switch(lang);
    let on_language = {
        let on_change = on_change.clone();
        Callback::from(move |_: MouseEvent| {
            on_change.emit(Prefs {
                lang: Some(other),
                ..prefs
            })
        })
    };
    let on_theme = {
        let on_change = on_change.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                on_change.emit(Prefs {
                    theme: Theme::from_key(&select.value()),
                    ..prefs
                });
            }
        })
    };
    let theme_option = |option: Theme, label: Msg| {
        html! { <option value={option.key()} selected={option == theme}>{ label.text(lang) }</option> }
    };
    let sizes = TextSize::ALL.into_iter().zip([
        Msg::SizeSmall,
        Msg::SizeMedium,
        Msg::SizeLarge,
        Msg::SizeHuge,
    ]);
    let size_buttons = sizes.map(|(size, label)| {
        let on_change = on_change.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_change.emit(Prefs { text_size: size, ..prefs }));
        let pressed = if prefs.text_size == size { "true" } else { "false" };
        html! {
            <button type="button" class={classes!("folio-settings__size", format!("folio-settings__size--{}", size.key()))}
                    aria-pressed={pressed} {onclick}>{ label.text(lang) }</button>
        }
    });
    html! {
        <div class="folio-settings" role="group" aria-label={Msg::Settings.text(lang)}>
            <button type="button" class="folio-settings__lang" onclick={on_language} aria-label={switch_label}>
                <span lang={other.tag()}>{ other_name }</span>
            </button>
            <label class="folio-settings__theme">
                <span>{ Msg::ThemeLabel.text(lang) }</span>
                <select onchange={on_theme}>
                    { theme_option(Theme::Auto, Msg::ThemeAuto) }
                    { theme_option(Theme::Light, Msg::ThemeLight) }
                    { theme_option(Theme::Dark, Msg::ThemeDark) }
                </select>
            </label>
            <span class="folio-settings__sizes" role="group" aria-label={Msg::TextSizeLabel.text(lang)}>
                <span class="folio-settings__sizes-label" aria-hidden="true">{ Msg::TextSizeLabel.text(lang) }</span>
                { for size_buttons }
            </span>
        </div>
    }
}
