//! Validating one entry field by field: each field read as the type it should be, a bad
//! value noted as a [`Problem`] with its place and path, and what it costs the entry (the
//! entry, or only the field) decided by the field's [`Need`].

use rustc_hash::FxHashMap;

use super::raw::{Field, RawArticle, RawAuthor, RawBlock};
use super::{DERIVED_SUMMARY_CHARS, MAX_ID_CHARS, MAX_LINE_CHARS, MAX_TEXT_CHARS};
use crate::model::{Article, Author, Block, DateTime, Role};
use crate::problem::{Expected, Place, Problem, ProblemKind};
use crate::text::cut;

/// What a bad value of a field costs its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Need {
    /// The entry cannot be shown without it: a bad value skips the entry.
    Required,
    /// The entry shows without it: a bad value is dropped with a warning.
    Optional,
}

/// Validates the fields of one entry, collecting problems instead of stopping at the first.
pub(super) struct Reader {
    place: Place,
    problems: Vec<Problem>,
    /// Set once a problem leaves the entry unusable.
    pub(super) failed: bool,
    /// Whether an article needs a body.
    pub(super) body: Need,
}

impl Reader {
    pub(super) fn new(place: Place) -> Self {
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

    pub(super) fn fail(&mut self, field: &str, kind: ProblemKind) {
        self.report(field, kind, true);
    }

    /// Reports a bad value: the entry is skipped for a required field, not for an optional one.
    fn bad(&mut self, field: &str, kind: ProblemKind, need: Need) {
        self.report(field, kind, need == Need::Required);
    }

    pub(super) fn finish(self) -> Vec<Problem> {
        self.problems
    }

    pub(super) fn unknown_fields(&mut self, unknown: &[String]) {
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
    pub(super) fn text(
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

    pub(super) fn line(&mut self, field: &str, value: &mut Field<String>) -> Option<String> {
        self.text(field, value, MAX_LINE_CHARS, Need::Required)
    }

    /// An optional one-line text: absent is fine, a bad value is dropped with a warning.
    pub(super) fn optional_line(
        &mut self,
        field: &str,
        value: &mut Field<String>,
    ) -> Option<String> {
        self.text(field, value, MAX_LINE_CHARS, Need::Optional)
    }

    pub(super) fn id(&mut self, field: &str, value: &mut Field<String>) -> Option<String> {
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

    pub(super) fn optional_url(
        &mut self,
        field: &str,
        value: &mut Field<String>,
    ) -> Option<String> {
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

    pub(super) fn article(
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
