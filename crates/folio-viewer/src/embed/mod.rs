//! `<folio-viewer>`: the viewer as a custom element for any host page.
//!
//! The element is defined from Rust: a tiny JS class (wasm-bindgen `inline_js`, since a custom
//! element must be a JS class) forwards its lifecycle to Rust closures. Each element gets an open
//! shadow root with Folio's stylesheet and its own Yew app, held by the [`ViewerHandle`] the
//! element keeps — no registry, no global state, so any number of viewers live on one page.
//! Attribute parsing is pure ([`ElementConfig::from_attributes`]) and tested natively.

use folio_core::catalogue::{PAGE_SIZE, PAGE_SIZES};

use crate::hooks::Routing;
use folio_core::i18n::Lang;
use folio_core::prefs::Theme;
use folio_core::route::{ListState, Route};

/// The element's tag name.
pub const TAG: &str = "folio-viewer";

/// The attributes the element watches; a change to any of them updates the viewer.
pub const OBSERVED: [&str; 10] = [
    "src",
    "article",
    "channel",
    "q",
    "page-size",
    "lang",
    "theme",
    "share",
    "routing",
    "base-url",
];

/// A viewer's settings, read from its element's attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElementConfig {
    /// `src`: the data file's URL; the bundled demo data when `None`.
    pub src: Option<String>,
    /// `article`, or `channel` with `q`: the view to open.
    pub start: Option<Route>,
    /// `page-size`, clamped to 1–200.
    pub page_size: usize,
    /// `lang`: `zh-CN` or `en`; `None` leaves it to the reader's choice or browser (else zh-CN).
    pub lang: Option<Lang>,
    /// `theme`: `light`, `dark` or `auto`; `None` leaves it to the reader's choice (else auto).
    pub theme: Option<Theme>,
    /// `share`: share targets in order.
    pub share: Option<String>,
    /// `routing`: `none` (default) or `hash`.
    pub routing: Routing,
    /// `base-url`: the address shared links start with.
    pub base_url: Option<String>,
}

