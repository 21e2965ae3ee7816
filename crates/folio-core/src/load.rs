//! JSON text -> validated [`Catalogue`], with every problem named by place and field.
//!
//! Data comes from outside (a site swaps in its own `articles.json`), so reading is lenient where
//! it can be and explicit where it cannot: the text is read once into typed raw entries
//! ([`raw`]: each field as the expected type, or noted as missing, `null` or of another type),
//! then each channel and article is validated field by field. A broken article is reported and
//! skipped; the
//! rest still loads. An optional field with a bad value is dropped with a warning and its article
//! still shows. Only a file that is not UTF-8, not JSON, or not an object with `site`, `channels`
//! and `articles` is fatal ([`Error`]).

use rustc_hash::FxHashMap;

use crate::catalogue::Catalogue;
use crate::error::{utf8_text, Error};
use crate::model::{Article, Author, Block, Channel, DateTime, Role, Site};
use crate::text::cut;

pub mod raw;

use raw::{Field, RawArticle, RawAuthor, RawBlock, RawChannel, RawFile, RawSite};

/// Longest id accepted, in characters.
pub const MAX_ID_CHARS: usize = 200;
/// Longest one-line text (title, names, tags, source) accepted, in characters.
pub const MAX_LINE_CHARS: usize = 1_000;
/// Longest paragraph or summary accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 100_000;
/// Length of a summary derived from the first paragraph, in characters.
pub const DERIVED_SUMMARY_CHARS: usize = 100;

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

/// A loaded catalogue and the problems met on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// Everything that validated.
    pub catalogue: Catalogue,
    /// Everything that did not, in file order.
    pub problems: Vec<Problem>,
}

/// Reads a data file's bytes: UTF-8 (a file in another encoding is refused with its name, never
/// read with replacement characters), then [`load`].
pub fn load_bytes(bytes: &[u8]) -> Result<Loaded, Error> {
    load(utf8_text(bytes)?)
}

/// [`load_bytes`] for bytes it may keep: the file is freed once its entries are validated,
/// before the search index is built, so the file and the index are never in memory together.
pub fn load_owned(bytes: Vec<u8>) -> Result<Loaded, Error> {
    let validated = validate(utf8_text(&bytes)?)?;
    drop(bytes);
    Ok(validated.into_loaded())
}

/// Reads a data file. Fails only when nothing at all can be shown.
pub fn load(text: &str) -> Result<Loaded, Error> {
    validate(text).map(Validated::into_loaded)
}

/// Reads a data file's entries without building a catalogue: the site, channels and articles
/// in file order, and the problems (what `folio pack` starts from).
pub fn load_entries(text: &str) -> Result<Entries, Error> {
    validate(text).map(|v| Entries {
        site: v.site,
        channels: v.channels,
        articles: v.articles,
        problems: v.problems,
    })
}

/// A data file's validated entries, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct Entries {
    /// The site.
    pub site: Site,
    /// The usable channels.
    pub channels: Vec<Channel>,
    /// The usable articles.
    pub articles: Vec<Article>,
    /// Everything that was skipped or dropped.
    pub problems: Vec<Problem>,
}

/// The validated entries of a file, before the catalogue and its index are built.
struct Validated {
    site: Site,
    channels: Vec<Channel>,
    articles: Vec<Article>,
    problems: Vec<Problem>,
}

impl Validated {
    fn into_loaded(self) -> Loaded {
        Loaded {
            catalogue: Catalogue::new(self.site, self.channels, self.articles),
            problems: self.problems,
        }
    }
}

