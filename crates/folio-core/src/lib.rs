//! Folio's pure core: everything that needs neither Yew nor a browser, so it runs natively (the
//! `folio` command, server rendering, benchmarks) and in the Wasm viewer alike.
//!
//! Data flows `load` (JSON → validated [`catalogue::Catalogue`] and its [`problem::Problem`]s) →
//! `catalogue` (lists, channel tree, related, neighbours, paging) and `search` (index, query,
//! facets, highlight; `variants` folds traditional Chinese to simplified for it) → the viewer.
//! `route` maps URLs to views, `page` is the contract between a page Folio writes and the viewer
//! that starts in it, `share` and `qr` make share links,
//! `i18n` holds every interface string, `prefs` the reader's stored choices, `speech` what is read
//! aloud and by which voice.

pub mod archive;
pub mod catalogue;
pub mod encoding;
pub mod error;
pub mod generate;
pub mod i18n;
pub mod load;
pub mod model;
pub mod page;
pub mod pinyin;
pub mod prefs;
pub mod problem;
pub mod qr;
pub mod route;
pub mod search;
pub mod share;
pub mod sorting;
pub mod speech;
pub mod text;
pub mod variants;

pub use error::Error;
pub use i18n::Lang;
