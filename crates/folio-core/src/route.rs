//! URL <-> view. Pure, so every route round-trips in native tests.
//!
//! Two forms name the same views. Path URLs are those of a pre-rendered site (`folio build`):
//! `channel/lc-news/page/2/?q=质量`, each path a folder with its own page (see
//! [`Route::parse_path`]).
//! Hash routes work on any static host: `#/` (all articles), `#/channel/<id>` (a channel and its
//! columns), `#/article/<id>`. A list's search state rides in the query:
//! `#/channel/lc-news?q=质量&source=聊城日报&tag=高考&from=2015-06-01&to=2015-06-30&sort=old&page=2`.
//! Defaults are left out, so each state has exactly one URL. Ids and values are percent-encoded.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::search::SearchRequest;
pub use crate::search::Sort;

/// Everything but RFC 3986 unreserved characters is encoded in a path segment or query value.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The folder of a built site's search page (`search/?q=质量`), which shows every list with a
/// query, a filter or an order; the other lists have pages of their own.
pub const SEARCH_FOLDER: &str = "search";

/// Longest search query kept from a URL, in characters (a pasted megabyte stays harmless).
pub const MAX_QUERY_CHARS: usize = 256;

/// Encodes one path segment or query value.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// Decodes one path segment or query value; `+` is a space (form encoding), invalid UTF-8
/// becomes U+FFFD instead of failing.
pub fn decode_component(text: &str) -> String {
    let text = text.replace('+', " ");
    percent_decode_str(&text).decode_utf8_lossy().into_owned()
}

/// URL values of the sort orders.
impl Sort {
    /// The URL value; `None` for the default.
    pub fn key(self) -> Option<&'static str> {
        match self {
            Sort::Auto => None,
            Sort::Newest => Some("new"),
            Sort::Oldest => Some("old"),
            Sort::MostViewed => Some("views"),
        }
    }

    /// Reads a URL value; anything unknown is the default.
    pub fn from_key(key: &str) -> Sort {
        match key {
            "new" => Sort::Newest,
            "old" => Sort::Oldest,
            "views" => Sort::MostViewed,
            _ => Sort::Auto,
        }
    }
}

/// A list view's full state: which articles, how sorted, which page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ListState {
    /// Channel id (with its columns); `None` for all articles.
    pub channel: Option<String>,
    /// The search text as typed.
    pub q: String,
    /// Only this source.
    pub source: Option<String>,
    /// Only this tag.
    pub tag: Option<String>,
    /// Published on or after this day (`YYYY-MM-DD`, in the article's own time zone).
    pub from: Option<String>,
    /// Published on or before this day.
    pub to: Option<String>,
    /// Order.
    pub sort: Sort,
    /// 1-based page number.
    pub page: usize,
}

impl ListState {
    /// The same filters, back on page 1 (any change of the filters starts at the top).
    pub fn first_page(mut self) -> ListState {
        self.page = 1;
        self
    }

    /// The search this list shows (everything but the page).
    pub fn request(&self) -> SearchRequest {
        SearchRequest {
            q: self.q.clone(),
            channel: self.channel.clone(),
            source: self.source.clone(),
            tag: self.tag.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            sort: self.sort,
        }
    }

    /// True when a query or any filter, the channel included, is set.
    pub fn is_filtered(&self) -> bool {
        !self.q.trim().is_empty()
            || self.channel.is_some()
            || self.source.is_some()
            || self.tag.is_some()
            || self.from.is_some()
            || self.to.is_some()
    }

    /// True when the list is a search (a query, a filter or an order other than a channel's
    /// own pages): a built site has no page of its own for it, its search page shows it.
    pub fn is_search(&self) -> bool {
        !self.q.is_empty()
            || self.source.is_some()
            || self.tag.is_some()
            || self.from.is_some()
            || self.to.is_some()
            || self.sort.key().is_some()
    }