/// Reads and validates every entry; the texts move from the raw entries into the articles, so
/// no text is held twice. When the channels come before the articles (the schema's order), each
/// article is validated as soon as it is read, so the raw form of only one is held at a time.
fn validate(text: &str) -> Result<Validated, Error> {
    let mut top: Field<DataFile> = Field::Absent;
    raw::read_into(text, &mut top).map_err(|error| Error::NotJson {
        line: error.line(),
        column: error.column(),
    })?;
    let Field::Value(mut file) = top else {
        return Err(Error::NotAnObject);
    };
    let bad = bad_top;
    let Field::Value(site) = &mut file.site else {
        return Err(bad("site", Expected::Object));
    };
    let (channels, mut channel_problems) = match file.read.take() {
        Some(read) => read,
        None => {
            let Field::Value(values) = &mut file.channels else {
                return Err(bad("channels", Expected::List));
            };
            let mut problems = Vec::new();
            let channels = read_channels(values, &mut problems);
            (channels, problems)
        }
    };
    let stream = &mut file.articles;
    if stream.found != Field::Value(()) {
        return Err(bad("articles", Expected::List));
    }
    let mut problems = Vec::new();
    let site = read_site(site, &mut problems)?;
    problems.append(&mut channel_problems);
    // Articles read before the channels were kept raw: validated now.
    let mut sink = stream
        .sink
        .take()
        .unwrap_or_else(|| ArticleSink::new(&channels, Need::Required));
    for (index, value) in std::mem::take(&mut stream.raw).iter_mut().enumerate() {
        sink.take(index, value);
    }
    problems.append(&mut sink.problems);
    let mut articles = sink.articles;
    drop_unknown_related(&mut articles, &mut problems);
    Ok(Validated {
        site,
        channels,
        articles,
        problems,
    })
}

/// A data file as it is read: the site and channels raw, the articles validated as they come
/// once the channels are known.
#[derive(Default)]
struct DataFile {
    site: Field<RawSite>,
    channels: Field<Vec<Field<RawChannel>>>,
    /// The channels, validated when the articles began, with their problems.
    read: Option<(Vec<Channel>, Vec<Problem>)>,
    articles: ArticleStream,
}

impl raw::Target for Field<DataFile> {
    fn null(&mut self) {
        *self = Field::Null;
    }
    fn other(&mut self) {
        *self = Field::Other;
    }
    fn begin_object(&mut self) -> bool {
        *self = Field::Value(DataFile::default());
        true
    }
    fn field(&mut self, key: &str) -> Option<&mut dyn raw::Target> {
        let Field::Value(file) = self else {
            return None;
        };
        match key {
            "site" => Some(&mut file.site),
            "channels" => Some(&mut file.channels),
            "articles" => {
                if let (None, Field::Value(values)) = (&file.read, &mut file.channels) {
                    let mut problems = Vec::new();
                    let channels = read_channels(values, &mut problems);
                    file.articles.sink = Some(ArticleSink::new(&channels, Need::Required));
                    file.read = Some((channels, problems));
                }
                Some(&mut file.articles)
            }
            _ => None,
        }
    }
}

/// The `articles` list of a data file: each item handed to the sink once read, or kept raw
/// while there is no sink (the channels are not read yet).
#[derive(Default)]
struct ArticleStream {
    /// The list itself: `Value(())` once a list began.
    found: Field<()>,
    sink: Option<ArticleSink>,
    /// The item being read, if any, and the number of items begun before it.
    current: Option<Field<RawArticle>>,
    begun: usize,
    raw: Vec<Field<RawArticle>>,
}

impl ArticleStream {
    /// Hands the item just read to the sink, or keeps it raw.
    fn settle(&mut self) {
        let Some(mut value) = self.current.take() else {
            return;
        };
        match &mut self.sink {
            Some(sink) => sink.take(self.begun, &mut value),
            None => self.raw.push(value),
        }
        self.begun += 1;
    }
}

impl raw::Target for ArticleStream {
    fn null(&mut self) {
        self.found = Field::Null;
    }
    fn other(&mut self) {
        self.found = Field::Other;
    }
    fn begin_list(&mut self) -> bool {
        self.found = Field::Value(());
        true
    }
    fn item(&mut self) -> &mut dyn raw::Target {
        self.settle();
        self.current.insert(Field::Absent)
    }
    fn drop_item(&mut self) {
        // The item begun for an element that did not come.
        self.current = None;
    }
}

/// Validates articles one at a time against the usable channels, skipping the unusable ones
/// and repeated ids with their problems.
struct ArticleSink {
    channel_ids: FxHashMap<String, usize>,
    body: Need,
    seen: FxHashMap<String, usize>,
    articles: Vec<Article>,
    problems: Vec<Problem>,
}

