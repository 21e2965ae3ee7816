//! JSON text -> validated [`Catalogue`], with every problem named by place and field.
//!
//! Data comes from outside (a site swaps in its own `articles.json`), so reading is lenient where
//! it can be and explicit where it cannot: the text is parsed once into `serde_json::Value`, then
//! each channel and article is read field by field. A broken article is reported and skipped; the
//! rest still loads. An optional field with a bad value is dropped with a warning and its article
//! still shows. Only a file that is not UTF-8, not JSON, or not an object with `site`, `channels`
//! and `articles` is fatal ([`Error`]).

use rustc_hash::{FxHashMap, FxHashSet};

use serde_json::{Map, Value};

use crate::catalogue::Catalogue;
use crate::error::{utf8_text, Error};
use crate::model::{Article, Author, Block, Channel, DateTime, Role, Site};

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

/// Reads a data file. Fails only when nothing at all can be shown.
pub fn load(text: &str) -> Result<Loaded, Error> {
    let root: Value = serde_json::from_str(text).map_err(|error| Error::NotJson {
        line: error.line(),
        column: error.column(),
    })?;
    let Value::Object(root) = root else {
        return Err(Error::NotAnObject);
    };
    let part = |field: &'static str, expected: Expected| {
        let value = root.get(field);
        let ok = match expected {
            Expected::Object => value.is_some_and(Value::is_object),
            _ => value.is_some_and(Value::is_array),
        };
        if ok {
            Ok(value)
        } else {
            Err(Error::BadTopLevel { field, expected })
        }
    };
    let site_value = part("site", Expected::Object)?;
    let channel_values = part("channels", Expected::List)?;
    let article_values = part("articles", Expected::List)?;

    let mut problems = Vec::new();
    let site = read_site(site_value.and_then(Value::as_object), &mut problems)?;
    let channels = read_channels(channel_values.and_then(Value::as_array), &mut problems);
    let channel_ids: FxHashSet<&str> = channels.iter().map(|c| c.id.as_str()).collect();
    let mut articles = Vec::new();
    let mut seen = FxHashSet::default();
    for (index, value) in article_values
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let mut reader = match Reader::new(value, Place::Article { index, id: None }) {
            Ok(reader) => reader,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if let Some(article) = reader.article(&channel_ids) {
            if seen.insert(article.id.clone()) {
                articles.push(article);
            } else {
                reader.fail("id", ProblemKind::DuplicateId(article.id));
            }
        }
        problems.extend(reader.finish());
    }
    drop_unknown_related(&mut articles, &mut problems);
    let catalogue = Catalogue::new(site, channels, articles);
    Ok(Loaded {
        catalogue,
        problems,
    })
}

