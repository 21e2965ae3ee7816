//! Reading a data file's articles as they come: once the channels are known, each article is
//! validated as soon as it is read, so the raw form of only one is held at a time.

use rustc_hash::FxHashMap;

use super::raw::{self, Field, RawArticle, RawChannel, RawSite};
use super::reader::{Need, Reader};
use super::{bad_top, drop_unknown_related, entry, ids, read_channels, read_site, Loaded};
use crate::catalogue::Catalogue;
use crate::error::Error;
use crate::model::{Article, Channel, Site};
use crate::problem::{Expected, Place, Problem, ProblemKind};

/// The validated entries of a file, before the catalogue and its index are built.
pub(super) struct Validated {
    pub(super) site: Site,
    pub(super) channels: Vec<Channel>,
    pub(super) articles: Vec<Article>,
    pub(super) problems: Vec<Problem>,
}

impl Validated {
    pub(super) fn into_loaded(self) -> Loaded {
        Loaded {
            catalogue: Catalogue::new(self.site, self.channels, self.articles),
            problems: self.problems,
        }
    }
}

/// Reads and validates every entry; the texts move from the raw entries into the articles, so
/// no text is held twice. When the channels come before the articles (the schema's order), each
/// article is validated as soon as it is read, so the raw form of only one is held at a time.
pub(super) fn validate(text: &str) -> Result<Validated, Error> {
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
pub(super) fn read_articles(
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