impl ArticleSink {
    fn new(channels: &[Channel], body: Need) -> ArticleSink {
        ArticleSink {
            // Sets of ids are maps from id to position: one hash map type serves the whole
            // crate, which keeps the Wasm smaller.
            channel_ids: ids(channels.iter().map(|c| &c.id)),
            body,
            seen: FxHashMap::default(),
            articles: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Validates the entry at `index` of the list.
    fn take(&mut self, index: usize, value: &mut Field<RawArticle>) {
        let Some(raw) = entry(
            value,
            Place::Article { index, id: None },
            &mut self.problems,
        ) else {
            return;
        };
        let mut reader = Reader::new(Place::Article {
            index,
            id: raw.id.value().cloned(),
        });
        reader.body = self.body;
        if let Some(article) = reader.article(raw, &self.channel_ids) {
            if self.seen.insert(article.id.clone(), index).is_none() {
                self.articles.push(article);
            } else {
                reader.fail("id", ProblemKind::DuplicateId(article.id));
            }
        }
        self.problems.extend(reader.finish());
    }
}

/// Validates the articles of a file or chunk, skipping the unusable ones with their problems;
/// `body` says whether an article without a body is usable (list records of a packed archive
/// carry none).
fn read_articles(
    values: &mut [Field<RawArticle>],
    channels: &[Channel],
    body: Need,
    problems: &mut Vec<Problem>,
) -> Vec<Article> {
    let mut sink = ArticleSink::new(channels, body);
    for (index, value) in values.iter_mut().enumerate() {
        sink.take(index, value);
    }
    problems.append(&mut sink.problems);
    sink.articles
}

/// The site and channels of a packed archive's manifest, validated like a data file's.
pub fn load_head(text: &str) -> Result<(Site, Vec<Channel>, Vec<Problem>), Error> {
    let mut file = read_file(text)?;
    let Field::Value(site) = &mut file.site else {
        return Err(bad_top("site", Expected::Object));
    };
    let Field::Value(channel_values) = &mut file.channels else {
        return Err(bad_top("channels", Expected::List));
    };
    let mut problems = Vec::new();
    let site = read_site(site, &mut problems)?;
    let channels = read_channels(channel_values, &mut problems);
    Ok((site, channels, problems))
}

/// The articles of one chunk of a packed archive (`{"articles": [...]}`), validated like a data
/// file's against the archive's channels; `with_body` says whether each must have a body. Related
/// ids are kept as they are: they name articles in other chunks.
pub fn load_articles(
    text: &str,
    channels: &[Channel],
    with_body: bool,
) -> Result<(Vec<Article>, Vec<Problem>), Error> {
    let mut file = read_file(text)?;
    let Field::Value(values) = &mut file.articles else {
        return Err(bad_top("articles", Expected::List));
    };
    let mut problems = Vec::new();
    let need = if with_body {
        Need::Required
    } else {
        Need::Optional
    };
    let articles = read_articles(values, channels, need, &mut problems);
    Ok((articles, problems))
}

fn read_file(text: &str) -> Result<RawFile, Error> {
    let top: Field<RawFile> = raw::read::<RawFile>(text).map_err(|error| Error::NotJson {
        line: error.line(),
        column: error.column(),
    })?;
    match top {
        Field::Value(file) => Ok(file),
        _ => Err(Error::NotAnObject),
    }
}

fn bad_top(field: &'static str, expected: Expected) -> Error {
    Error::BadTopLevel { field, expected }
}

/// Ids mapped to their positions.
fn ids<'a>(ids: impl Iterator<Item = &'a String>) -> FxHashMap<String, usize> {
    ids.enumerate().map(|(i, id)| (id.clone(), i)).collect()
}

/// The entry when it is an object; otherwise a problem that skips it.
fn entry<'a, T>(
    value: &'a mut Field<T>,
    place: Place,
    problems: &mut Vec<Problem>,
) -> Option<&'a mut T> {
    let found = match value {
        Field::Value(found) => Some(found),
        _ => None,
    };
    if found.is_none() {
        problems.push(Problem {
            place,
            field: String::new(),
            kind: ProblemKind::NotAnObject,
            skipped: true,
        });
    }
    found
}