fn read_site(
    value: Option<&Map<String, Value>>,
    problems: &mut Vec<Problem>,
) -> Result<Site, Error> {
    let value = value.ok_or(Error::BadTopLevel {
        field: "site",
        expected: Expected::Object,
    })?;
    let mut reader = Reader::from_map(value, Place::Site);
    let name = reader.line("name");
    let url = reader.optional_url("url");
    let copyright = reader.optional_line("copyright").unwrap_or_default();
    reader.unknown_fields(&["name", "url", "copyright"]);
    let mut found = reader.finish();
    match name {
        Some(name) if !reader_failed(&found) => {
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

fn reader_failed(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.skipped)
}

fn read_channels(values: Option<&Vec<Value>>, problems: &mut Vec<Problem>) -> Vec<Channel> {
    let mut channels: Vec<(usize, Channel)> = Vec::new();
    let mut seen = FxHashSet::default();
    for (index, value) in values.into_iter().flatten().enumerate() {
        let mut reader = match Reader::new(value, Place::Channel { index, id: None }) {
            Ok(reader) => reader,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let id = reader.id("id");
        let name = reader.line("name");
        // A bad parent is not dropped like other optional values: the channel would move to the
        // top of the tree, so the channel is left out instead.
        let parent = reader
            .optional("parent")
            .and_then(|value| reader.text_value("parent", value, MAX_LINE_CHARS, Need::Required));
        reader.unknown_fields(&["id", "name", "parent"]);
        if let (Some(id), Some(name), false) = (id, name, reader.failed) {
            if seen.insert(id.clone()) {
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
        let by_id: FxHashMap<&str, Option<&str>> = channels
            .iter()
            .map(|(_, c)| (c.id.as_str(), c.parent.as_deref()))
            .collect();
        let bad = channels.iter().find_map(|(index, channel)| {
            let mut parent = channel.parent.as_deref();
            let mut steps = 0;
            while let Some(id) = parent {
                let Some(next) = by_id.get(id) else {
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
                parent = *next;
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
fn drop_unknown_related(articles: &mut [Article], problems: &mut Vec<Problem>) {
    let ids: FxHashSet<String> = articles.iter().map(|a| a.id.clone()).collect();
    for (index, article) in articles.iter_mut().enumerate() {
        let mut kept = Vec::with_capacity(article.related.len());
        for related in std::mem::take(&mut article.related) {
            if ids.contains(&related) && related != article.id {
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

/// Reads the fields of one JSON object, collecting problems instead of stopping at the first.
struct Reader<'a> {
    map: &'a Map<String, Value>,
    place: Place,
    problems: Vec<Problem>,
    /// Set once a problem leaves the entry unusable.
    failed: bool,
}

impl<'a> Reader<'a> {
    fn new(value: &'a Value, place: Place) -> Result<Self, Problem> {
        match value {
            Value::Object(map) => Ok(Self::from_map(map, place)),
            _ => Err(Problem {
                place,
                field: String::new(),
                kind: ProblemKind::NotAnObject,
                skipped: true,
            }),
        }
    }

    fn from_map(map: &'a Map<String, Value>, mut place: Place) -> Self {
        // Name the entry by its id as early as possible, so every message can say which it is.
        if let Place::Channel { id, .. } | Place::Article { id, .. } = &mut place {
            *id = map.get("id").and_then(Value::as_str).map(str::to_owned);
        }
        Reader {
            map,
            place,
            problems: Vec::new(),
            failed: false,
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

    fn unknown_fields(&mut self, known: &[&str]) {
        let unknown: Vec<String> = self
            .map
            .keys()
            .filter(|key| !known.contains(&key.as_str()))
            .cloned()
            .collect();
        for key in unknown {
            self.report(&key, ProblemKind::UnknownField, false);
        }
    }

    /// A present, non-null value, or a problem.
    fn required(&mut self, field: &str) -> Option<&'a Value> {
        match self.map.get(field) {
            None | Some(Value::Null) => {
                self.fail(field, ProblemKind::Missing);
                None
            }
            Some(value) => Some(value),
        }
    }

    fn optional(&self, field: &str) -> Option<&'a Value> {
        self.map.get(field).filter(|value| !value.is_null())
    }

    /// Checks a text value: a string, not blank, within `max` characters.
    fn text_value(&mut self, field: &str, value: &Value, max: usize, need: Need) -> Option<String> {
        let Some(text) = value.as_str() else {
            self.bad(field, ProblemKind::WrongType(Expected::Text), need);
            return None;
        };
        if text.trim().is_empty() {
            self.bad(field, ProblemKind::Empty, need);
            return None;
        }
        // Byte length bounds the character count from above, so most texts skip the count.
        if text.len() > max && text.chars().count() > max {
            self.bad(field, ProblemKind::TooLong { max }, need);
            return None;
        }
        Some(text.to_owned())
    }

    fn line(&mut self, field: &str) -> Option<String> {
        let value = self.required(field)?;
        self.text_value(field, value, MAX_LINE_CHARS, Need::Required)
    }

    /// An optional one-line text: absent is fine, a bad value is dropped with a warning.
    fn optional_line(&mut self, field: &str) -> Option<String> {
        let value = self.optional(field)?;
        self.text_value(field, value, MAX_LINE_CHARS, Need::Optional)
    }

    fn id(&mut self, field: &str) -> Option<String> {
        let value = self.required(field)?;
        let id = self.text_value(field, value, MAX_ID_CHARS, Need::Required)?;
        if id
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '/')
        {
            self.fail(field, ProblemKind::BadId(id));
            return None;
        }
        Some(id)
    }

    fn optional_url(&mut self, field: &str) -> Option<String> {
        let value = self.optional(field)?;
        let url = self.text_value(field, value, MAX_LINE_CHARS, Need::Optional)?;
        if is_safe_url(&url) {
            Some(url)
        } else {
            // An unsafe link is dropped, not the entry: the rest is still worth showing.
            self.report(field, ProblemKind::UnsafeUrl(url), false);
            None
        }
    }

    /// An optional list: absent is empty; any other type is dropped with a warning.
    fn list(&mut self, field: &str) -> &'a [Value] {
        match self.optional(field) {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(_) => {
                self.bad(field, ProblemKind::WrongType(Expected::List), Need::Optional);
                &[]
            }
        }
    }

    /// An optional list of one-line texts; a bad item is dropped with a warning.
    fn line_list(&mut self, field: &str) -> Vec<String> {
        let items = self.list(field);
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                self.text_value(&format!("{field}[{i}]"), item, MAX_LINE_CHARS, Need::Optional)
            })
            .collect()
    }

    fn article(&mut self, channel_ids: &FxHashSet<&str>) -> Option<Article> {
        let id = self.id("id");
        let title = self.line("title");
        let subtitle = self.optional_line("subtitle");
        let channel = self.line("channel");
        if let Some(channel) = &channel {
            if !channel_ids.contains(channel.as_str()) {
                self.fail("channel", ProblemKind::UnknownChannel(channel.clone()));
            }
        }
        let published = self
            .required("published")
            .and_then(|value| match value.as_str() {
                None => {
                    self.fail("published", ProblemKind::WrongType(Expected::Text));
                    None
                }
                Some(text) => DateTime::parse(text).or_else(|| {
                    self.fail(
                        "published",
                        ProblemKind::BadDate(text.chars().take(60).collect()),
                    );
                    None
                }),
            });
        let source = self.line("source");
        // A view count that is not a whole number of zero or more ("1234", -1, 1.5) is dropped
        // with a warning; the article shows without one.
        let views = match self.optional("views") {
            None => None,
            Some(value) => value.as_u64().or_else(|| {
                self.bad(
                    "views",
                    ProblemKind::WrongType(Expected::Count),
                    Need::Optional,
                );
                None
            }),
        };
        let editor = self.optional_line("editor");
        let authors = self.authors();
        let summary = match self.optional("summary") {
            Some(value) => self.text_value("summary", value, MAX_TEXT_CHARS, Need::Optional),
            None => None,
        };
        let body = self.body();
        let tags = self.line_list("tags");
        let related = self.line_list("related");
        self.unknown_fields(&[
            "id",
            "title",
            "subtitle",
            "channel",
            "published",
            "source",
            "views",
            "editor",
            "authors",
            "summary",
            "body",
            "tags",
            "related",
        ]);
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
    fn authors(&mut self) -> Vec<Author> {
        let items = self.list("authors");
        let mut authors = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("authors[{i}]");
            let Some(map) = item.as_object() else {
                self.bad(&path, ProblemKind::WrongType(Expected::Object), Need::Optional);
                continue;
            };
            let name = self.nested_text(map, &path, "name", MAX_LINE_CHARS, Need::Optional);
            let role = self.nested_text(map, &path, "role", MAX_LINE_CHARS, Need::Optional);
            if let (Some(name), Some(role)) = (name, role) {
                authors.push(Author {
                    role: Role::from_key(&role),
                    name,
                });
            }
        }
        authors
    }

    /// A text field of a nested object (`authors[0].name`, `body[2].text`).
    fn nested_text(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        max: usize,
        need: Need,
    ) -> Option<String> {
        let field = format!("{path}.{key}");
        match map.get(key) {
            None | Some(Value::Null) => {
                self.bad(&field, ProblemKind::Missing, need);
                None
            }
            Some(value) => self.text_value(&field, value, max, need),
        }
    }

    /// An optional text field of a nested object (a caption, a quote's source): absent is fine,
    /// a bad value is dropped with a warning.
    fn nested_optional(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        max: usize,
    ) -> Option<String> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(value) => self.text_value(&format!("{path}.{key}"), value, max, Need::Optional),
        }
    }

    fn body(&mut self) -> Vec<Block> {
        let items = match self.required("body") {
            None => return Vec::new(),
            Some(Value::Array(items)) => items,
            Some(_) => {
                self.fail("body", ProblemKind::WrongType(Expected::List));
                return Vec::new();
            }
        };
        if items.is_empty() {
            self.fail("body", ProblemKind::Empty);
        }
        let mut blocks = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("body[{i}]");
            let Some(map) = item.as_object() else {
                self.fail(&path, ProblemKind::WrongType(Expected::Object));
                continue;
            };
            let required = Need::Required;
            let Some(kind) = self.nested_text(map, &path, "type", MAX_LINE_CHARS, required) else {
                continue;
            };
            let block = match kind.as_str() {
                "paragraph" => self
                    .nested_text(map, &path, "text", MAX_TEXT_CHARS, required)
                    .map(|text| Block::Paragraph { text }),
                "heading" => self
                    .nested_text(map, &path, "text", MAX_LINE_CHARS, required)
                    .map(|text| Block::Heading { text }),
                "quote" => self
                    .nested_text(map, &path, "text", MAX_TEXT_CHARS, required)
                    .map(|text| Block::Quote {
                        text,
                        cite: self.nested_optional(map, &path, "cite", MAX_LINE_CHARS),
                    }),
                "image" => {
                    let src = self.nested_text(map, &path, "src", MAX_LINE_CHARS, required);
                    let alt = self.nested_text(map, &path, "alt", MAX_LINE_CHARS, required);
                    let caption = self.nested_optional(map, &path, "caption", MAX_TEXT_CHARS);
                    match (src, alt) {
                        (Some(src), Some(alt)) if is_safe_url(&src) => Some(Block::Image {
                            src,
                            alt,
                            caption,
                        }),
                        (Some(src), Some(_)) => {
                            // The image is left out, the article stays: its text is still worth reading.
                            self.report(&format!("{path}.src"), ProblemKind::UnsafeUrl(src), false);
                            None
                        }
                        _ => None,
                    }
                }
                other => {
                    self.report(
                        &format!("{path}.type"),
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
    let Some(text) = first else {
        return String::new();
    };
    let mut chars = text.chars();
    let cut: String = chars.by_ref().take(DERIVED_SUMMARY_CHARS).collect();
    if chars.next().is_some() {
        format!("{cut}…")
    } else {
        cut
    }
}

#[cfg(test)]
mod tests;
