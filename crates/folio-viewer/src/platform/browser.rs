//! The browser side of the platform layer: thin wrappers over the calls Folio makes (fetch,
//! location and history, scrolling, the document title, focus, the clipboard, storage).

use folio_core::i18n::Lang;
use folio_core::Error;
use gloo::utils::{document, window};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The key under which Folio keeps the list's scroll position in `history.state`.
const SCROLL_KEY: &str = "folioScrollY";

/// Fetches a file's bytes with the browser's normal caching (the host's cache headers decide how
/// soon a swapped `articles.json` is seen), so the page's `<link rel="preload">` of the demo data
/// is reused instead of fetched twice; or, when `fresh`, past any cache: the browser asks the
/// server whether its copy is still the file (a `304` costs a few bytes), as for an archive's
/// manifest after a deploy. Bytes, not text: the browser would decode a GBK file with
/// replacement characters, where the loader names its encoding instead.
pub async fn fetch_bytes(url: &str, fresh: bool) -> Result<Vec<u8>, Error> {
    // The window's fetch, straight from web-sys (a client library adds nothing a GET needs).
    let fetch = if fresh {
        let init = web_sys::RequestInit::new();
        init.set_cache(web_sys::RequestCache::NoCache);
        window().fetch_with_str_and_init(url, &init)
    } else {
        window().fetch_with_str(url)
    };
    bytes_of(url, fetch).await
}

#[cfg(feature = "whole")]
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export function fold_url() {
  try { return new URL('../../fold.txt', import.meta.url).href; } catch { return ''; }
}
"#)]
extern "C" {
    /// The search's folding table beside the viewer's files: this snippet is in
    /// `snippets/NAME/`, and a bundler ships the file it names. Empty where the snippet has no
    /// address of its own (the single file's `data:` modules).
    fn fold_url() -> String;
}

/// Fetches and loads the search's folding table (`folio_core::variants`), served beside the
/// viewer as `fold.txt`, unless it is loaded: a whole catalogue's first query beyond ASCII asks
/// for it, and its index is built again with it. Without it (a host that left it out), each
/// form of a character is searched apart.
#[cfg(feature = "whole")]
pub fn fold_table() -> impl std::future::Future<Output = ()> {
    let url = fold_url();
    let wanted = !folio_core::variants::loaded() && !url.is_empty();
    let fetch = wanted.then(|| window().fetch_with_str(&url));
    async move {
        let Some(fetch) = fetch else { return };
        if let Ok(bytes) = bytes_of(&url, fetch).await {
            let text = String::from_utf8_lossy(&bytes);
            let _ = folio_core::variants::install(&text);
        }
    }
}

/// The body of a fetch's response, or the error naming `url`.
async fn bytes_of(url: &str, fetch: js_sys::Promise) -> Result<Vec<u8>, Error> {
    let network = || Error::Network {
        url: url.to_owned(),
    };
    let response: web_sys::Response = JsFuture::from(fetch)
        .await
        .and_then(JsCast::dyn_into)
        .map_err(|_| network())?;
    if !response.ok() {
        return Err(Error::Http {
            url: url.to_owned(),
            status: response.status(),
        });
    }
    let buffer = response.array_buffer().map_err(|_| network())?;
    let buffer = JsFuture::from(buffer).await.map_err(|_| network())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Resolves in a later task (`setTimeout(0)`), letting the browser handle input and paint in
/// between: long start-up work split this way blocks the page for shorter stretches.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if window().set_timeout_with_callback(&resolve).is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// `location.hash`, or empty when it cannot be read.
pub fn location_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The page address without its fragment, so a hash route can be appended.
pub fn page_address() -> String {
    let href = window().location().href().unwrap_or_default();
    match href.split_once('#') {
        Some((before, _)) => before.to_owned(),
        None => href,
    }
}

/// Takes over scroll restoration, so Back lands where the reader was and not where the
/// browser guesses before Folio has rendered the list again.
pub fn take_over_scroll_restoration() {
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
}

/// Stores the current scroll position in the current history entry.
pub fn remember_scroll() {
    let Ok(history) = window().history() else {
        return;
    };
    let state = js_sys::Object::new();
    let y = window().scroll_y().unwrap_or(0.0);
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&state, &SCROLL_KEY.into(), &y.into());
    let _ = history.replace_state(&state, "");
}

/// The scroll position stored in a history state, if any.
pub fn scroll_in_state(state: &JsValue) -> Option<f64> {
    if !state.is_object() {
        return None;
    }
    js_sys::Reflect::get(state, &SCROLL_KEY.into())
        .ok()?
        .as_f64()
}

