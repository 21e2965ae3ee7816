//! Folio's viewer: the Yew app that shows a news site's articles, and the `<folio-viewer>`
//! custom element that embeds it in any page.
//!
//! [`App`] chooses the view; [`hooks`] hold every side effect, reaching the browser only
//! through [`platform`] (a browser and a native implementation), so the same components render
//! in the browser (`csr`, `hydration`) and natively to HTML (`ssr`). The rules — loading,
//! search, routes, messages — live in `folio-core`.

#[cfg(not(any(feature = "whole", feature = "packed")))]
compile_error!(
    "folio-viewer needs the `whole` feature (data files), `packed` (packed archives) or both"
);

pub mod app;
pub mod components;
pub mod context;
pub mod embed;
pub mod hooks;
pub mod library;
pub mod platform;

pub use app::{App, AppProps};
pub use folio_core::Lang;
pub use hooks::{DataSource, Routing};

/// Mounts a viewer into `root` with the given props.
#[cfg(feature = "csr")]
pub fn mount(root: web_sys::Element, props: AppProps) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root_and_props(root, props).render()
}
