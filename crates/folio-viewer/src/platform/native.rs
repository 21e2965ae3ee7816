//! The native side of the platform layer, for server rendering and native tests: there is no
//! page, so location, history, scrolling, focus and the share sheet do nothing; storage is
//! empty; a fetch reads a local file.

use folio_core::i18n::Lang;
use folio_core::Error;
use wasm_bindgen::JsValue;

/// Reads a local file (a path, or a `file://` URL); any failure is a network error naming it.
/// There is no cache to go past natively.
pub async fn fetch_bytes(url: &str, _fresh: bool) -> Result<Vec<u8>, Error> {
    let path = url.strip_prefix("file://").unwrap_or(url);
    std::fs::read(path).map_err(|_| Error::Network {
        url: url.to_owned(),
    })
}

/// The folding table is compiled in natively.
#[cfg(feature = "whole")]
pub async fn fold_table() {}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Nothing to yield to natively.
pub async fn next_task() {}

/// No time passes natively.
pub async fn sleep(_ms: i32) {}

/// No page to scroll.
pub fn keep_in_view(_element: &web_sys::Element) {}

/// No speech natively.
pub fn voices() -> Option<Vec<folio_core::speech::Voice>> {
    None
}

/// No speech natively: told it failed.
pub fn speak(
    _pieces: Vec<(usize, String)>,
    _lang: &str,
    _voice: Option<usize>,
    told: yew::Callback<super::Spoken>,
) {
    told.emit(super::Spoken::Failed);
}

/// No speech natively.
pub fn speech_pause() {}

/// No speech natively.
pub fn speech_resume() {}

/// No speech natively.
pub fn speech_stop() {}

/// No page, no hash.
pub fn location_hash() -> String {
    String::new()
}

/// No page, no address: shared links use the configured base URL.
pub fn page_address() -> String {
    String::new()
}

/// No history to restore.
pub fn take_over_scroll_restoration() {}

/// No history to remember in.
pub fn remember_scroll() {}

/// No history states natively.
pub fn scroll_in_state(_state: &JsValue) -> Option<f64> {
    None
}

/// No history states natively.
pub fn current_state_scroll() -> Option<f64> {
    None
}

/// No history natively.
pub fn push_url(_url: &str) {}

/// No history natively.
pub fn replace_url(_url: &str) {}

/// No address: the first view.
pub fn location_below(_root: &str) -> String {
    String::new()
}

/// No window to scroll.
pub fn scroll_to(_y: f64) {}

/// No viewport natively.
pub fn scroll_into_view_if_above(_element: &web_sys::Element) {}

/// No document title natively (a pre-rendered page writes its `<title>` itself).
pub fn set_title(_title: &str) {}

/// No focus natively.
pub fn focus_quietly(_element: &web_sys::Element) {}

/// No clipboard natively.
pub async fn copy_text(_text: &str) -> bool {
    false
}

/// No system share sheet natively.
pub fn can_share(_url: &str, _title: &str) -> bool {
    false
}

/// No system share sheet natively.
pub async fn share(_url: &str, _title: &str, _text: &str) -> bool {
    false
}

/// No print dialog natively.
pub fn print() {}

/// No storage natively: every preference is at its default.
pub fn storage_get(_key: &str) -> Option<String> {
    None
}

/// No storage natively.
pub fn storage_set(_key: &str, _value: &str) {}

/// No browser, no browser language.
pub fn browser_lang() -> Option<Lang> {
    None
}