impl ElementConfig {
    /// Reads the settings; `attribute(name)` gives an attribute's value when it is present.
    /// Blank values count as absent, and values that make no sense fall back to the default.
    pub fn from_attributes(attribute: impl Fn(&str) -> Option<String>) -> ElementConfig {
        let get = |name: &str| {
            attribute(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let start = match (get("article"), get("channel"), get("q")) {
            (Some(id), _, _) => Some(Route::article(&id)),
            (None, None, None) => None,
            (None, channel, q) => Some(Route::List(ListState {
                channel,
                q: q.unwrap_or_default()
                    .chars()
                    .take(folio_core::route::MAX_QUERY_CHARS)
                    .collect(),
                page: 1,
                ..ListState::default()
            })),
        };
        ElementConfig {
            src: get("src"),
            start,
            page_size: get("page-size")
                .and_then(|n| n.parse::<usize>().ok())
                .map_or(PAGE_SIZE, |n| {
                    n.clamp(*PAGE_SIZES.start(), *PAGE_SIZES.end())
                }),
            lang: get("lang").and_then(|l| Lang::from_tag(&l)),
            theme: get("theme").and_then(|t| Theme::from_key(&t)),
            share: get("share"),
            routing: get("routing").map_or(Routing::None, |r| Routing::from_key(&r)),
            base_url: get("base-url"),
        }
    }
}

/// The detail of a `folio-navigate` event: `view` (`list`, `article` or `not-found`), `article`
/// (the id, for an article), `channel` and `q` (for a list).
pub fn navigate_detail(route: &Route) -> Vec<(&'static str, Option<String>)> {
    match route {
        Route::List(state) => vec![
            ("view", Some("list".to_owned())),
            ("article", None),
            ("channel", state.channel.clone()),
            ("q", Some(state.q.clone())),
        ],
        Route::Article { id } => vec![
            ("view", Some("article".to_owned())),
            ("article", Some(id.clone())),
        ],
        Route::Unknown { .. } => vec![("view", Some("not-found".to_owned())), ("article", None)],
    }
}

#[cfg(target_arch = "wasm32")]
pub use element::{define, ViewerHandle};

#[cfg(target_arch = "wasm32")]
mod element {
    use std::rc::Rc;

    use wasm_bindgen::prelude::*;
    use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};
    use yew::{AppHandle, AttrValue, Callback};

    use super::{navigate_detail, ElementConfig, OBSERVED, TAG};
    use crate::app::{App, AppProps};
    use crate::hooks::DataSource;
    use folio_core::route::Route;
    use folio_core::share::Target;

    #[wasm_bindgen(inline_js = r#"
export function define_element(tag, observed, connect) {
  if (customElements.get(tag)) return;
  customElements.define(tag, class extends HTMLElement {
    static get observedAttributes() { return observed; }
    connectedCallback() { if (!this.folio) this.folio = connect(this); }
    disconnectedCallback() {
      // Moving an element within the page disconnects and reconnects it in one task: keep the
      // viewer then, and free it only when the element is really gone.
      queueMicrotask(() => { if (!this.isConnected && this.folio) { this.folio.free(); this.folio = null; } });
    }
    attributeChangedCallback(name, before, after) { if (this.folio && before !== after) this.folio.update(); }
  });
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
        assets: Rc<str>,
        app: Option<AppHandle<App>>,
    }

    #[wasm_bindgen]
    impl ViewerHandle {
        /// Re-reads the attributes and updates the viewer.
        pub fn update(&mut self) {
            let props = props(&self.element, &self.assets);
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

    fn props(element: &HtmlElement, assets: &str) -> AppProps {
        let config = ElementConfig::from_attributes(|name| element.get_attribute(name));
        let source = match config.src {
            Some(src) => DataSource::Url(src.into()),
            None => DataSource::Url(format!("{assets}articles.json").into()),
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
    fn connect(element: HtmlElement, assets: Rc<str>, styles: &str) -> JsValue {
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
            yew::Renderer::<App>::with_root_and_props(root, props(&element, &assets)).render();
        JsValue::from(ViewerHandle {
            element,
            assets,
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

    /// Defines `<folio-viewer>`. `assets` is the folder `folio.js` was loaded from (with a
    /// trailing slash): the bundled demo data is found there, whatever page embeds it. `styles`
    /// is Folio's stylesheet, which `folio.js` fetches from there too (it is kept out of the
    /// Wasm), for each viewer's shadow root.
    #[wasm_bindgen(js_name = defineFolioViewer)]
    pub fn define(assets: String, styles: String) {
        let assets: Rc<str> = Rc::from(assets);
        let connect =
            Closure::<dyn Fn(HtmlElement) -> JsValue>::new(move |element: HtmlElement| {
                connect(element, assets.clone(), &styles)
            });
        let observed: js_sys::Array = OBSERVED
            .iter()
            .map(|name| JsValue::from_str(name))
            .collect();
        define_element(TAG, observed, &connect);
        // The definition lives as long as the page.
        connect.forget();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> ElementConfig {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ElementConfig::from_attributes(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_without_attributes() {
        let c = config(&[]);
        assert_eq!(c.src, None);
        assert_eq!(c.start, None);
        assert_eq!(c.page_size, 20);
        assert_eq!(c.lang, None);
        assert_eq!(c.theme, None);
        assert_eq!(c.routing, Routing::None);
        assert_eq!(c.share, None);
    }

    #[test]
    fn every_attribute_is_read() {
        let c = config(&[
            ("src", " data/news.json "),
            ("channel", "lc-news"),
            ("q", "质量"),
            ("page-size", "5"),
            ("lang", "en"),
            ("theme", "dark"),
            ("share", "wechat,copy"),
            ("routing", "HASH"),
            ("base-url", "https://news.example.cn/"),
        ]);
        assert_eq!(c.src.as_deref(), Some("data/news.json"));
        assert_eq!(
            c.start,
            Some(Route::List(ListState {
                channel: Some("lc-news".into()),
                q: "质量".into(),
                page: 1,
                ..ListState::default()
            }))
        );
        assert_eq!(
            (c.page_size, c.lang, c.theme, c.routing),
            (5, Some(Lang::En), Some(Theme::Dark), Routing::Hash)
        );
        assert_eq!(c.share.as_deref(), Some("wechat,copy"));
        assert_eq!(c.base_url.as_deref(), Some("https://news.example.cn/"));
        assert_eq!(
            config(&[("article", "a-1"), ("channel", "x")]).start,
            Some(Route::article("a-1")),
            "article wins"
        );
    }

    #[test]
    fn nonsense_falls_back() {
        let c = config(&[
            ("page-size", "0"),
            ("lang", "fr"),
            ("theme", "neon"),
            ("routing", "history"),
            ("src", "  "),
        ]);
        assert_eq!(
            (c.page_size, c.lang, c.theme, c.routing, c.src),
            (1, None, None, Routing::None, None)
        );
        assert_eq!(config(&[("page-size", "99999")]).page_size, 200);
        assert_eq!(config(&[("page-size", "-3")]).page_size, 20);
        assert_eq!(config(&[("theme", "AUTO")]).theme, Some(Theme::Auto));
    }

    #[test]
    fn navigate_details() {
        assert_eq!(
            navigate_detail(&Route::article("a")),
            [
                ("view", Some("article".into())),
                ("article", Some("a".into()))
            ]
        );
        assert_eq!(
            navigate_detail(&Route::default())[0],
            ("view", Some("list".into()))
        );
        assert_eq!(
            navigate_detail(&Route::Unknown { path: "x".into() })[0],
            ("view", Some("not-found".into()))
        );
    }
}