fn read_site(raw: &mut RawSite, problems: &mut Vec<Problem>) -> Result<Site, Error> {
    let mut reader = Reader::new(Place::Site);
    let name = reader.line("name", &mut raw.name);
    let url = reader.optional_url("url", &mut raw.url);
    let copyright = reader
        .optional_line("copyright", &mut raw.copyright)
        .unwrap_or_default();
    reader.unknown_fields(&raw.unknown);
    let mut found = reader.finish();
    match name {
        Some(name) if !found.iter().any(|p| p.skipped) => {
            problems.append(&mut found);
            Ok(Site {
                name,
                url,
                copyright,
            })
        }
        _ => {
            let first = found.into_iter().find(|p| p.skipped);
            Err(Error::BadSite(first.unwrap_or(Problem {
                place: Place::Site,
                field: "name".into(),
                kind: ProblemKind::Missing,
                skipped: true,
            })))
        }
    }
}

fn read_channels(values: &mut [Field<RawChannel>], problems: &mut Vec<Problem>) -> Vec<Channel> {
    let mut channels: Vec<(usize, Channel)> = Vec::new();
    let mut seen = FxHashMap::default();
    for (index, value) in values.iter_mut().enumerate() {
        let Some(raw) = entry(value, Place::Channel { index, id: None }, problems) else {
            continue;
        };
        let mut reader = Reader::new(Place::Channel {
            index,
            id: raw.id.value().cloned(),
        });
        let id = reader.id("id", &mut raw.id);
        let name = reader.line("name", &mut raw.name);
        // A bad parent is not dropped like other optional values: the channel would move to the
        // top of the tree, so the channel is left out instead.
        let parent = match &mut raw.parent {
            Field::Absent | Field::Null => None,
            present => reader.text("parent", present, MAX_LINE_CHARS, Need::Required),
        };
        reader.unknown_fields(&raw.unknown);
        if let (Some(id), Some(name), false) = (id, name, reader.failed) {
            if seen.insert(id.clone(), index).is_none() {
                channels.push((index, Channel { id, name, parent }));
            } else {
                reader.fail("id", ProblemKind::DuplicateId(id));
            }
        }
        problems.extend(reader.finish());
    }
    // A channel whose parent is missing, or which is its own ancestor, is dropped: it could not be
    // placed in the breadcrumb. Repeat until stable, since dropping one can orphan its children.
    loop {
        let by_id = ids(channels.iter().map(|(_, c)| &c.id));
        let bad = channels.iter().find_map(|(index, channel)| {
            let mut parent = channel.parent.as_deref();
            let mut steps = 0;
            while let Some(id) = parent {
                let Some(next) = by_id.get(id).map(|&i| channels[i].1.parent.as_deref()) else {
                    return Some((
                        *index,
                        channel.id.clone(),
                        ProblemKind::UnknownParent(id.to_owned()),
                    ));
                };
                steps += 1;
                if steps > by_id.len() {
                    return Some((*index, channel.id.clone(), ProblemKind::ChannelCycle));
                }
                parent = next;
            }
            None
        });
        let Some((index, id, kind)) = bad else { break };
        channels.retain(|(_, c)| c.id != id);
        problems.push(Problem {
            place: Place::Channel {
                index,
                id: Some(id),
            },
            field: "parent".into(),
            kind,
            skipped: true,
        });
    }
    channels.into_iter().map(|(_, channel)| channel).collect()
}

/// Related ids must name loaded articles; the others are dropped with a warning.
pub fn drop_unknown_related(articles: &mut [Article], problems: &mut Vec<Problem>) {
    let ids = ids(articles.iter().map(|a| &a.id));
    for (index, article) in articles.iter_mut().enumerate() {
        let mut kept = Vec::with_capacity(article.related.len());
        for related in std::mem::take(&mut article.related) {
            if ids.contains_key(&related) && related != article.id {
                kept.push(related);
            } else {
                problems.push(Problem {
                    place: Place::Article {
                        index,
                        id: Some(article.id.clone()),
                    },
                    field: "related".into(),
                    kind: ProblemKind::UnknownRelated(related),
                    skipped: false,
                });
            }
        }
        article.related = kept;
    }
}

