//! The viewer's hooks: every side effect of the viewer lives in one of these, never in render
//! code. Each reads the browser only through [`crate::platform`] and only in effects, so the
//! first render is the same natively (server rendering) and in the browser (hydration).

mod data;
mod prefs;
mod read_markers;
mod router;
mod typing;
mod view;
mod view_effects;

pub use data::{use_data, DataSource, DataState, LoadedData};
pub use prefs::{use_prefs, PrefsHandle};
pub use read_markers::{use_read_markers, ReadMarkers};
pub use router::{
    is_empty_hash, use_router, Entry, Navigator, Router, Routing, Scroll, ARTICLES, PATHS,
};
pub use typing::use_typing_history;
pub use view::{use_view, Shown, ViewData};
pub use view_effects::{use_view_effects, ViewEffects};
