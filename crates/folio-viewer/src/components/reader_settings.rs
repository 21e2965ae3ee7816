//! 阅读设置: interface language, colour theme, text size and 长辈模式 (easy reading), remembered for
//! the next visit.
//! Inside a viewer the settings are a plain function of the viewer's preferences; on a built
//! page they are an island ([`ReaderSettings`]) with preferences of its own, applied to the page
//! around it.

use folio_core::i18n::{self, Lang, Msg};
use folio_core::prefs::{Prefs, TextSize, Theme};
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The settings: `prefs` as the reader chose them, the `lang` and `theme` in effect, and
/// `on_change` told of new choices; the language switch only where `languages` (a built page
/// is written in one language). A plain function, not a component: it has no state of its
/// own.
pub fn reader_settings(
    prefs: Prefs,
    lang: Lang,
    theme: Theme,
    on_change: &Callback<Prefs>,
    languages: bool,
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
    let on_easy = {
        let on_change = on_change.clone();
        Callback::from(move |_: MouseEvent| {
            on_change.emit(Prefs {
                easy: !prefs.easy,
                ..prefs
            })
        })
    };
    html! {
        <div class="folio-settings" role="group" aria-label={Msg::Settings.text(lang)}>
            if languages {
                <button type="button" class="folio-settings__lang" onclick={on_language} aria-label={switch_label}>
                    <span lang={other.tag()}>{ other_name }</span>
                </button>
            }
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
            <button type="button" class="folio-settings__easy" aria-pressed={if prefs.easy { "true" } else { "false" }} onclick={on_easy}>
                { Msg::EasyReading.text(lang) }
            </button>
        </div>
    }
}

/// Props of [`ReaderSettings`].
#[derive(Properties, PartialEq, Clone)]
pub struct ReaderSettingsProps {
    /// The page's language.
    pub lang: Lang,
}

/// The settings as an island of a built page: the reader's stored choices, applied to the
/// page's viewer root (`.folio-app`: its theme, text size and easy reading) once the island runs, and stored
/// again when changed. The first render is the page's defaults, as the build rendered them.
#[component]
pub fn ReaderSettings(props: &ReaderSettingsProps) -> Html {
    let prefs = crate::hooks::use_prefs(Some(props.lang), None);
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(
            (prefs.theme, prefs.prefs.text_size, prefs.prefs.easy),
            move |(theme, size, easy)| {
                let app = node
                    .cast::<web_sys::Element>()
                    .and_then(|settings| settings.closest(".folio-app").ok().flatten());
                if let Some(app) = app {
                    let _ = app.set_attribute("data-theme", theme.key());
                    let _ = app.set_attribute("data-text-size", size.key());
                    let _ = app.toggle_attribute_with_force("data-easy", *easy);
                }
            },
        );
    }
    html! {
        <div ref={node} class="folio-island__content">
            { reader_settings(prefs.prefs, props.lang, prefs.theme, &prefs.choose, false) }
        </div>
    }
}
