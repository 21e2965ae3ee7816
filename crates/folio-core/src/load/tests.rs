//! Loader tests: one per kind of problem, plus the bundled demo data.

use std::collections::HashSet;

use serde_json::{json, Value};

use super::*;
use crate::error::Error;
use crate::model::{Block, Role};

fn site() -> Value {
    json!({"name": "聊城信息港", "url": "http://www.liaocheng.cc/", "copyright": "Copyright © 2003-2009 liaocheng.cc"})
}

fn channels() -> Value {
    json!([
        {"id": "news", "name": "资讯中心"},
        {"id": "lc-news", "name": "聊城新闻", "parent": "news"}
    ])
}

fn article(id: &str) -> Value {
    json!({
        "id": id,
        "title": format!("标题 {id}"),
        "channel": "lc-news",
        "published": "2015-06-15T09:22:32+08:00",
        "source": "聊城新闻网",
        "body": [{"type": "paragraph", "text": "本报讯 正文。"}]
    })
}

fn load_articles(articles: Vec<Value>) -> Loaded {
    let doc = json!({"site": site(), "channels": channels(), "articles": articles});
    load(&doc.to_string()).expect("top level is valid")
}

fn with(mut value: Value, field: &str, new: Value) -> Value {
    value[field] = new;
    value
}

fn without(mut value: Value, field: &str) -> Value {
    value.as_object_mut().unwrap().remove(field);
    value
}

fn only_problem(loaded: &Loaded) -> &Problem {
    assert_eq!(loaded.problems.len(), 1, "{:#?}", loaded.problems);
    &loaded.problems[0]
}

/// Loads a good article and `bad`, and checks that `bad` has exactly one problem: this one,
/// skipping the article or not.
fn second_article_with_one_problem(
    bad: &Value,
    field: &str,
    kind: &ProblemKind,
    skipped: bool,
) -> Loaded {
    let loaded = load_articles(vec![article("a"), bad.clone()]);
    let problem = only_problem(&loaded);
    assert_eq!(
        (problem.field.as_str(), &problem.kind, problem.skipped),
        (field, kind, skipped),
        "{bad}"
    );
    assert!(matches!(&problem.place, Place::Article { index: 1, .. }));
    loaded
}

#[test]
fn a_valid_article_loads_with_a_derived_summary() {
    let loaded = load_articles(vec![article("a")]);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let a = loaded.catalogue.article("a").unwrap();
    assert_eq!(a.summary, "本报讯 正文。");
    assert_eq!(a.published.to_string(), "2015-06-15T09:22:32+08:00");
    assert!(a.views.is_none() && a.editor.is_none() && a.authors.is_empty());
}

