//! The reader's choices (language, theme, text size): stored ones first, then what the page or
//! element says, then the browser; a page setting changed after mount takes over again.

use folio_core::i18n::Lang;
use folio_core::prefs::{Prefs, Theme, PREFS_KEY};
use yew::prelude::*;

use crate::platform;

/// The choices in effect and how to change them.
#[derive(Clone, PartialEq)]
pub struct PrefsHandle {
    /// What the reader chose (stored).
    pub prefs: Prefs,
    /// The interface language in effect.
    pub lang: Lang,
    /// The theme in effect.
    pub theme: Theme,
    /// Stores and applies new choices.
    pub choose: Callback<Prefs>,
}

/// See the module documentation. The first render uses the page's settings only (what a server
/// renders too); stored choices and the browser's language apply on mount.
#[hook]
pub fn use_prefs(page_lang: Option<Lang>, page_theme: Option<Theme>) -> PrefsHandle {
    let prefs = use_state_eq(Prefs::default);
    let browser_lang = use_state_eq(|| None::<Lang>);
    {
        let (prefs, browser_lang) = (prefs.clone(), browser_lang.clone());
        use_effect_with((), move |_| {
            prefs.set(Prefs::parse(platform::storage_get(PREFS_KEY).as_deref()));
            browser_lang.set(platform::browser_lang());
        });
    }
    {
        let (prefs, first) = (prefs.clone(), use_mut_ref(|| true));
        use_effect_with((page_lang, page_theme), move |(lang, theme)| {
            if !first.replace(false) {
                prefs.set(Prefs {
                    lang: *lang,
                    theme: *theme,
                    ..*prefs
                });
            }
        });
    }
    let choose = use_callback(prefs.clone(), |next: Prefs, prefs| {
        platform::storage_set(PREFS_KEY, &next.to_json());
        prefs.set(next);
    });
    PrefsHandle {
        prefs: *prefs,
        lang: prefs
            .lang
            .or(page_lang)
            .or(*browser_lang)
            .unwrap_or_default(),
        theme: prefs.theme.or(page_theme).unwrap_or_default(),
        choose,
    }
}
