//! Read markers: the articles the reader has opened, kept in storage.

use std::rc::Rc;

use folio_core::prefs::{ReadSet, READ_KEY};
use yew::prelude::*;

use crate::platform;

/// The read markers and how to forget them.
#[derive(Clone, PartialEq)]
pub struct ReadMarkers {
    /// Articles the reader has opened.
    pub read: Rc<ReadSet>,
    /// Forgets them all.
    pub clear: Callback<()>,
}

/// Reads the markers on mount (none on the first render, as on a server) and marks `open`, the
/// article being shown once the data is `ready`: in storage at once, in lists when the reader
/// returns.
#[hook]
pub fn use_read_markers(open: Option<String>, ready: bool) -> ReadMarkers {
    let read = use_state_eq(|| Rc::new(ReadSet::default()));
    {
        let read = read.clone();
        use_effect_with((open, ready), move |(open, ready)| {
            let mut stored = ReadSet::parse(platform::storage_get(READ_KEY).as_deref());
            if let (Some(id), true) = (open, ready) {
                stored.mark(id);
                platform::storage_set(READ_KEY, &stored.to_json());
            }
            // Only lists show the markers: an open article does not render its whole view again
            // for them (every component reading the viewer would); the list reads them on return.
            if open.is_none() {
                read.set(Rc::new(stored));
            }
        });
    }
    let clear = use_callback(read.clone(), |(), read| {
        platform::storage_set(READ_KEY, &ReadSet::default().to_json());
        read.set(Rc::new(ReadSet::default()));
    });
    ReadMarkers {
        read: (*read).clone(),
        clear,
    }
}
