//! What can be wrong with an entry of a data file, as values: the loader reports each
//! [`Problem`] and goes on, `folio check` prints them, the viewer shows them (`i18n`). A leaf:
//! it names places and fields, never how they are read or said.

/// The JSON type a field should have had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A JSON string.
    Text,
    /// A whole number of zero or more.
    Count,
    /// A JSON array.
    List,
    /// A JSON object.
    Object,
}

/// Where a problem was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The `site` object.
    Site,
    /// The channel at this index of `channels`, with its id when it had a readable one.
    Channel { index: usize, id: Option<String> },
    /// The article at this index of `articles`, with its id when it had a readable one.
    Article { index: usize, id: Option<String> },
}

/// What was wrong with a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A required field is absent or `null`.
    Missing,
    /// The field has the wrong JSON type.
    WrongType(Expected),
    /// A required text is empty or only spaces.
    Empty,
    /// Longer than the limit, in characters.
    TooLong { max: usize },
    /// An id with spaces, control characters or `/`.
    BadId(String),
    /// Not a date-time with a UTC offset.
    BadDate(String),
    /// An id already used by an earlier entry; this one is skipped.
    DuplicateId(String),
    /// `channel` names no channel.
    UnknownChannel(String),
    /// A channel's `parent` names no channel.
    UnknownParent(String),
    /// A channel is its own ancestor.
    ChannelCycle,
    /// A related id names no article; the link is dropped.
    UnknownRelated(String),
    /// A URL with a scheme other than http(s), e.g. `javascript:`.
    UnsafeUrl(String),
    /// A body block `type` Folio does not know.
    UnknownBlock(String),
    /// A field Folio does not know; it is ignored.
    UnknownField,
    /// The entry itself is not an object.
    NotAnObject,
}

/// One problem in the data. `skipped` says whether the whole entry was left out because of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The entry.
    pub place: Place,
    /// The field path inside the entry, e.g. `title` or `body[2].src`; empty for the entry itself.
    pub field: String,
    /// What was wrong.
    pub kind: ProblemKind,
    /// True when the entry was left out, false for a warning (the entry still shows).
    pub skipped: bool,
}