#[test]
fn fatal_errors_say_what_is_wrong() {
    assert_eq!(
        load("{\"site\": ").unwrap_err(),
        Error::NotJson { line: 1, column: 9 }
    );
    assert_eq!(load("").unwrap_err(), Error::NotJson { line: 1, column: 0 });
    assert_eq!(load("[1, 2]").unwrap_err(), Error::NotAnObject);
    assert_eq!(
        load(r#"{"channels": [], "articles": []}"#).unwrap_err(),
        Error::BadTopLevel {
            field: "site",
            expected: Expected::Object
        }
    );
    assert_eq!(
        load(&json!({"site": site(), "channels": {}, "articles": []}).to_string()).unwrap_err(),
        Error::BadTopLevel {
            field: "channels",
            expected: Expected::List
        }
    );
    assert_eq!(
        load(&json!({"site": site(), "channels": [], "articles": "x"}).to_string()).unwrap_err(),
        Error::BadTopLevel {
            field: "articles",
            expected: Expected::List
        }
    );
    let no_name = json!({"site": {"copyright": "c"}, "channels": [], "articles": []});
    assert!(matches!(
        load(&no_name.to_string()).unwrap_err(),
        Error::BadSite(Problem {
            kind: ProblemKind::Missing,
            ..
        })
    ));
}

#[test]
fn missing_and_wrong_typed_fields_skip_the_article_and_name_the_field() {
    let cases = [
        (
            without(article("b"), "title"),
            "title",
            ProblemKind::Missing,
        ),
        (
            with(article("b"), "title", json!(null)),
            "title",
            ProblemKind::Missing,
        ),
        (
            with(article("b"), "title", json!(42)),
            "title",
            ProblemKind::WrongType(Expected::Text),
        ),
        (
            with(article("b"), "title", json!("   ")),
            "title",
            ProblemKind::Empty,
        ),
        (
            with(article("b"), "body", json!([])),
            "body",
            ProblemKind::Empty,
        ),
        (
            with(article("b"), "body", json!("text")),
            "body",
            ProblemKind::WrongType(Expected::List),
        ),
        (
            with(article("b"), "body", json!([{"type": "paragraph"}])),
            "body[0].text",
            ProblemKind::Missing,
        ),
        (
            with(article("b"), "published", json!("2015-6-15 9:22:32")),
            "published",
            ProblemKind::BadDate("2015-6-15 9:22:32".into()),
        ),
        (
            with(article("b"), "published", json!("2015-06-15T09:22:32")),
            "published",
            ProblemKind::BadDate("2015-06-15T09:22:32".into()),
        ),
        (
            with(article("b"), "channel", json!("sports")),
            "channel",
            ProblemKind::UnknownChannel("sports".into()),
        ),
        (
            with(article("b"), "id", json!("a b")),
            "id",
            ProblemKind::BadId("a b".into()),
        ),
        (
            with(article("b"), "id", json!("..")),
            "id",
            ProblemKind::BadId("..".into()),
        ),
        (
            with(
                article("b"),
                "title",
                json!("长".repeat(MAX_LINE_CHARS + 1)),
            ),
            "title",
            ProblemKind::TooLong {
                max: MAX_LINE_CHARS,
            },
        ),
    ];
    for (bad, field, kind) in cases {
        let loaded = second_article_with_one_problem(&bad, field, &kind, true);
        assert_eq!(
            loaded.catalogue.articles().len(),
            1,
            "the good article still loads"
        );
    }
}

#[test]
fn bad_optional_values_are_dropped_with_a_warning_and_the_article_shows() {
    let cases = [
        (
            with(article("b"), "views", json!(-3)),
            "views",
            ProblemKind::WrongType(Expected::Count),
        ),
        (
            with(article("b"), "views", json!("12")),
            "views",
            ProblemKind::WrongType(Expected::Count),
        ),
        (
            with(article("b"), "tags", json!("x")),
            "tags",
            ProblemKind::WrongType(Expected::List),
        ),
        (
            with(article("b"), "tags", json!([1])),
            "tags[0]",
            ProblemKind::WrongType(Expected::Text),
        ),
        (
            with(article("b"), "authors", json!([{"name": "甲"}])),
            "authors[0].role",
            ProblemKind::Missing,
        ),
        (
            with(article("b"), "authors", json!(["甲"])),
            "authors[0]",
            ProblemKind::WrongType(Expected::Object),
        ),
        (
            with(article("b"), "views", json!(1.5)),
            "views",
            ProblemKind::WrongType(Expected::Count),
        ),
        (
            with(article("b"), "subtitle", json!(["副标题"])),
            "subtitle",
            ProblemKind::WrongType(Expected::Text),
        ),
        (
            with(article("b"), "editor", json!("")),
            "editor",
            ProblemKind::Empty,
        ),
        (
            with(article("b"), "summary", json!(7)),
            "summary",
            ProblemKind::WrongType(Expected::Text),
        ),
        (
            with(
                article("b"),
                "body",
                json!([{"type": "image", "src": "a.jpg", "alt": "图", "caption": 5}]),
            ),
            "body[0].caption",
            ProblemKind::WrongType(Expected::Text),
        ),
        (
            with(
                article("b"),
                "body",
                json!([{"type": "quote", "text": "引文", "cite": "长".repeat(MAX_LINE_CHARS + 1)}]),
            ),
            "body[0].cite",
            ProblemKind::TooLong {
                max: MAX_LINE_CHARS,
            },
        ),
    ];
    for (bad, field, kind) in cases {
        let loaded = second_article_with_one_problem(&bad, field, &kind, false);
        let place = &loaded.problems[0].place;
        assert!(matches!(place, Place::Article { id: Some(id), .. } if id == "b"));
        let shown = loaded
            .catalogue
            .article("b")
            .expect("the article still shows");
        let dropped = match field {
            "views" => shown.views.is_none(),
            "subtitle" => shown.subtitle.is_none(),
            "editor" => shown.editor.is_none(),
            "summary" => !shown.summary.is_empty(),
            "tags" | "tags[0]" => shown.tags.is_empty(),
            "authors[0]" | "authors[0].role" => shown.authors.is_empty(),
            _ => matches!(
                shown.body.as_slice(),
                [Block::Image { caption: None, .. } | Block::Quote { cite: None, .. }]
            ),
        };
        assert!(dropped, "{field} is dropped: {shown:?}");
    }
}

#[test]
fn every_problem_of_one_article_is_reported() {
    let bad = json!({"id": "x", "channel": "nowhere", "published": "yesterday", "body": []});
    let loaded = load_articles(vec![bad]);
    let fields: Vec<&str> = loaded.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["title", "channel", "published", "source", "body"]);
    assert!(loaded.problems.iter().all(|p| p.place
        == Place::Article {
            index: 0,
            id: Some("x".into())
        }));
}

