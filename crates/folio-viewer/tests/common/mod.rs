//! Helpers shared by the browser tests: mount a viewer into a fresh element at a given URL hash,
//! wait for the DOM (by condition, never a fixed time) and read it back.

#![allow(dead_code)]

use std::rc::Rc;

use folio_viewer::{App, AppProps, DataSource, Lang};
use gloo::utils::{document, window};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::AppHandle;

/// The bundled demo data, exactly as shipped.
pub const DEMO: &str = include_str!("../../../../data/articles.json");
/// The seed article's id in the demo data.
pub const SEED_ID: &str = "20150615-zhiliang-qiangshi";

/// A mounted viewer; unmounts and removes its element when dropped.
pub struct Mounted {
    pub root: Element,
    handle: Option<AppHandle<App>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

impl Mounted {
    /// The first element matching `selector` inside the viewer.
    pub fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).ok().flatten()
    }

    /// The first match, or a test failure naming the selector.
    pub fn get(&self, selector: &str) -> Element {
        self.find(selector).unwrap_or_else(|| {
            panic!(
                "no element matches {selector}; DOM: {}",
                self.root.inner_html()
            )
        })
    }

    /// Every match.
    pub fn all(&self, selector: &str) -> Vec<Element> {
        let list = self
            .root
            .query_selector_all(selector)
            .expect("valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .collect()
    }

    /// Text of the first match.
    pub fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    /// Clicks the first match.
    pub fn click(&self, selector: &str) {
        self.get(selector)
            .dyn_into::<HtmlElement>()
            .expect("an HTML element")
            .click();
    }
}

/// Sets the URL hash without firing `hashchange` (so no other viewer reacts).
pub fn set_hash(hash: &str) {
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash))
        .unwrap();
}

/// Mounts a viewer with inline data at `hash` and waits until it has rendered its view.
pub async fn mount(hash: &str, data: &str, lang: Lang) -> Mounted {
    set_hash(hash);
    let props = yew::props!(AppProps {
        source: DataSource::Inline(Rc::from(data)),
        lang: Some(lang),
    });
    mount_with(props).await
}

/// Mounts a viewer with the given props (the URL hash set beforehand) and waits for it. Stored
/// preferences and read markers of earlier tests are cleared first.
pub async fn mount_with(props: AppProps) -> Mounted {
    if let Ok(Some(storage)) = window().local_storage() {
        storage.clear().unwrap();
    }
    mount_keeping_storage(props).await
}

/// Mounts a viewer like [`mount_with`], but over whatever `localStorage` holds (a reload, or
/// storage a test has prepared).
pub async fn mount_keeping_storage(props: AppProps) -> Mounted {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = folio_viewer::mount(root.clone(), props);
    let mounted = Mounted {
        root,
        handle: Some(handle),
    };
    settle().await;
    mounted
}

/// Lets Yew finish every pending render, and what the viewer leaves for its next task (the
/// page's address and `data-folio-live` after mounting, so the first render stays short).
pub async fn settle() {
    yew::scheduler::flush().await;
    folio_viewer::platform::next_task().await;
    yew::scheduler::flush().await;
}

/// Waits until `condition` holds, checking after each rendered frame; fails after 5 seconds.
pub async fn wait_for(what: &str, condition: impl Fn() -> bool) {
    let start = js_sys::Date::now();
    loop {
        settle().await;
        if condition() {
            return;
        }
        assert!(
            js_sys::Date::now() - start < 5_000.0,
            "timed out waiting for {what}"
        );
        next_frame().await;
    }
}

async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Types `text` into an input as a keyboard would: sets the value, then fires `input`.
/// With `composing`, the event says an input method is still composing.
pub fn type_into(input: &Element, text: &str, composing: bool) {
    let input: web_sys::HtmlInputElement = input.clone().dyn_into().expect("an input");
    input.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    init.set_is_composing(composing);
    init.set_data(Some(text));
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

/// Ends an input-method composition on an input.
pub fn end_composition(input: &Element, data: &str) {
    let init = web_sys::CompositionEventInit::new();
    init.set_bubbles(true);
    init.set_data(data);
    let event =
        web_sys::CompositionEvent::new_with_event_init_dict("compositionend", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

/// The current `location.hash`.
pub fn hash() -> String {
    window().location().hash().unwrap()
}
