//! The platform layer: every call Folio makes outside Rust — fetch, location and history,
//! scrolling, the document title, focus, the clipboard, the share sheet, storage, speech — in one place,
//! with a browser implementation (`browser.rs`, in the Wasm) and a native one (`native.rs`, for
//! server rendering and native tests). Components call these from effects and event handlers,
//! never while rendering or in state initialisers, so the server renders the same tree the
//! browser hydrates.

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
pub use browser::*;

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::*;

/// What the speech synthesis tells of a reading ([`speak`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spoken {
    /// The block with this number started.
    Block(usize),
    /// The last piece ended.
    Done,
    /// The browser could not read (no voice, a synthesis error).
    Failed,
}
