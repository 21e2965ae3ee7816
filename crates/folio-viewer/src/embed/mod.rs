//! `<folio-viewer>`: the viewer as a custom element for any host page.
//!
//! The element is defined from Rust: a tiny JS class (wasm-bindgen `inline_js`, since a custom
//! element must be a JS class) forwards its lifecycle to Rust closures. Each element gets an open
//! shadow root with Folio's stylesheet and its own Yew app, held by the [`ViewerHandle`] the
//! element keeps — no registry, no global state, so any number of viewers live on one page.
//! Attribute parsing is pure ([`ElementConfig::from_attributes`]) and tested natively.

mod config;
#[cfg(target_arch = "wasm32")]
mod element;

pub use config::{navigate_detail, ElementConfig, OBSERVED, TAG};
#[cfg(target_arch = "wasm32")]
pub use element::{define, ViewerHandle};
