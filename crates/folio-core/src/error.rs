//! Folio's one error type: why a data file could not be used at all. (Problems with single
//! entries are not errors: the loader reports them as [`crate::problem::Problem`]s and goes on.)

use crate::encoding::{Encoding, NotUtf8};
use crate::problem::{Expected, Problem};

/// Why nothing could be shown from a data file. `Display` gives the English message of the
/// catalogue (`i18n::error_text`), which the viewer shows in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The bytes are not UTF-8 text; `encoding` says what they look like instead.
    NotUtf8 {
        /// The encoding the bytes look like.
        encoding: Encoding,
        /// Byte offset of the first byte that is not UTF-8.
        offset: usize,
    },
    /// The text is not JSON; `line` and `column` point at the first error (1-based).
    NotJson {
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
    /// The JSON is valid but is not an object at the top.
    NotAnObject,
    /// A required top-level part (`site`, `channels`, `articles`) is missing or of the wrong type.
    BadTopLevel {
        /// The part.
        field: &'static str,
        /// What it should have been.
        expected: Expected,
    },
    /// The `site` object has a problem that leaves nothing to show it with.
    BadSite(Problem),
    /// The server answered a request for the file with an error status.
    Http {
        /// The address asked for.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The file could not be fetched at all (offline, blocked, CORS, bad address).
    Network {
        /// The address asked for.
        url: String,
    },
    /// A build that reads packed archives only was given something else.
    NotArchive {
        /// The address given.
        url: String,
    },
    /// A packed archive of a format version this viewer does not read (a newer major version).
    ArchiveVersion {
        /// The version the manifest names, e.g. `2.0`.
        found: String,
    },
    /// A file of a packed archive cannot be used.
    ArchiveFile {
        /// The file, relative to the archive folder.
        file: String,
        /// What is wrong with it.
        fault: Fault,
    },
}

/// What is wrong with a file of a packed archive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Truncated, or not what the archive format says the file holds.
    Damaged,
    /// Written by another run of `folio pack` than the manifest (a cache or a copy mixed two).
    OtherBuild,
}

// `Display` (the English message) is with the other languages' in `i18n`.
impl std::error::Error for Error {}

impl From<NotUtf8> for Error {
    fn from(NotUtf8 { encoding, offset }: NotUtf8) -> Error {
        Error::NotUtf8 { encoding, offset }
    }
}

impl Error {
    /// True for failures of fetching (worth a retry), false for what the file itself holds.
    pub fn is_fetch(&self) -> bool {
        // A damaged archive file is most often one cut short on the way: worth fetching again.
        matches!(
            self,
            Error::Http { .. } | Error::Network { .. } | Error::ArchiveFile { .. }
        )
    }
}