#[test]
fn duplicate_ids_keep_the_first() {
    let second = with(article("a"), "title", json!("second"));
    let loaded = load_articles(vec![article("a"), second]);
    assert_eq!(
        only_problem(&loaded).kind,
        ProblemKind::DuplicateId("a".into())
    );
    assert_eq!(loaded.catalogue.article("a").unwrap().title, "标题 a");
}

#[test]
fn an_entry_that_is_not_an_object_is_skipped() {
    let loaded = load_articles(vec![json!("oops"), article("a")]);
    let problem = only_problem(&loaded);
    assert_eq!(
        (problem.kind.clone(), problem.place.clone()),
        (
            ProblemKind::NotAnObject,
            Place::Article { index: 0, id: None }
        )
    );
}

#[test]
fn unknown_related_ids_are_dropped_with_a_warning() {
    let a = with(article("a"), "related", json!(["b", "ghost", "a"]));
    let loaded = load_articles(vec![a, article("b")]);
    let kinds: Vec<_> = loaded
        .problems
        .iter()
        .map(|p| (p.kind.clone(), p.skipped))
        .collect();
    assert_eq!(
        kinds,
        [
            (ProblemKind::UnknownRelated("ghost".into()), false),
            (ProblemKind::UnknownRelated("a".into()), false)
        ]
    );
    assert_eq!(loaded.catalogue.article("a").unwrap().related, ["b"]);
}

#[test]
fn unknown_fields_and_blocks_warn_but_keep_the_article() {
    let a = with(
        with(article("a"), "colour", json!("red")),
        "body",
        json!([
            {"type": "paragraph", "text": "一"},
            {"type": "video", "src": "x.mp4"}
        ]),
    );
    let loaded = load_articles(vec![a]);
    let kinds: Vec<_> = loaded
        .problems
        .iter()
        .map(|p| (p.field.clone(), p.kind.clone(), p.skipped))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "body[1].type".into(),
                ProblemKind::UnknownBlock("video".into()),
                false
            ),
            ("colour".into(), ProblemKind::UnknownField, false),
        ]
    );
    assert_eq!(loaded.catalogue.article("a").unwrap().body.len(), 1);
}