    /// The search page's address of this list relative to the site's root:
    /// `search/?channel=lc-news&q=质量&page=2` (the channel and the page in the query).
    fn search_path(&self) -> String {
        let hash = Route::List(ListState {
            channel: None,
            ..self.clone()
        })
        .to_hash();
        let query = hash.split_once('?').map_or("", |(_, query)| query);
        let mut pairs: Vec<String> = Vec::new();
        if let Some(id) = &self.channel {
            pairs.push(format!("channel={}", encode_component(id)));
        }
        pairs.extend(
            query
                .split('&')
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
        );
        format!("{SEARCH_FOLDER}/?{}", pairs.join("&"))
    }

    /// The same view without query and filters, channel included (the sort stays).
    pub fn cleared(&self) -> ListState {
        ListState {
            sort: self.sort,
            page: 1,
            ..ListState::default()
        }
    }
}

/// One view of the viewer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// A list of articles, filtered and sorted.
    List(ListState),
    /// One article.
    Article {
        /// The article id.
        id: String,
    },
    /// A hash Folio does not understand; shown as "not found" with a way back.
    Unknown {
        /// The hash path as found, decoded.
        path: String,
    },
}

impl Default for Route {
    fn default() -> Self {
        Route::List(ListState {
            page: 1,
            ..ListState::default()
        })
    }
}

/// A valid `YYYY-MM-DD` day, or `None`.
fn day(value: String) -> Option<String> {
    let bytes = value.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    shape.then_some(value)
}