/// The scroll position stored in the current history entry (after a reload).
pub fn current_state_scroll() -> Option<f64> {
    let state = window().history().ok()?.state().ok()?;
    scroll_in_state(&state)
}

/// Adds a history entry for `url` (a hash, or a path) without a `hashchange` or a load, so
/// Folio renders once.
pub fn push_url(url: &str) {
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// Replaces the current history entry's URL with `url`, keeping its state.
pub fn replace_url(url: &str) {
    if let Ok(history) = window().history() {
        let state = history.state().unwrap_or(JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(url));
    }
}

/// The address's path and query below `root` (an absolute path such as `/news/`), as
/// [`folio_core::route::Route::parse_path`] reads it; the whole path when it is elsewhere.
pub fn location_below(root: &str) -> String {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let query = location.search().unwrap_or_default();
    let below = path.strip_prefix(root).unwrap_or(&path);
    format!("{below}{query}")
}

/// Scrolls the window to a vertical position.
pub fn scroll_to(y: f64) {
    window().scroll_to_with_x_and_y(0.0, y);
}

/// Scrolls an element's top into view when it is above the viewport (and only then).
pub fn scroll_into_view_if_above(element: &web_sys::Element) {
    if element.get_bounding_client_rect().top() < 0.0 {
        element.scroll_into_view();
    }
}

/// Resolves after `ms` milliseconds (a `setTimeout`).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .is_err()
        {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Scrolls an element into view only as far as needed (`block: nearest`).
pub fn keep_in_view(element: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Sets `document.title`.
pub fn set_title(title: &str) {
    document().set_title(title);
}

/// Moves focus to an element without scrolling to it (the scroll position is restored
/// separately), so keyboard and screen-reader users land on the new view.
pub fn focus_quietly(element: &web_sys::Element) {
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}

/// Copies text: the Clipboard API where the page may use it, else a hidden text area and
/// `execCommand("copy")` (older browsers, plain-HTTP pages).
pub async fn copy_text(text: &str) -> bool {
    let navigator = window().navigator();
    // `navigator.clipboard` is undefined outside secure contexts, so look before calling.
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .map(|value| !value.is_undefined() && !value.is_null())
        .unwrap_or(false);
    if has_clipboard
        && JsFuture::from(navigator.clipboard().write_text(text))
            .await
            .is_ok()
    {
        return true;
    }
    copy_with_text_area(text)
}

fn copy_with_text_area(text: &str) -> bool {
    let document = document();
    let Some(body) = document.body() else {
        return false;
    };
    let Ok(area) = document.create_element("textarea") else {
        return false;
    };
    let Ok(area) = area.dyn_into::<web_sys::HtmlTextAreaElement>() else {
        return false;
    };
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("aria-hidden", "true");
    area.set_class_name("folio-offscreen");
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let copied = document
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|html| html.exec_command("copy").ok())
        .unwrap_or(false);
    area.remove();
    copied
}

/// Calls a method of `navigator` by name with one argument, if the browser has it.
fn navigator_call(method: &str, argument: &JsValue) -> Option<JsValue> {
    let navigator = window().navigator();
    let function = js_sys::Reflect::get(&navigator, &method.into()).ok()?;
    let function = function.dyn_into::<js_sys::Function>().ok()?;
    function.call1(&navigator, argument).ok()
}

fn share_data(url: &str, title: &str, text: &str) -> JsValue {
    let data = js_sys::Object::new();
    // Setting properties on a fresh plain object cannot fail.
    for (key, value) in [("url", url), ("title", title), ("text", text)] {
        let _ = js_sys::Reflect::set(&data, &key.into(), &value.into());
    }
    data.into()
}

/// True when the system share sheet can share this link (`navigator.canShare`; it needs a
/// secure context and a browser that has one).
pub fn can_share(url: &str, title: &str) -> bool {
    navigator_call("canShare", &share_data(url, title, "")).is_some_and(|answer| answer.is_truthy())
}

/// Opens the system share sheet; false when the reader cancelled or the browser refused.
pub async fn share(url: &str, title: &str, text: &str) -> bool {
    let Some(promise) = navigator_call("share", &share_data(url, title, text)) else {
        return false;
    };
    match promise.dyn_into::<js_sys::Promise>() {
        Ok(promise) => JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}

/// Opens the print dialog.
pub fn print() {
    let _ = window().print();
}

/// A value from `localStorage`; `None` when absent or when storage is blocked (private modes,
/// sandboxed frames and disabled storage throw, which is treated as empty).
pub fn storage_get(key: &str) -> Option<String> {
    window()
        .local_storage()
        .ok()
        .flatten()?
        .get_item(key)
        .ok()
        .flatten()
}

/// Stores a value in `localStorage`; a full or blocked storage is ignored (the preference then
/// lasts for this visit only).
pub fn storage_set(key: &str, value: &str) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(key, value);
    }
}

/// The browser's preferred interface language, when Folio has it.
pub fn browser_lang() -> Option<Lang> {
    window()
        .navigator()
        .language()
        .and_then(|tag| Lang::from_tag(&tag))
}

/// The browser's speech synthesis, where it has one.
fn synthesis() -> Option<web_sys::SpeechSynthesis> {
    window()
        .speech_synthesis()
        .ok()
        .filter(|s| !AsRef::<JsValue>::as_ref(s).is_undefined())
}

/// The voices the system offers, as the browser lists them now (some list none until their
/// `voiceschanged` event: ask again a little later); `None` where the browser cannot speak.
pub fn voices() -> Option<Vec<folio_core::speech::Voice>> {
    let list = synthesis()?.get_voices();
    Some(
        list.iter()
            .map(|voice| {
                // Unchecked: a voice is whatever the browser's list holds.
                let voice: web_sys::SpeechSynthesisVoice = voice.unchecked_into();
                folio_core::speech::Voice {
                    lang: voice.lang(),
                    local: voice.local_service(),
                    default: voice.default(),
                }
            })
            .collect(),
    )
}

/// What is being read: its utterances and the handlers they call, kept alive while they can
/// fire.
struct Reading {
    utterances: Vec<web_sys::SpeechSynthesisUtterance>,
    _handlers: Vec<wasm_bindgen::closure::Closure<dyn FnMut(JsValue)>>,
}

thread_local! {
    static READING: std::cell::RefCell<Option<Reading>> = const { std::cell::RefCell::new(None) };
}

/// Reads `pieces` (each with the number of the block it belongs to) aloud in `lang` with the
/// system's voice number `voice` (else the browser's choice for the language), after stopping anything being read; `told` hears each
/// block as its first piece starts, then the end, or a failure.
pub fn speak(
    pieces: Vec<(usize, String)>,
    lang: &str,
    voice: Option<usize>,
    told: yew::Callback<super::Spoken>,
) {
    use super::Spoken;
    use wasm_bindgen::closure::Closure;

    speech_stop();
    let Some(synthesis) = synthesis() else {
        told.emit(Spoken::Failed);
        return;
    };
    let voice: Option<web_sys::SpeechSynthesisVoice> =
        voice.map(|at| synthesis.get_voices().get(at as u32).unchecked_into());
    let mut reading = Reading {
        utterances: Vec::new(),
        _handlers: Vec::new(),
    };
    let last = pieces.len().saturating_sub(1);
    let mut previous = None;
    for (at, (block, text)) in pieces.into_iter().enumerate() {
        let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(&text) else {
            continue;
        };
        utterance.set_lang(lang);
        utterance.set_voice(voice.as_ref());
        if previous != Some(block) {
            let told = told.clone();
            let start =
                Closure::<dyn FnMut(JsValue)>::new(move |_| told.emit(Spoken::Block(block)));
            utterance.set_onstart(Some(start.as_ref().unchecked_ref()));
            reading._handlers.push(start);
        }
        previous = Some(block);
        if at == last {
            let told = told.clone();
            let end = Closure::<dyn FnMut(JsValue)>::new(move |_| told.emit(Spoken::Done));
            utterance.set_onend(Some(end.as_ref().unchecked_ref()));
            reading._handlers.push(end);
        }
        let told = told.clone();
        let error = Closure::<dyn FnMut(JsValue)>::new(move |_| told.emit(Spoken::Failed));
        utterance.set_onerror(Some(error.as_ref().unchecked_ref()));
        reading._handlers.push(error);
        reading.utterances.push(utterance);
    }
    for utterance in &reading.utterances {
        synthesis.speak(utterance);
    }
    READING.with(|r| *r.borrow_mut() = Some(reading));
}

/// Pauses the reading.
pub fn speech_pause() {
    if let Some(synthesis) = synthesis() {
        synthesis.pause();
    }
}

/// Resumes a paused reading.
pub fn speech_resume() {
    if let Some(synthesis) = synthesis() {
        synthesis.resume();
    }
}

/// Stops the reading: its handlers are taken off first, so the cancelled utterances tell
/// nobody, then they are dropped.
pub fn speech_stop() {
    let Some(reading) = READING.with(|r| r.borrow_mut().take()) else {
        return;
    };
    for utterance in &reading.utterances {
        utterance.set_onstart(None);
        utterance.set_onend(None);
        utterance.set_onerror(None);
    }
    if let Some(synthesis) = synthesis() {
        synthesis.cancel();
    }
}