#[test]
fn unsafe_image_urls_are_dropped() {
    for src in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:image/png;base64,AAAA",
        "vbscript:x",
    ] {
        let a = with(
            article("a"),
            "body",
            json!([
                {"type": "paragraph", "text": "一"},
                {"type": "image", "src": src, "alt": "图"}
            ]),
        );
        let loaded = load_articles(vec![a]);
        assert_eq!(
            only_problem(&loaded).kind,
            ProblemKind::UnsafeUrl(src.into()),
            "{src}"
        );
        assert_eq!(
            loaded.catalogue.article("a").unwrap().body.len(),
            1,
            "{src}"
        );
    }
    for src in [
        "https://example.com/a.jpg",
        "http://x/y.png",
        "img/a.jpg",
        "/a.jpg",
        "a.jpg?x=1:2",
        "//cdn/x.png",
    ] {
        assert!(is_safe_url(src), "{src}");
    }
}

#[test]
fn bad_channels_are_reported_and_their_articles_too() {
    let doc = json!({
        "site": site(),
        "channels": [
            {"id": "news", "name": "资讯中心"},
            {"id": "orphan", "name": "孤儿", "parent": "missing"},
            {"id": "loop-a", "name": "A", "parent": "loop-b"},
            {"id": "loop-b", "name": "B", "parent": "loop-a"},
            {"id": "news", "name": "again"},
            {"name": "no id"}
        ],
        "articles": [with(article("a"), "channel", json!("orphan"))]
    });
    let loaded = load(&doc.to_string()).unwrap();
    let kinds: Vec<_> = loaded.problems.iter().map(|p| p.kind.clone()).collect();
    assert!(
        kinds.contains(&ProblemKind::DuplicateId("news".into())),
        "{kinds:?}"
    );
    assert!(kinds.contains(&ProblemKind::Missing), "{kinds:?}");
    assert!(
        kinds.contains(&ProblemKind::UnknownParent("missing".into())),
        "{kinds:?}"
    );
    assert!(kinds.contains(&ProblemKind::ChannelCycle), "{kinds:?}");
    assert!(
        kinds.contains(&ProblemKind::UnknownChannel("orphan".into())),
        "{kinds:?}"
    );
    assert_eq!(loaded.catalogue.channels().len(), 1);
    assert!(loaded.catalogue.articles().is_empty());
}

#[test]
fn articles_are_sorted_newest_first_by_instant() {
    // 09:00 in Beijing is 01:00 UTC, earlier than 02:00 UTC written as 03:00+01:00.
    let beijing = with(
        article("beijing"),
        "published",
        json!("2015-06-15T09:00:00+08:00"),
    );
    let paris = with(
        article("paris"),
        "published",
        json!("2015-06-15T03:00:00+01:00"),
    );
    let loaded = load_articles(vec![beijing, paris]);
    let ids: Vec<&str> = loaded
        .catalogue
        .articles()
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ids, ["paris", "beijing"]);
}

#[test]
fn serialised_catalogue_loads_back_the_same() {
    let full = json!({
        "id": "full", "title": "题", "subtitle": "副题", "channel": "lc-news",
        "published": "2015-06-15T09:22:32+08:00", "source": "聊城新闻网", "views": 12, "editor": "佚名",
        "authors": [{"role": "reporter", "name": "曹天伟"}, {"role": "摄影师", "name": "某"}],
        "summary": "摘要", "tags": ["质量"], "related": [],
        "body": [
            {"type": "paragraph", "text": "段"}, {"type": "heading", "text": "小标题"},
            {"type": "image", "src": "a.jpg", "alt": "图", "caption": "说明"},
            {"type": "quote", "text": "引", "cite": "某人"}
        ]
    });
    let loaded = load_articles(vec![full]);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let c = &loaded.catalogue;
    let doc = json!({"site": c.site(), "channels": c.channels(), "articles": c.articles()});
    let again = load(&doc.to_string()).unwrap();
    assert!(again.problems.is_empty());
    assert_eq!(again.catalogue, loaded.catalogue);
}

