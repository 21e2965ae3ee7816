//! Folio's viewer: the Yew app that shows a news site's articles, and the `<folio-viewer>`
//! custom element that embeds it in any page.
//!
//! [`App`] chooses the view; [`hooks`] hold every side effect, reaching the browser only
//! through [`platform`] (a browser and a native implementation), so the same components render
//! in the browser (`csr`, `hydration`) and natively to HTML (`ssr`). The rules — loading,
//! search, routes, messages — live in `folio-core`.
//!
//! # In a Yew app
//!
//! Add the crate (`folio-viewer = { version = "0.1", default-features = false, features =
//! ["csr", "whole"] }`; `packed` to read packed archives too) and render [`FolioViewer`] like
//! any component. Its typed props ([`FolioViewerProps`]) are the source of the articles, the
//! interface language, the theme, the share targets, who owns the URL, and callbacks for the
//! views the reader opens and the links they share. Folio's stylesheets (`styles/` in the
//! repository) go in the page, as `examples/yew-app/index.html` shows.
//!
//! ```
//! use folio_viewer::{DataSource, FolioViewer, Lang, Route, Routing, Target, Theme};
//! use yew::prelude::*;
//!
//! #[component]
//! fn CityNews() -> Html {
//!     let opened = use_state(|| None::<String>);
//!     let on_navigate = {
//!         let opened = opened.clone();
//!         Callback::from(move |route: Route| {
//!             if let Route::Article { id } = route {
//!                 opened.set(Some(id));
//!             }
//!         })
//!     };
//!     let on_share = Callback::from(|(target, url): (Target, String)| {
//!         gloo::console::log!("shared to", target.key(), url);
//!     });
//!     html! {
//!         <FolioViewer
//!             source={DataSource::Url("/news/articles.json".into())}
//!             lang={Some(Lang::En)}
//!             theme={Some(Theme::Light)}
//!             share={Some(AttrValue::from("wechat,weibo,copy"))}
//!             routing={Routing::None}
//!             page_size={10}
//!             {on_navigate}
//!             {on_share}
//!         />
//!     }
//! }
//! # // Rendered natively here: the same component the browser runs.
//! # #[cfg(not(target_arch = "wasm32"))]
//! # {
//! #     let html = futures::executor::block_on(yew::LocalServerRenderer::<CityNews>::new().render());
//! #     assert!(html.contains("folio-app"), "{html}");
//! # }
//! ```

#[cfg(not(any(feature = "whole", feature = "packed")))]
compile_error!(
    "folio-viewer needs the `whole` feature (data files), `packed` (packed archives) or both"
);

pub mod app;
pub mod components;
pub mod context;
#[cfg(feature = "embed")]
pub mod embed;
pub mod hooks;
pub mod library;
pub mod platform;

pub use app::{App, AppProps};
pub use folio_core::prefs::Theme;
pub use folio_core::route::Route;
pub use folio_core::share::Target;
pub use folio_core::Lang;
pub use hooks::{DataSource, LoadedData, Routing};

/// The viewer as a component of a Yew app (the same component as [`App`]).
pub type FolioViewer = App;
/// The props of [`FolioViewer`].
pub type FolioViewerProps = AppProps;

/// Mounts a viewer into `root` with the given props.
#[cfg(feature = "csr")]
pub fn mount(root: web_sys::Element, props: AppProps) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root_and_props(root, props).render()
}