/// What a bad value of a field costs its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    /// The entry cannot be shown without it: a bad value skips the entry.
    Required,
    /// The entry shows without it: a bad value is dropped with a warning.
    Optional,
}

/// Validates the fields of one entry, collecting problems instead of stopping at the first.
struct Reader {
    place: Place,
    problems: Vec<Problem>,
    /// Set once a problem leaves the entry unusable.
    failed: bool,
    /// Whether an article needs a body.
    body: Need,
}

impl Reader {
    fn new(place: Place) -> Self {
        Reader {
            place,
            problems: Vec::new(),
            failed: false,
            body: Need::Required,
        }
    }

    fn report(&mut self, field: &str, kind: ProblemKind, skipped: bool) {
        self.failed |= skipped;
        self.problems.push(Problem {
            place: self.place.clone(),
            field: field.to_owned(),
            kind,
            skipped,
        });
    }

    fn fail(&mut self, field: &str, kind: ProblemKind) {
        self.report(field, kind, true);
    }

    /// Reports a bad value: the entry is skipped for a required field, not for an optional one.
    fn bad(&mut self, field: &str, kind: ProblemKind, need: Need) {
        self.report(field, kind, need == Need::Required);
    }

    fn finish(self) -> Vec<Problem> {
        self.problems
    }

    fn unknown_fields(&mut self, unknown: &[String]) {
        for key in unknown {
            self.report(key, ProblemKind::UnknownField, false);
        }
    }

