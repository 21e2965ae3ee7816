//! URL hash <-> view. Pure, so every route round-trips in native tests.
//!
//! Hash routes work on any static host: `#/` (all articles), `#/?page=2`, `#/channel/<id>`,
//! `#/channel/<id>?page=3`, `#/article/<id>`. Ids are percent-encoded, so any id is safe in a URL.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986 unreserved characters is encoded in a path segment or query value.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Encodes one path segment or query value.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// Decodes one path segment or query value; invalid UTF-8 becomes U+FFFD instead of failing.
pub fn decode_component(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// One view of the viewer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// A list of articles: all of them, or one channel's (and its sub-channels').
    List {
        /// Channel id, `None` for all articles.
        channel: Option<String>,
        /// 1-based page number.
        page: usize,
    },
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
        Route::List {
            channel: None,
            page: 1,
        }
    }
}

impl Route {
    /// Reads a `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let page = query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == "page")
            .and_then(|(_, value)| value.parse::<usize>().ok())
            .filter(|&page| page >= 1)
            .unwrap_or(1);
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Route::List {
                channel: None,
                page,
            },
            ["channel", id] => Route::List {
                channel: Some(decode_component(id)),
                page,
            },
            ["article", id] => Route::Article {
                id: decode_component(id),
            },
            _ => Route::Unknown {
                path: decode_component(path),
            },
        }
    }

    /// The hash for this view, with the leading `#`. Page 1 is left out, so each view has one URL.
    pub fn to_hash(&self) -> String {
        let page_query = |page: usize| {
            if page > 1 {
                format!("?page={page}")
            } else {
                String::new()
            }
        };
        match self {
            Route::List {
                channel: None,
                page,
            } => format!("#/{}", page_query(*page)),
            Route::List {
                channel: Some(id),
                page,
            } => format!("#/channel/{}{}", encode_component(id), page_query(*page)),
            Route::Article { id } => format!("#/article/{}", encode_component(id)),
            Route::Unknown { path } => format!("#{}", encode_path(path)),
        }
    }

    /// A list route for a channel, first page.
    pub fn channel(id: &str) -> Route {
        Route::List {
            channel: Some(id.to_owned()),
            page: 1,
        }
    }

    /// The route of an article.
    pub fn article(id: &str) -> Route {
        Route::Article { id: id.to_owned() }
    }

    /// True for list views.
    pub fn is_list(&self) -> bool {
        matches!(self, Route::List { .. })
    }
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

    #[test]
    fn parses_every_form() {
        assert_eq!(Route::parse(""), Route::default());
        assert_eq!(Route::parse("#"), Route::default());
        assert_eq!(Route::parse("#/"), Route::default());
        assert_eq!(
            Route::parse("#/?page=3"),
            Route::List {
                channel: None,
                page: 3
            }
        );
        assert_eq!(Route::parse("#/channel/lc-news"), Route::channel("lc-news"));
        assert_eq!(
            Route::parse("#/channel/lc-news?page=2"),
            Route::List {
                channel: Some("lc-news".into()),
                page: 2
            }
        );
        assert_eq!(Route::parse("#/article/a-1"), Route::article("a-1"));
        assert_eq!(
            Route::parse("#/nope/x/y"),
            Route::Unknown {
                path: "/nope/x/y".into()
            }
        );
    }

    #[test]
    fn bad_pages_fall_back_to_the_first() {
        for query in [
            "page=0",
            "page=-1",
            "page=x",
            "page=",
            "page=99999999999999999999999",
            "pag=2",
        ] {
            assert_eq!(
                Route::parse(&format!("#/?{query}")),
                Route::default(),
                "{query}"
            );
        }
    }

    #[test]
    fn round_trips_including_unusual_ids() {
        let routes = [
            Route::default(),
            Route::List {
                channel: None,
                page: 7,
            },
            Route::List {
                channel: Some("资讯 中心&x=1#?".into()),
                page: 2,
            },
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
    fn page_one_has_no_query() {
        assert_eq!(Route::default().to_hash(), "#/");
        assert_eq!(Route::channel("x").to_hash(), "#/channel/x");
        assert_eq!(Route::article("中").to_hash(), "#/article/%E4%B8%AD");
    }

    #[test]
    fn decoding_never_fails() {
        assert_eq!(
            Route::parse("#/article/%FF%FE"),
            Route::article("\u{FFFD}\u{FFFD}")
        );
        assert_eq!(Route::parse("#/article/%"), Route::article("%"));
    }
}