impl Route {
    /// Reads a `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let mut state = ListState {
            page: 1,
            ..ListState::default()
        };
        for (key, value) in query.split('&').filter_map(|pair| pair.split_once('=')) {
            let value = decode_component(value);
            let non_empty = || Some(value.clone()).filter(|v| !v.trim().is_empty());
            match key {
                "q" => state.q = value.chars().take(MAX_QUERY_CHARS).collect(),
                "source" => state.source = non_empty(),
                "tag" => state.tag = non_empty(),
                "from" => state.from = day(value),
                "to" => state.to = day(value),
                "sort" => state.sort = Sort::from_key(&value),
                "page" => state.page = value.parse::<usize>().ok().filter(|&p| p >= 1).unwrap_or(1),
                _ => {}
            }
        }
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Route::List(state),
            ["channel", id] => Route::List(ListState {
                channel: Some(decode_component(id)),
                ..state
            }),
            ["article", id] => Route::Article {
                id: decode_component(id),
            },
            _ => Route::Unknown {
                path: decode_component(path),
            },
        }
    }

    /// Reads a path URL relative to the site's root (`channel/lc-news/page/2/?q=质量`), as a
    /// pre-rendered site names its views: the page number lives in the path, the search state
    /// in the query. A trailing `index.html` is the folder itself.
    pub fn parse_path(relative: &str) -> Route {
        let relative = relative.split('#').next().unwrap_or(relative);
        let (path, query) = relative.split_once('?').unwrap_or((relative, ""));
        let path = path.strip_suffix("index.html").unwrap_or(path);
        // The search page: every list state, the channel and the page in the query.
        if path
            .split('/')
            .filter(|s| !s.is_empty())
            .eq([SEARCH_FOLDER])
        {
            let (channel, rest): (Vec<&str>, Vec<&str>) = query
                .split('&')
                .partition(|pair| pair.starts_with("channel="));
            let folder = channel
                .first()
                .and_then(|pair| pair.strip_prefix("channel="))
                .filter(|id| !id.is_empty())
                .map_or_else(String::new, |id| format!("channel/{id}"));
            return match Route::parse(&format!("#/{folder}?{}", rest.join("&"))) {
                Route::List(state) => Route::List(state),
                _ => Route::Unknown {
                    path: format!("/{SEARCH_FOLDER}/"),
                },
            };
        }
        // The same view as a hash route: the path's page number becomes the query's.
        let query: Vec<&str> = query
            .split('&')
            .filter(|pair| !pair.starts_with("page="))
            .collect();
        let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let mut page = "";
        if let [rest @ .., "page", n] = segments.as_slice() {
            if matches!(rest, [] | ["channel", _]) {
                page = n;
                segments.truncate(rest.len());
            }
        }
        let valid = page.is_empty() || page.parse::<usize>().is_ok_and(|n| n >= 1);
        if !valid {
            return Route::Unknown {
                path: decode_component(&format!("/{}", path.trim_start_matches('/'))),
            };
        }
        let route = Route::parse(&format!(
            "#/{}?{}&page={page}",
            segments.join("/"),
            query.join("&")
        ));
        match route {
            // A hash route that is not a path route (`channel/x` without the slash is fine,
            // anything else is not found, with the path as given).
            Route::Unknown { .. } => Route::Unknown {
                path: decode_component(&format!("/{}", path.trim_start_matches('/'))),
            },
            route => route,
        }
    }

    /// The path URL of this view relative to the site's root, as [`Route::parse_path`] reads
    /// it: `""` (the first page of all articles), `page/2/`, `channel/<id>/`,
    /// `channel/<id>/page/2/`, `article/<id>/`, each a folder with its own `index.html`; a
    /// search (a query, filter or order) is the search page's `search/?channel=<id>&q=…&page=2`.
    pub fn to_path(&self) -> String {
        if let Route::List(state) = self {
            if state.is_search() {
                return state.search_path();
            }
        }
        let hash = self.to_hash();
        let hash = hash.strip_prefix("#/").unwrap_or(&hash);
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let mut out = String::from(path);
        if !path.is_empty() && !matches!(self, Route::Unknown { .. }) {
            out.push('/');
        }
        let mut rest: Vec<&str> = Vec::new();
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            match pair.strip_prefix("page=") {
                Some(page) => out.push_str(&format!("page/{page}/")),
                None => rest.push(pair),
            }
        }
        if !rest.is_empty() {
            out.push('?');
            out.push_str(&rest.join("&"));
        }
        out
    }

    /// How many folders below the site's root this view's page is (`../` steps back to it).
    pub fn depth(&self) -> usize {
        let path = self.to_path();
        path.split('?').next().unwrap_or("").matches('/').count()
    }

    /// The way from this view's page back to the site's root: `../` per folder, or, on the
    /// not-found page (which a host serves at any address), the root's absolute path `root`.
    pub fn back(&self, root: &str) -> String {
        match self {
            Route::Unknown { .. } => root.to_owned(),
            _ => "../".repeat(self.depth()),
        }
    }

    /// A link to this view from a page whose way back to the root is `back`, relative so a
    /// site works under any sub-path: `../../channel/x/` from an article, `./` for the root
    /// from the root.
    pub fn href(&self, back: &str) -> String {
        let path = self.to_path();
        if back.is_empty() && (path.is_empty() || path.starts_with('?')) {
            format!("./{path}")
        } else {
            format!("{back}{path}")
        }
    }

    /// The hash for this view, with the leading `#`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::List(state) => {
                let path = match &state.channel {
                    None => "#/".to_owned(),
                    Some(id) => format!("#/channel/{}", encode_component(id)),
                };
                let mut pairs: Vec<String> = Vec::new();
                let mut add = |key: &str, value: &str| {
                    pairs.push(format!("{key}={}", encode_component(value)))
                };
                if !state.q.is_empty() {
                    add("q", &state.q);
                }
                for (key, value) in [
                    ("source", &state.source),
                    ("tag", &state.tag),
                    ("from", &state.from),
                    ("to", &state.to),
                ] {
                    if let Some(value) = value {
                        add(key, value);
                    }
                }
                if let Some(sort) = state.sort.key() {
                    add("sort", sort);
                }
                if state.page > 1 {
                    add("page", &state.page.to_string());
                }
                if pairs.is_empty() {
                    path
                } else {
                    format!("{path}?{}", pairs.join("&"))
                }
            }
            Route::Article { id } => format!("#/article/{}", encode_component(id)),
            Route::Unknown { path } => format!("#{}", encode_path(path)),
        }
    }

    /// A channel's list, first page, no filters.
    pub fn channel(id: &str) -> Route {
        Route::List(ListState {
            channel: Some(id.to_owned()),
            page: 1,
            ..ListState::default()
        })
    }

    /// The route of an article.
    pub fn article(id: &str) -> Route {
        Route::Article { id: id.to_owned() }
    }

    /// The list state, for list views.
    pub fn list(&self) -> Option<&ListState> {
        match self {
            Route::List(state) => Some(state),
            _ => None,
        }
    }
}

