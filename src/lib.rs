//! Folio: a Rust/WebAssembly article viewer for news sites.
//!
//! The pure layers (`model`, `load`, `catalogue`, `route`, `i18n`) have no browser code and are
//! tested natively; `components` and `browser` render and talk to the page.

pub mod catalogue;
pub mod i18n;
pub mod load;
pub mod model;
pub mod route;