#[test]
fn the_bundled_demo_data_loads_cleanly() {
    let text = include_str!("../../../../data/articles.json");
    let loaded = load(text).expect("demo data loads");
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    let c = &loaded.catalogue;
    assert!(c.articles().len() >= 41, "{}", c.articles().len());
    let channels: HashSet<&str> = c.articles().iter().map(|a| a.channel.as_str()).collect();
    let tops: HashSet<&str> = channels
        .iter()
        .map(|ch| c.channel_path(ch)[0].id.as_str())
        .collect();
    assert!(
        tops.len() >= 4,
        "articles span at least 4 top-level channels: {tops:?}"
    );
    let sources: HashSet<&str> = c.articles().iter().map(|a| a.source.as_str()).collect();
    assert!(sources.len() >= 3, "{sources:?}");
    let months: HashSet<(i32, u8)> = c
        .articles()
        .iter()
        .map(|a| (a.published.year, a.published.month))
        .collect();
    assert!(months.len() >= 3, "{months:?}");
    assert!(c.articles().iter().filter(|a| !a.tags.is_empty()).count() >= 30);
    assert!(
        c.articles()
            .iter()
            .filter(|a| !a.related.is_empty())
            .count()
            >= 10
    );
}

#[test]
fn the_seed_article_is_in_the_demo_data_verbatim() {
    let seed = include_str!("../../../../tests/fixtures/liaocheng-news-2015-06-15.txt");
    let loaded = load(include_str!("../../../../data/articles.json")).unwrap();
    let c = &loaded.catalogue;
    let a = c
        .article("20150615-zhiliang-qiangshi")
        .expect("seed article present");
    assert_eq!(a.title, "聊城实施质量强市战略动员暨科学技术奖励大会召开");
    assert!(seed.contains(&a.title));
    assert_eq!(a.published.to_string(), "2015-06-15T09:22:32+08:00");
    assert_eq!(a.source, "聊城新闻网");
    assert_eq!(a.editor.as_deref(), Some("佚名"));
    let path: Vec<&str> = c
        .channel_path(&a.channel)
        .iter()
        .map(|ch| ch.name.as_str())
        .collect();
    assert_eq!(path, ["资讯中心", "聊城新闻"]);
    assert_eq!(c.site().name, "聊城信息港");
    assert!(seed.contains(&c.site().copyright));
    let byline: Vec<(Role, &str)> = a
        .authors
        .iter()
        .map(|au| (au.role.clone(), au.name.as_str()))
        .collect();
    assert_eq!(
        byline,
        [
            (Role::Reporter, "曹天伟"),
            (Role::Reporter, "王培源"),
            (Role::Correspondent, "肖艳伟")
        ]
    );
    // Every body paragraph of the seed page, in order, and nothing else.
    let seed_paragraphs: Vec<&str> = seed
        .lines()
        .map(str::trim)
        .skip_while(|line| !line.starts_with("本报讯"))
        .take_while(|line| !line.starts_with("(记者"))
        .filter(|line| !line.is_empty())
        .collect();
    let body: Vec<&str> = a
        .body
        .iter()
        .map(|b| match b {
            Block::Paragraph { text } => text.as_str(),
            other => panic!("unexpected block {other:?}"),
        })
        .collect();
    assert_eq!(seed_paragraphs.len(), 12);
    assert_eq!(body, seed_paragraphs);
}