    /// The value of a field that must be present (absent and `null` are missing), or of an
    /// optional one (absent and `null` are fine); a value of another type is reported.
    fn present<'f, T>(
        &mut self,
        field: &str,
        value: &'f Field<T>,
        expected: Expected,
        need: Need,
    ) -> Option<&'f T> {
        match value {
            Field::Value(value) => Some(value),
            Field::Absent | Field::Null => {
                if need == Need::Required {
                    self.fail(field, ProblemKind::Missing);
                }
                None
            }
            Field::Other => {
                self.bad(field, ProblemKind::WrongType(expected), need);
                None
            }
        }
    }

    /// Checks a text: present as `need` says, a string, not blank, within `max` characters.
    fn text(
        &mut self,
        field: &str,
        value: &mut Field<String>,
        max: usize,
        need: Need,
    ) -> Option<String> {
        let text = self.present(field, value, Expected::Text, need)?;
        let problem = if text.trim().is_empty() {
            Some(ProblemKind::Empty)
        // Byte length bounds the character count from above, so most texts skip the count.
        } else if text.len() > max && text.chars().count() > max {
            Some(ProblemKind::TooLong { max })
        } else {
            None
        };
        if let Some(kind) = problem {
            self.bad(field, kind, need);
            return None;
        }
        // The text moves out of the raw entry: it is held once.
        match value {
            Field::Value(text) => Some(std::mem::take(text)),
            _ => None,
        }
    }

    fn line(&mut self, field: &str, value: &mut Field<String>) -> Option<String> {
        self.text(field, value, MAX_LINE_CHARS, Need::Required)
    }

    /// An optional one-line text: absent is fine, a bad value is dropped with a warning.
    fn optional_line(&mut self, field: &str, value: &mut Field<String>) -> Option<String> {
        self.text(field, value, MAX_LINE_CHARS, Need::Optional)
    }

    fn id(&mut self, field: &str, value: &mut Field<String>) -> Option<String> {
        let id = self.text(field, value, MAX_ID_CHARS, Need::Required)?;
        // An id names a file and a path segment (`article/<id>/`): `.` and `..` would name
        // another folder.
        if matches!(id.as_str(), "." | "..")
            || id
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '/')
        {
            self.fail(field, ProblemKind::BadId(id));
            return None;
        }
        Some(id)
    }

    fn optional_url(&mut self, field: &str, value: &mut Field<String>) -> Option<String> {
        let url = self.optional_line(field, value)?;
        if is_safe_url(&url) {
            Some(url)
        } else {
            // An unsafe link is dropped, not the entry: the rest is still worth showing.
            self.report(field, ProblemKind::UnsafeUrl(url), false);
            None
        }
    }

    /// An optional list: absent is empty; any other type is dropped with a warning.
    fn list<'f, T>(
        &mut self,
        field: &str,
        value: &'f mut Field<Vec<Field<T>>>,
    ) -> &'f mut [Field<T>] {
        if self
            .present(field, value, Expected::List, Need::Optional)
            .is_none()
        {
            return &mut [];
        }
        match value {
            Field::Value(items) => items,
            _ => &mut [],
        }
    }

    /// An optional list of one-line texts; a bad item is dropped with a warning.
    fn line_list(&mut self, field: &str, value: &mut Field<Vec<Field<String>>>) -> Vec<String> {
        let items = self.list(field, value);
        items
            .iter_mut()
            .enumerate()
            .filter_map(|(i, item)| {
                self.text(
                    &format!("{field}[{i}]"),
                    item,
                    MAX_LINE_CHARS,
                    Need::Optional,
                )
            })
            .collect()
    }

    fn article(
        &mut self,
        raw: &mut RawArticle,
        channel_ids: &FxHashMap<String, usize>,
    ) -> Option<Article> {
        let id = self.id("id", &mut raw.id);
        let title = self.line("title", &mut raw.title);
        let subtitle = self.optional_line("subtitle", &mut raw.subtitle);
        let channel = self.line("channel", &mut raw.channel);
        if let Some(channel) = &channel {
            if !channel_ids.contains_key(channel.as_str()) {
                self.fail("channel", ProblemKind::UnknownChannel(channel.clone()));
            }
        }
        let published = self
            .present("published", &raw.published, Expected::Text, Need::Required)
            .and_then(|text| {
                DateTime::parse(text).or_else(|| {
                    self.fail(
                        "published",
                        ProblemKind::BadDate(text.chars().take(60).collect()),
                    );
                    None
                })
            });
        let source = self.line("source", &mut raw.source);
        // A view count that is not a whole number of zero or more ("1234", -1, 1.5) is dropped
        // with a warning; the article shows without one.
        let views = self
            .present("views", &raw.views, Expected::Count, Need::Optional)
            .copied();
        let editor = self.optional_line("editor", &mut raw.editor);
        let authors = self.authors(&mut raw.authors);
        let summary = self.text("summary", &mut raw.summary, MAX_TEXT_CHARS, Need::Optional);
        let body = self.body(&mut raw.body);
        let tags = self.line_list("tags", &mut raw.tags);
        let related = self.line_list("related", &mut raw.related);
        self.unknown_fields(&raw.unknown);
        if self.failed {
            return None;
        }
        let summary = summary.unwrap_or_else(|| derive_summary(&body));
        Some(Article {
            id: id?,
            title: title?,
            subtitle,
            channel: channel?,
            published: published?,
            source: source?,
            views,
            editor,
            authors,
            summary,
            body,
            tags,
            related,
        })
    }

    /// The byline; an author without a usable name or role is dropped with a warning.
    fn authors(&mut self, value: &mut Field<Vec<Field<RawAuthor>>>) -> Vec<Author> {
        let items = self.list("authors", value);
        let mut authors = Vec::with_capacity(items.len());
        for (i, item) in items.iter_mut().enumerate() {
            let path = format!("authors[{i}]");
            let Field::Value(raw) = item else {
                // The byline goes on without this entry.
                self.bad(
                    &path,
                    ProblemKind::WrongType(Expected::Object),
                    Need::Optional,
                );
                continue;
            };
            let missing = |field: &Field<String>| matches!(field, Field::Absent | Field::Null);
            let (name_missing, role_missing) = (missing(&raw.name), missing(&raw.role));
            let name = self.text(
                &format!("{path}.name"),
                &mut raw.name,
                MAX_LINE_CHARS,
                Need::Optional,
            );
            let role = self.text(
                &format!("{path}.role"),
                &mut raw.role,
                MAX_LINE_CHARS,
                Need::Optional,
            );
            for (lacking, key) in [(name_missing, "name"), (role_missing, "role")] {
                if lacking {
                    self.bad(
                        &format!("{path}.{key}"),
                        ProblemKind::Missing,
                        Need::Optional,
                    );
                }
            }
            if let (Some(name), Some(role)) = (name, role) {
                authors.push(Author {
                    role: Role::from_key(&role),
                    name,
                });
            }
        }
        authors
    }

    fn body(&mut self, value: &mut Field<Vec<Field<RawBlock>>>) -> Vec<Block> {
        if self
            .present("body", value, Expected::List, self.body)
            .is_none()
        {
            return Vec::new();
        }
        let Field::Value(items) = value else {
            return Vec::new();
        };
        if items.is_empty() && self.body == Need::Required {
            self.fail("body", ProblemKind::Empty);
        }
        let mut blocks = Vec::with_capacity(items.len());
        for (i, item) in items.iter_mut().enumerate() {
            let path = format!("body[{i}]");
            let Field::Value(raw) = item else {
                self.fail(&path, ProblemKind::WrongType(Expected::Object));
                continue;
            };
            let field = |key: &str| format!("{path}.{key}");
            let required = Need::Required;
            let Some(kind) = self.text(&field("type"), &mut raw.kind, MAX_LINE_CHARS, required)
            else {
                continue;
            };
            let block = match kind.as_str() {
                "paragraph" => self
                    .text(&field("text"), &mut raw.text, MAX_TEXT_CHARS, required)
                    .map(|text| Block::Paragraph { text }),
                "heading" => self
                    .text(&field("text"), &mut raw.text, MAX_LINE_CHARS, required)
                    .map(|text| Block::Heading { text }),
                "quote" => self
                    .text(&field("text"), &mut raw.text, MAX_TEXT_CHARS, required)
                    .map(|text| Block::Quote {
                        text,
                        cite: self.text(
                            &field("cite"),
                            &mut raw.cite,
                            MAX_LINE_CHARS,
                            Need::Optional,
                        ),
                    }),
                "image" => {
                    let src = self.text(&field("src"), &mut raw.src, MAX_LINE_CHARS, required);
                    let alt = self.text(&field("alt"), &mut raw.alt, MAX_LINE_CHARS, required);
                    let caption = self.text(
                        &field("caption"),
                        &mut raw.caption,
                        MAX_TEXT_CHARS,
                        Need::Optional,
                    );
                    match (src, alt) {
                        (Some(src), Some(alt)) if is_safe_url(&src) => {
                            Some(Block::Image { src, alt, caption })
                        }
                        (Some(src), Some(_)) => {
                            // The image is left out, the article stays: its text is still worth reading.
                            self.report(&field("src"), ProblemKind::UnsafeUrl(src), false);
                            None
                        }
                        _ => None,
                    }
                }
                other => {
                    self.report(
                        &field("type"),
                        ProblemKind::UnknownBlock(other.to_owned()),
                        false,
                    );
                    None
                }
            };
            blocks.extend(block);
        }
        blocks
    }
}

/// A short fingerprint of a data file's bytes (64-bit FNV-1a, hex): a page pre-rendered from
/// one file records it, so the browser hydrates that HTML only with the same file and renders
/// afresh when the site has since swapped in another.
pub fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// True for http(s) URLs and relative references; false for `javascript:`, `data:` and other
/// schemes, which could run code or smuggle content when used as a link or image source.
pub fn is_safe_url(url: &str) -> bool {
    // Browsers ignore leading spaces and control characters and tabs inside the scheme,
    // so strip them before looking for a scheme (`java\tscript:` is still `javascript:`).
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &lower[..colon];
            // A colon after a path, query or fragment start is not a scheme separator.
            if scheme.contains(['/', '?', '#']) {
                true
            } else {
                scheme == "http" || scheme == "https"
            }
        }
    }
}

/// The first paragraph, cut to [`DERIVED_SUMMARY_CHARS`] characters with an ellipsis.
fn derive_summary(body: &[Block]) -> String {
    let first = body.iter().find_map(|block| match block {
        Block::Paragraph { text } => Some(text.trim()),
        _ => None,
    });
    first.map_or_else(String::new, |text| cut(text, DERIVED_SUMMARY_CHARS))
}

#[cfg(test)]
mod tests;
