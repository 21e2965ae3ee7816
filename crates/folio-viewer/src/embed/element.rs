//! The custom element itself (browser only): a tiny JS class forwards the element's lifecycle to
//! Rust; each element gets an open shadow root, Folio's stylesheet and its own Yew app.

use std::rc::Rc;

use folio_core::route::Route;
use folio_core::share::Target;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};
use yew::{AppHandle, AttrValue, Callback};

use super::config::{navigate_detail, ElementConfig, OBSERVED, TAG};
use crate::app::{App, AppProps};
use crate::hooks::DataSource;

#[wasm_bindgen(inline_js = r#"
export function define_element(tag, observed, connect) {
  if (customElements.get(tag)) return;
  const Viewer = class extends HTMLElement {
    static get observedAttributes() { return observed; }
    connectedCallback() { if (!this.folio) this.folio = connect(this); }
    disconnectedCallback() {
      // Moving an element within the page disconnects and reconnects it in one task: keep the
      // viewer then, and free it only when the element is really gone.
      queueMicrotask(() => { if (!this.isConnected && this.folio) { this.folio.free(); this.folio = null; } });
    }
    attributeChangedCallback(name, before, after) { if (this.folio && before !== after) this.folio.update(); }
  };
  // Each attribute is also a property (page-size as pageSize), reflecting it: null removes it.
  // `lang` is HTMLElement's own.
  for (const name of observed) {
    const property = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (property in HTMLElement.prototype) continue;
    Object.defineProperty(Viewer.prototype, property, {
      configurable: true,
      get() { return this.getAttribute(name); },
      set(value) { if (value == null) this.removeAttribute(name); else this.setAttribute(name, String(value)); },
    });
  }
  customElements.define(tag, Viewer);
}
"#)]
extern "C" {
    fn define_element(
        tag: &str,
        observed: js_sys::Array,
        connect: &Closure<dyn Fn(HtmlElement) -> JsValue>,
    );
}

/// One viewer: its element and its Yew app. The element holds it; dropping it (when the
/// element leaves the page) destroys the app and its listeners.
#[wasm_bindgen]
pub struct ViewerHandle {
    element: HtmlElement,
    /// The `src` of a viewer without one.
    default_src: Rc<str>,
    app: Option<AppHandle<App>>,
}

#[wasm_bindgen]
impl ViewerHandle {
    /// Re-reads the attributes and updates the viewer.
    pub fn update(&mut self) {
        let props = props(&self.element, &self.default_src);
        if let Some(app) = self.app.as_mut() {
            app.update(props);
        }
    }
}

impl Drop for ViewerHandle {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

fn props(element: &HtmlElement, default_src: &str) -> AppProps {
    let config = ElementConfig::from_attributes(|name| element.get_attribute(name));
    let source = match config.src {
        Some(src) => DataSource::Url(src.into()),
        // The demo data beside the build: a data file, or in the packed build its archive.
        None => DataSource::Url(AttrValue::from(default_src.to_owned())),
    };
    let on_navigate = {
        let element = element.clone();
        Callback::from(move |route: Route| {
            dispatch(&element, "folio-navigate", &navigate_detail(&route))
        })
    };
    let on_share = {
        let element = element.clone();
        Callback::from(move |(target, url): (Target, String)| {
            let detail = [
                ("target", Some(target.key().to_owned())),
                ("url", Some(url)),
            ];
            dispatch(&element, "folio-share", &detail);
        })
    };
    yew::props!(AppProps {
        source,
        // The element's documented default is zh-CN, whatever the browser prefers.
        lang: Some(config.lang.unwrap_or_default()),
        page_size: config.page_size,
        share: config.share.map(AttrValue::from),
        base_url: config.base_url.map(AttrValue::from),
        routing: config.routing,
        start: config.start,
        theme: config.theme,
        on_navigate: Some(on_navigate),
        on_share: Some(on_share),
    })
}

/// Fires a bubbling, composed `CustomEvent` on the element, so the host sees it anywhere.
fn dispatch(element: &HtmlElement, name: &str, detail: &[(&str, Option<String>)]) {
    let object = js_sys::Object::new();
    for (key, value) in detail {
        let value = value.as_deref().map_or(JsValue::NULL, JsValue::from_str);
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&object, &(*key).into(), &value);
    }
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&object);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = element.dispatch_event(&event);
    }
}

/// Builds a viewer inside a (new or reused) open shadow root of the element.
fn connect(element: HtmlElement, default_src: Rc<str>, styles: &str) -> JsValue {
    let shadow = element.shadow_root().or_else(|| {
        let init = ShadowRootInit::new(ShadowRootMode::Open);
        element.attach_shadow(&init).ok()
    });
    let Some(shadow) = shadow else {
        return JsValue::NULL;
    };
    shadow.set_inner_html("");
    adopt_styles(&shadow, styles);
    let Ok(root) = gloo::utils::document().create_element("div") else {
        return JsValue::NULL;
    };
    let _ = root.set_attribute("class", "folio-host");
    let _ = shadow.append_child(&root);
    let app =
        yew::Renderer::<App>::with_root_and_props(root, props(&element, &default_src)).render();
    JsValue::from(ViewerHandle {
        element,
        default_src,
        app: Some(app),
    })
}

/// Gives the shadow root Folio's stylesheet as a constructed sheet: no `<style>` element, so
/// a strict `style-src 'self'` policy allows it.
fn adopt_styles(shadow: &web_sys::ShadowRoot, styles: &str) {
    let Ok(sheet) = web_sys::CssStyleSheet::new() else {
        return;
    };
    sheet.replace_sync(styles).ok();
    let sheets = js_sys::Array::of1(&sheet);
    let _ = js_sys::Reflect::set(shadow, &"adoptedStyleSheets".into(), &sheets);
}

/// Defines `<folio-viewer>`. `default_src` is the `src` of a viewer without one: the bundled
/// demo data beside `folio.js` (its URL, resolved there, so any page that embeds it finds it).
/// `styles` is Folio's stylesheet, which `folio.js` fetches from there too (it is kept out of
/// the Wasm), for each viewer's shadow root.
#[wasm_bindgen(js_name = defineFolioViewer)]
pub fn define(default_src: String, styles: String) {
    let default_src: Rc<str> = Rc::from(default_src);
    let connect = Closure::<dyn Fn(HtmlElement) -> JsValue>::new(move |element: HtmlElement| {
        connect(element, default_src.clone(), &styles)
    });
    let observed: js_sys::Array = OBSERVED
        .iter()
        .map(|name| JsValue::from_str(name))
        .collect();
    define_element(TAG, observed, &connect);
    // The definition lives as long as the page.
    connect.forget();
}