// Native only: proptest is not built for wasm32.
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    //! The loader and the URL parser on arbitrary input: they never panic, and what they accept
    //! is consistent. Fixed case counts keep the test command's time bounded.

    use super::*;
    use crate::route::Route;
    use proptest::prelude::*;

    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            "\\PC{0,12}".prop_map(Value::String),
            prop_oneof![
                Just("2015-06-15T09:22:32+08:00"),
                Just("lc-news"),
                Just("news"),
                Just("paragraph"),
                Just("javascript:x")
            ]
            .prop_map(|s| Value::String(s.to_owned())),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec(
                    (
                        prop_oneof![
                            Just("id"),
                            Just("title"),
                            Just("channel"),
                            Just("published"),
                            Just("source"),
                            Just("body"),
                            Just("type"),
                            Just("text"),
                            Just("src"),
                            Just("alt"),
                            Just("related"),
                            Just("authors"),
                            Just("x")
                        ],
                        inner
                    ),
                    0..8
                )
                .prop_map(|pairs| Value::Object(
                    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
                )),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
            let _ = load(&text);
        }

        #[test]
        fn arbitrary_documents_load_or_fail_cleanly(articles in proptest::collection::vec(any_json(), 0..6)) {
            let doc = json!({"site": site(), "channels": channels(), "articles": articles});
            let loaded = load(&doc.to_string()).expect("the top level is valid");
            // Every loaded article has what the views rely on, and every reported problem names
            // an entry that exists.
            for article in loaded.catalogue.articles() {
                prop_assert!(!article.title.trim().is_empty() && !article.body.is_empty());
                prop_assert!(loaded.catalogue.channel(&article.channel).is_some());
                for related in &article.related {
                    prop_assert!(loaded.catalogue.article(related).is_some());
                }
            }
            for problem in &loaded.problems {
                if let Place::Article { index, .. } = problem.place {
                    prop_assert!(index < articles.len());
                }
            }
        }

        #[test]
        fn any_hash_parses_and_routes_round_trip(hash in "#?/?\\PC{0,60}") {
            let route = Route::parse(&hash);
            prop_assert_eq!(Route::parse(&route.to_hash()), route);
        }
    }
}

#[test]
fn fingerprints_tell_files_apart() {
    assert_eq!(fingerprint(b""), "cbf29ce484222325");
    assert_eq!(fingerprint(b"a"), "af63dc4c8601ec8c");
    assert_ne!(fingerprint(b"{}"), fingerprint(b"{ }"));
    assert_eq!(fingerprint(b"{}").len(), 16);
}

#[test]
fn owned_bytes_load_like_borrowed_ones() {
    let text = include_str!("../../../../data/articles.json");
    let owned = load_owned(text.as_bytes().to_vec()).unwrap();
    assert_eq!(owned, load_bytes(text.as_bytes()).unwrap());
    assert!(matches!(
        load_owned(b"\xFF\xFE{\x00}\x00".to_vec()),
        Err(Error::NotUtf8 { .. })
    ));
}

/// Articles are validated as they are read when the channels come first, and kept raw until
/// the end when they come before: both orders give the same catalogue and the same problems.
#[test]
fn articles_before_channels_load_the_same() {
    let articles = json!([
        article("a"),
        "oops",
        with(article("b"), "channel", json!("nowhere")),
        with(article("a"), "title", json!("again")),
        without(article("c"), "title"),
        article("d"),
    ]);
    let usual = json!({"site": site(), "channels": channels(), "articles": articles}).to_string();
    let reversed =
        json!({"articles": articles, "channels": channels(), "site": site()}).to_string();
    assert!(reversed.starts_with("{\"articles\""));
    let (usual, reversed) = (load(&usual).unwrap(), load(&reversed).unwrap());
    assert_eq!(usual.catalogue.articles().len(), 2);
    assert_eq!(usual.problems.len(), 4);
    assert_eq!(usual.catalogue.articles(), reversed.catalogue.articles());
    assert_eq!(usual.problems, reversed.problems);
    // A file whose articles are not a list is still refused by name, in either order.
    let bad = json!({"articles": {}, "site": site(), "channels": channels()}).to_string();
    assert!(matches!(
        load(&bad),
        Err(Error::BadTopLevel {
            field: "articles",
            ..
        })
    ));
}
