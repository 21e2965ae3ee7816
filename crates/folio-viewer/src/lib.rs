//! Folio: a Rust/WebAssembly article viewer for news sites.
//!
//! The pure layers (`model`, `load`, `catalogue`, `route`, `i18n`) have no browser code and are
//! tested natively; `browser` and `hooks` hold the side effects; `components` render.

pub mod bench;
pub mod browser;
pub mod catalogue;
pub mod components;
pub mod embed;
pub mod generate;
pub mod hooks;
pub mod i18n;
pub mod load;
pub mod model;
pub mod prefs;
pub mod qr;
pub mod route;
pub mod search;
pub mod share;
pub mod sorting;

// The build script's CSS minifier, here only for its unit tests.
#[cfg(test)]
#[path = "../build/minify_css.rs"]
mod minify_css;

pub use components::app::{App, AppProps};
pub use hooks::DataSource;
pub use i18n::Lang;

/// Mounts a viewer into `root` with the given props.
pub fn mount(root: web_sys::Element, props: AppProps) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root_and_props(root, props).render()
}
