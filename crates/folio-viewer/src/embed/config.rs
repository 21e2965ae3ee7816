//! The element's settings from its attributes, and the details of its events. Pure, so it is
//! tested natively.

use folio_core::catalogue::{PAGE_SIZE, PAGE_SIZES};
use folio_core::i18n::Lang;
use folio_core::prefs::Theme;
use folio_core::route::{ListState, Route};

use crate::hooks::Routing;

/// The element's tag name.
pub const TAG: &str = "folio-viewer";

/// The attributes the element watches; a change to any of them updates the viewer.
pub const OBSERVED: [&str; 10] = [
    "src",
    "article",
    "channel",
    "q",
    "page-size",
    "lang",
    "theme",
    "share",
    "routing",
    "base-url",
];

/// A viewer's settings, read from its element's attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElementConfig {
    /// `src`: the data file's URL; the bundled demo data when `None`.
    pub src: Option<String>,
    /// `article`, or `channel` with `q`: the view to open.
    pub start: Option<Route>,
    /// `page-size`, clamped to 1–200.
    pub page_size: usize,
    /// `lang`: `zh-CN` or `en`; `None` leaves it to the reader's choice or browser (else zh-CN).
    pub lang: Option<Lang>,
    /// `theme`: `light`, `dark` or `auto`; `None` leaves it to the reader's choice (else auto).
    pub theme: Option<Theme>,
    /// `share`: share targets in order.
    pub share: Option<String>,
    /// `routing`: `none` (default) or `hash`.
    pub routing: Routing,
    /// `base-url`: the address shared links start with.
    pub base_url: Option<String>,
}

impl ElementConfig {
    /// Reads the settings; `attribute(name)` gives an attribute's value when it is present.
    /// Blank values count as absent, and values that make no sense fall back to the default.
    pub fn from_attributes(attribute: impl Fn(&str) -> Option<String>) -> ElementConfig {
        let get = |name: &str| {
            attribute(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let start = match (get("article"), get("channel"), get("q")) {
            (Some(id), _, _) => Some(Route::article(&id)),
            (None, None, None) => None,
            (None, channel, q) => Some(Route::List(ListState {
                channel,
                q: q.unwrap_or_default()
                    .chars()
                    .take(folio_core::route::MAX_QUERY_CHARS)
                    .collect(),
                page: 1,
                ..ListState::default()
            })),
        };
        ElementConfig {
            src: get("src"),
            start,
            page_size: get("page-size")
                .and_then(|n| n.parse::<usize>().ok())
                .map_or(PAGE_SIZE, |n| {
                    n.clamp(*PAGE_SIZES.start(), *PAGE_SIZES.end())
                }),
            lang: get("lang").and_then(|l| Lang::from_tag(&l)),
            theme: get("theme").and_then(|t| Theme::from_key(&t)),
            share: get("share"),
            routing: get("routing").map_or(Routing::None, |r| Routing::from_key(&r)),
            base_url: get("base-url"),
        }
    }
}

/// The detail of a `folio-navigate` event: `view` (`list`, `article` or `not-found`), `article`
/// (the id, for an article), `channel` and `q` (for a list).
pub fn navigate_detail(route: &Route) -> Vec<(&'static str, Option<String>)> {
    match route {
        Route::List(state) => vec![
            ("view", Some("list".to_owned())),
            ("article", None),
            ("channel", state.channel.clone()),
            ("q", Some(state.q.clone())),
        ],
        Route::Article { id } => vec![
            ("view", Some("article".to_owned())),
            ("article", Some(id.clone())),
        ],
        Route::Unknown { .. } => vec![("view", Some("not-found".to_owned())), ("article", None)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> ElementConfig {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ElementConfig::from_attributes(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_without_attributes() {
        let c = config(&[]);
        assert_eq!(c.src, None);
        assert_eq!(c.start, None);
        assert_eq!(c.page_size, 20);
        assert_eq!(c.lang, None);
        assert_eq!(c.theme, None);
        assert_eq!(c.routing, Routing::None);
        assert_eq!(c.share, None);
    }

    #[test]
    fn every_attribute_is_read() {
        let c = config(&[
            ("src", " data/news.json "),
            ("channel", "lc-news"),
            ("q", "质量"),
            ("page-size", "5"),
            ("lang", "en"),
            ("theme", "dark"),
            ("share", "wechat,copy"),
            ("routing", "HASH"),
            ("base-url", "https://news.example.cn/"),
        ]);
        assert_eq!(c.src.as_deref(), Some("data/news.json"));
        assert_eq!(
            c.start,
            Some(Route::List(ListState {
                channel: Some("lc-news".into()),
                q: "质量".into(),
                page: 1,
                ..ListState::default()
            }))
        );
        assert_eq!(
            (c.page_size, c.lang, c.theme, c.routing),
            (5, Some(Lang::En), Some(Theme::Dark), Routing::Hash)
        );
        assert_eq!(c.share.as_deref(), Some("wechat,copy"));
        assert_eq!(c.base_url.as_deref(), Some("https://news.example.cn/"));
        assert_eq!(
            config(&[("article", "a-1"), ("channel", "x")]).start,
            Some(Route::article("a-1")),
            "article wins"
        );
    }

    #[test]
    fn nonsense_falls_back() {
        let c = config(&[
            ("page-size", "0"),
            ("lang", "fr"),
            ("theme", "neon"),
            ("routing", "history"),
            ("src", "  "),
        ]);
        assert_eq!(
            (c.page_size, c.lang, c.theme, c.routing, c.src),
            (1, None, None, Routing::None, None)
        );
        assert_eq!(config(&[("page-size", "99999")]).page_size, 200);
        assert_eq!(config(&[("page-size", "-3")]).page_size, 20);
        assert_eq!(config(&[("theme", "AUTO")]).theme, Some(Theme::Auto));
    }

    #[test]
    fn navigate_details() {
        assert_eq!(
            navigate_detail(&Route::article("a")),
            [
                ("view", Some("article".into())),
                ("article", Some("a".into()))
            ]
        );
        assert_eq!(
            navigate_detail(&Route::default())[0],
            ("view", Some("list".into()))
        );
        assert_eq!(
            navigate_detail(&Route::Unknown { path: "x".into() })[0],
            ("view", Some("not-found".into()))
        );
    }
}
