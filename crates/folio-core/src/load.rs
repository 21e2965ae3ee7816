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
use crate::encoding::utf8_text;
use crate::error::Error;
use crate::model::{Article, Channel, Site};
use crate::problem::{Expected, Place, Problem, ProblemKind};

pub mod raw;
mod reader;
mod stream;

use raw::{Field, RawChannel, RawFile, RawSite};
pub use reader::is_safe_url;
use reader::{Need, Reader};
use stream::{read_articles, validate, Validated};

/// Longest id accepted, in characters.
pub const MAX_ID_CHARS: usize = 200;
/// Longest one-line text (title, names, tags, source) accepted, in characters.
pub const MAX_LINE_CHARS: usize = 1_000;
/// Longest paragraph or summary accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 100_000;
/// Length of a summary derived from the first paragraph, in characters.
pub const DERIVED_SUMMARY_CHARS: usize = 100;

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

/// A short fingerprint of a data file's bytes (64-bit FNV-1a, hex): a page pre-rendered from
/// one file records it, so the browser hydrates that HTML only with the same file and renders
/// afresh when the site has since swapped in another.
pub fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests;