/// The absolute path of a site's root, from the path of one of its pages (`/news/article/x/`)
/// and the way back written in that page (`../../`, or an absolute `/news/` on a not-found
/// page).
pub fn site_root(page_path: &str, back: &str) -> String {
    if back.starts_with('/') {
        return back.to_owned();
    }
    // The page's folder: a file name (`index.html`) is not part of it.
    let folder = &page_path[..page_path.rfind('/').map_or(0, |i| i + 1)];
    let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for step in back.split('/') {
        match step {
            ".." => {
                parts.pop();
            }
            "" | "." => {}
            other => parts.push(other),
        }
    }
    let mut root = String::from("/");
    for part in parts {
        root.push_str(part);
        root.push('/');
    }
    root
}

/// Encodes a free path, keeping its slashes.
fn encode_path(path: &str) -> String {
    path.split('/')
        .map(encode_component)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(f: impl FnOnce(&mut ListState)) -> Route {
        let mut state = ListState {
            page: 1,
            ..ListState::default()
        };
        f(&mut state);
        Route::List(state)
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(Route::parse(""), Route::default());
        assert_eq!(Route::parse("#"), Route::default());
        assert_eq!(Route::parse("#/"), Route::default());
        assert_eq!(Route::parse("#/?page=3"), list(|s| s.page = 3));
        assert_eq!(Route::parse("#/channel/lc-news"), Route::channel("lc-news"));
        assert_eq!(
            Route::parse("#/channel/lc-news?page=2"),
            list(|s| {
                s.channel = Some("lc-news".into());
                s.page = 2;
            })
        );
        assert_eq!(Route::parse("#/article/a-1"), Route::article("a-1"));
        assert_eq!(
            Route::parse("#/nope/x/y"),
            Route::Unknown {
                path: "/nope/x/y".into()
            }
        );
        assert_eq!(
            Route::parse("#/?q=%E8%B4%A8%E9%87%8F+%E5%BC%BA&source=%E8%81%8A%E5%9F%8E%E6%97%A5%E6%8A%A5&tag=x&from=2015-06-01&to=2015-06-30&sort=old"),
            list(|s| {
                s.q = "质量 强".into();
                s.source = Some("聊城日报".into());
                s.tag = Some("x".into());
                s.from = Some("2015-06-01".into());
                s.to = Some("2015-06-30".into());
                s.sort = Sort::Oldest;
            })
        );
    }

    #[test]
    fn bad_values_fall_back_to_defaults() {
        for query in [
            "page=0",
            "page=-1",
            "page=x",
            "page=",
            "page=99999999999999999999999",
            "pag=2",
            "sort=sideways",
            "from=yesterday",
            "to=2015-6-1",
            "source=",
            "tag=%20",
            "=",
            "&&",
            "q",
        ] {
            assert_eq!(
                Route::parse(&format!("#/?{query}")),
                Route::default(),
                "{query}"
            );
        }
    }

    #[test]
    fn round_trips_including_unusual_values() {
        let routes = [
            Route::default(),
            list(|s| s.page = 7),
            list(|s| {
                s.channel = Some("资讯 中心&x=1#?".into());
                s.page = 2;
            }),
            list(|s| {
                s.q = "\"质量 强市\" ＡＢＣ & + = # %".into();
                s.source = Some("a&b=c".into());
                s.tag = Some("标签+".into());
                s.from = Some("2015-01-01".into());
                s.sort = Sort::MostViewed;
            }),
            list(|s| s.sort = Sort::Newest),
            Route::article("20150615-质量强市"),
            Route::article("a%2Fb?c#d"),
            Route::Unknown {
                path: "/some/where".into(),
            },
        ];
        for route in routes {
            assert_eq!(Route::parse(&route.to_hash()), route, "{}", route.to_hash());
        }
    }

    #[test]
    fn defaults_are_left_out_of_the_url() {
        assert_eq!(Route::default().to_hash(), "#/");
        assert_eq!(Route::channel("x").to_hash(), "#/channel/x");
        assert_eq!(Route::article("中").to_hash(), "#/article/%E4%B8%AD");
        assert_eq!(list(|s| s.q = "a b".into()).to_hash(), "#/?q=a%20b");
    }

    #[test]
    fn decoding_never_fails_and_long_queries_are_cut() {
        assert_eq!(
            Route::parse("#/article/%FF%FE"),
            Route::article("\u{FFFD}\u{FFFD}")
        );
        assert_eq!(Route::parse("#/article/%"), Route::article("%"));
        let long = format!("#/?q={}", "长".repeat(10_000));
        assert_eq!(
            Route::parse(&long).list().unwrap().q.chars().count(),
            MAX_QUERY_CHARS
        );
    }
    #[test]
    fn site_root_from_a_page() {
        assert_eq!(site_root("/news/article/a-1/", "../../"), "/news/");
        assert_eq!(
            site_root("/news/article/a-1/index.html", "../../"),
            "/news/"
        );
        assert_eq!(site_root("/", ""), "/");
        assert_eq!(site_root("/index.html", "./"), "/");
        assert_eq!(site_root("/a/b/c/d/", "../../../../../.."), "/");
        assert_eq!(site_root("/anything/at/all", "/news/"), "/news/");
    }

    #[test]
    fn path_urls_round_trip_and_relate() {
        let routes = [
            Route::default(),
            list(|s| s.page = 7),
            Route::channel("lc-news"),
            list(|s| {
                s.channel = Some("资讯 中心&x=1#?".into());
                s.page = 2;
                s.q = "质量 强".into();
                s.sort = Sort::Oldest;
            }),
            Route::article("20150615-质量强市"),
            Route::Unknown {
                path: "/some/where".into(),
            },
        ];
        for route in routes {
            assert_eq!(
                Route::parse_path(&route.to_path()),
                route,
                "{}",
                route.to_path()
            );
        }
        assert_eq!(Route::default().to_path(), "");
        assert_eq!(list(|s| s.page = 2).to_path(), "page/2/");
        assert_eq!(
            Route::parse_path("channel/lc-news/page/3/index.html"),
            list(|s| {
                s.channel = Some("lc-news".into());
                s.page = 3;
            })
        );
        assert_eq!(Route::parse_path("index.html"), Route::default());
        assert_eq!(
            Route::parse_path("?page=4"),
            Route::default(),
            "the page is in the path"
        );
        assert_eq!(
            list(|s| {
                s.channel = Some("lc news".into());
                s.q = "质量".into();
                s.page = 2;
            })
            .to_path(),
            "search/?channel=lc%20news&q=%E8%B4%A8%E9%87%8F&page=2",
            "a search has no page of its own: the search page shows it"
        );
        assert_eq!(
            Route::parse_path("search/index.html?tag=x&channel=c&page=3"),
            list(|s| {
                s.channel = Some("c".into());
                s.tag = Some("x".into());
                s.page = 3;
            })
        );
        assert_eq!(
            Route::parse_path("search/"),
            Route::default(),
            "the empty search lists everything"
        );
        for bad in ["page/0/", "page/x/", "channel/a/page/", "article/", "a/b/c"] {
            assert!(
                matches!(Route::parse_path(bad), Route::Unknown { .. }),
                "{bad}"
            );
        }
        let article = Route::article("a-1");
        assert_eq!(Route::default().href(&article.back("/")), "../../");
        assert_eq!(
            Route::channel("x").href(&article.back("/")),
            "../../channel/x/"
        );
        assert_eq!(article.href(&Route::default().back("/")), "article/a-1/");
        assert_eq!(Route::default().href(&Route::default().back("/")), "./");
        assert_eq!(
            Route::Unknown {
                path: "/x/y".into()
            }
            .back("/news/"),
            "/news/"
        );
        assert_eq!(
            list(|s| s.q = "a".into()).href(&Route::default().back("/")),
            "search/?q=a"
        );
        assert_eq!(
            list(|s| s.q = "a".into()).href(&article.back("/")),
            "../../search/?q=a"
        );
        assert_eq!(
            Route::default().href(
                &list(|s| {
                    s.channel = Some("x".into());
                    s.page = 2;
                })
                .back("/")
            ),
            "../../../../"
        );
    }
}
