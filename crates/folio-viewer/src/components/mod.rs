//! The Yew components, one a file. They read the [`crate::context::Viewer`] context and stay
//! thin: the rules live in `folio-core`, the side effects in [`crate::hooks`].

pub mod article_card;
pub mod article_detail;
pub mod article_list;
pub mod breadcrumb;
pub mod channel_menu;
pub mod facets;
pub mod islands;
pub mod link;
pub mod not_found;
pub mod notice;
pub mod pager;
#[cfg(any(feature = "speech", not(target_arch = "wasm32")))]
pub mod read_aloud;
pub mod reader_settings;
pub mod reading_progress;
pub mod related;
pub mod search_bar;
pub mod share_bar;

pub(crate) use crate::context::use_viewer;
