//! Search tests: folding, query parsing, matching against a brute-force reference (hand-picked
//! and property-based), every facet combination, ranking, highlighting and snippets.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;
use crate::catalogue::Catalogue;
use crate::load::load;

fn demo() -> Catalogue {
    load(include_str!("../../../../data/articles.json"))
        .unwrap()
        .catalogue
}

fn generated(n: usize) -> Catalogue {
    load(&crate::generate::generate(n, 42).to_string())
        .unwrap()
        .catalogue
}

fn state(q: &str) -> SearchRequest {
    SearchRequest {
        q: q.into(),
        ..SearchRequest::default()
    }
}

/// True when `channel` is `ancestor` or lies below it.
fn is_within(catalogue: &Catalogue, channel: &str, ancestor: &str) -> bool {
    catalogue
        .channel_path(channel)
        .iter()
        .any(|c| c.id == ancestor)
}

/// The reference: every article, every term, plain substring search, plain filters.
fn brute_force(catalogue: &Catalogue, state: &SearchRequest) -> BTreeSet<usize> {
    let query = Query::parse(&state.q);
    catalogue
        .articles()
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            let title = normalize(&a.title);
            let text = searchable_text(a);
            query
                .terms
                .iter()
                .all(|t| title.contains(t.as_str()) || text.contains(t.as_str()))
        })
        .filter(|(_, a)| {
            state
                .channel
                .as_ref()
                .is_none_or(|c| is_within(catalogue, &a.channel, c))
        })
        .filter(|(_, a)| state.source.as_ref().is_none_or(|s| &a.source == s))
        .filter(|(_, a)| state.tag.as_ref().is_none_or(|t| a.tags.contains(t)))
        .filter(|(_, a)| {
            state
                .from
                .as_ref()
                .is_none_or(|d| a.published.date_iso() >= *d)
        })
        .filter(|(_, a)| {
            state
                .to
                .as_ref()
                .is_none_or(|d| a.published.date_iso() <= *d)
        })
        .map(|(i, _)| i)
        .collect()
}

fn hits(catalogue: &Catalogue, state: &SearchRequest) -> BTreeSet<usize> {
    catalogue.index().run(state).hits.into_iter().collect()
}

#[test]
fn folding_matches_full_and_half_width_and_case() {
    assert_eq!(normalize("ＡＢＣ１２３"), "abc123");
    assert_eq!(normalize("Hello\u{3000}World\t!"), "hello world !");
    assert_eq!(normalize("质量强市"), "质量强市");
    assert_eq!(normalize("ÀÉÎ"), "àéî");
    // One character in, one character out, always.
    for text in ["İstanbul", "ﬁ", "Straße", "ＡＢＣ", "\u{3000}"] {
        assert_eq!(
            normalize(text).chars().count(),
            text.chars().count(),
            "{text}"
        );
    }
}

#[test]
fn queries_split_on_spaces_and_keep_phrases() {
    assert_eq!(Query::parse("质量 强市").terms, ["质量", "强市"]);
    assert_eq!(
        Query::parse("质量\u{3000}强市").terms,
        ["质量", "强市"],
        "full-width space separates"
    );
    assert_eq!(
        Query::parse("\"quality city\" 聊城").terms,
        ["quality city", "聊城"]
    );
    assert_eq!(Query::parse("“质量 强市”").terms, ["质量 强市"]);
    assert_eq!(Query::parse("＂ＡＢ Ｃ＂").terms, ["ab c"]);
    assert_eq!(Query::parse("\"unclosed phrase").terms, ["unclosed phrase"]);
    assert_eq!(
        Query::parse("a a A").terms,
        ["a"],
        "duplicates fold together"
    );
    assert!(Query::parse("").is_empty());
    assert!(Query::parse("   \u{3000}\t ").is_empty());
    assert!(Query::parse("\"\"").is_empty());
    let many: String = (0..100).map(|i| format!("t{i} ")).collect();
    assert_eq!(Query::parse(&many).terms.len(), MAX_TERMS);
}

#[test]
fn a_substring_only_the_seed_body_contains_finds_the_seed() {
    let catalogue = demo();
    for q in [
        "质量强",
        "强市战",
        "牛鼻子",
        "“牛鼻子”",
        "魏传忠",
        "输配电及控制设备",
    ] {
        let found = hits(&catalogue, &state(q));
        let ids: Vec<&str> = found
            .iter()
            .map(|&i| catalogue.articles()[i].id.as_str())
            .collect();
        assert!(ids.contains(&"20150615-zhiliang-qiangshi"), "{q}: {ids:?}");
        assert_eq!(found, brute_force(&catalogue, &state(q)), "{q}");
    }
    assert_eq!(
        hits(&catalogue, &state("牛鼻子")).len(),
        1,
        "only the seed article has 牛鼻子"
    );
}

#[test]
fn latin_is_case_insensitive_and_full_width_matches_half_width() {
    let catalogue = demo();
    let lower = hits(&catalogue, &state("k15"));
    assert!(!lower.is_empty());
    assert_eq!(lower, hits(&catalogue, &state("K15")));
    assert_eq!(lower, hits(&catalogue, &state("Ｋ１５")));
}

#[test]
fn all_terms_must_match() {
    let catalogue = demo();
    let both = hits(&catalogue, &state("高考 志愿"));
    let gaokao = hits(&catalogue, &state("高考"));
    let zhiyuan = hits(&catalogue, &state("志愿"));
    assert_eq!(both, gaokao.intersection(&zhiyuan).copied().collect());
    assert!(both.len() < gaokao.len());
    assert!(hits(&catalogue, &state("高考 不存在的词语")).is_empty());
}

#[test]
fn empty_whitespace_and_very_long_queries() {
    let catalogue = demo();
    let all: BTreeSet<usize> = (0..catalogue.articles().len()).collect();
    assert_eq!(hits(&catalogue, &state("")), all);
    assert_eq!(hits(&catalogue, &state(" \u{3000} ")), all);
    let long = "质".repeat(10_000);
    assert!(hits(&catalogue, &state(&long)).is_empty());
    let long_existing = format!("{} 质量", "聊城 ".repeat(500));
    assert_eq!(
        hits(&catalogue, &state(&long_existing)),
        brute_force(&catalogue, &state(&long_existing))
    );
}

#[test]
fn every_facet_combination_matches_the_reference() {
    let catalogue = demo();
    let queries = ["", "聊城", "质量", "高考 志愿", "市", "不存在"];
    let channels = [
        None,
        Some("news"),
        Some("lc-news"),
        Some("education"),
        Some("sports"),
    ];
    let sources = [None, Some("聊城日报"), Some("新华社"), Some("nowhere")];
    let tags = [None, Some("质量强市"), Some("旅游")];
    let ranges = [
        (None, None),
        (Some("2015-06-01"), None),
        (None, Some("2015-06-30")),
        (Some("2015-06-01"), Some("2015-06-30")),
    ];
    let mut checked = 0;
    for q in queries {
        for channel in channels {
            for source in sources {
                for tag in tags {
                    for (from, to) in ranges {
                        let s = SearchRequest {
                            q: q.into(),
                            channel: channel.map(Into::into),
                            source: source.map(Into::into),
                            tag: tag.map(Into::into),
                            from: from.map(Into::into),
                            to: to.map(Into::into),
                            ..state("")
                        };
                        let results = catalogue.index().run(&s);
                        assert_eq!(
                            results.hits.iter().copied().collect::<BTreeSet<_>>(),
                            brute_force(&catalogue, &s),
                            "{s:?}"
                        );
                        // Each facet value's count is what selecting it would give.
                        for (value, n) in &results.facets.sources {
                            let picked = SearchRequest {
                                source: Some(value.clone()),
                                ..s.clone()
                            };
                            assert_eq!(*n, brute_force(&catalogue, &picked).len(), "{picked:?}");
                        }
                        for (value, n) in &results.facets.channels {
                            let picked = SearchRequest {
                                channel: Some(value.clone()),
                                ..s.clone()
                            };
                            assert_eq!(*n, brute_force(&catalogue, &picked).len(), "{picked:?}");
                        }
                        for (value, n) in &results.facets.tags {
                            let picked = SearchRequest {
                                tag: Some(value.clone()),
                                ..s.clone()
                            };
                            assert_eq!(*n, brute_force(&catalogue, &picked).len(), "{picked:?}");
                        }
                        for (month, n) in &results.facets.months {
                            let (from, to) = month_range(month).unwrap();
                            let picked = SearchRequest {
                                from: Some(from),
                                to: Some(to),
                                ..s.clone()
                            };
                            assert_eq!(*n, brute_force(&catalogue, &picked).len(), "{picked:?}");
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, 6 * 5 * 4 * 3 * 4);
}

#[test]
fn ranking_puts_title_hits_first_then_more_hits_then_newer() {
    let catalogue = demo();
    let results = catalogue.index().run(&state("质量"));
    let first = &catalogue.articles()[results.hits[0]];
    assert!(first.title.contains("质量"), "{}", first.title);
    let title_hits: Vec<bool> = results
        .hits
        .iter()
        .map(|&i| catalogue.articles()[i].title.contains("质量"))
        .collect();
    let boundary = title_hits
        .iter()
        .position(|t| !t)
        .unwrap_or(title_hits.len());
    assert!(
        title_hits[boundary..].iter().all(|t| !t),
        "all title hits come before body-only hits: {title_hits:?}"
    );
    // Equal scores keep newest first.
    let index = catalogue.index();
    let query = Query::parse("质量");
    for pair in results.hits.windows(2) {
        let (a, b) = (
            index.score(pair[0], &query, true),
            index.score(pair[1], &query, true),
        );
        assert!(a > b || (a == b && pair[0] < pair[1]), "{a:?} {b:?}");
    }
}

#[test]
fn broad_queries_rank_by_title_hits_then_date() {
    let catalogue = generated(3 * BODY_SCORE_LIMIT);
    let results = catalogue.index().run(&state("市"));
    assert!(results.hits.len() > BODY_SCORE_LIMIT);
    let query = Query::parse("市");
    let index = catalogue.index();
    for pair in results.hits.windows(2) {
        let (a, b) = (
            index.score(pair[0], &query, false),
            index.score(pair[1], &query, false),
        );
        assert!(a > b || (a == b && pair[0] < pair[1]), "{a:?} {b:?}");
    }
    // A narrower query is ranked with body hits.
    let narrow = catalogue.index().run(&state(crate::generate::RARE_PHRASE));
    assert!(narrow.hits.len() <= BODY_SCORE_LIMIT);
}

#[test]
fn sort_orders() {
    let catalogue = demo();
    let run = |sort| {
        catalogue
            .index()
            .run(&SearchRequest { sort, ..state("") })
            .hits
    };
    let newest = run(Sort::Newest);
    assert_eq!(newest, (0..catalogue.articles().len()).collect::<Vec<_>>());
    assert_eq!(run(Sort::Auto), newest);
    let mut oldest = newest.clone();
    oldest.reverse();
    assert_eq!(run(Sort::Oldest), oldest);
    let views: Vec<u64> = run(Sort::MostViewed)
        .iter()
        .map(|&i| catalogue.articles()[i].views.unwrap_or(0))
        .collect();
    assert!(views.windows(2).all(|w| w[0] >= w[1]), "{views:?}");
}

#[test]
fn highlight_marks_folded_matches_in_the_original_text() {
    let terms = |q: &str| Query::parse(q).terms;
    let marked = |text: &str, q: &str| -> Vec<(String, bool)> {
        highlight(text, &terms(q))
            .into_iter()
            .map(|s| (s.text, s.marked))
            .collect()
    };
    assert_eq!(
        marked("聊城质量强市", "质量"),
        [
            ("聊城".into(), false),
            ("质量".into(), true),
            ("强市".into(), false)
        ]
    );
    assert_eq!(
        marked("ＡＢＣ abc", "abc"),
        [
            ("ＡＢＣ".into(), true),
            (" ".into(), false),
            ("abc".into(), true)
        ]
    );
    assert_eq!(
        marked("质量强", "质量 量强"),
        [("质量强".into(), true)],
        "overlaps merge"
    );
    assert_eq!(marked("无", "有"), [("无".into(), false)]);
    assert_eq!(marked("", "有"), [("".into(), false)]);
    let text = "a<script>质量</script>";
    let joined: String = highlight(text, &terms("质量"))
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(joined, text, "segments always rebuild the original");
}

#[test]
fn snippets_cut_around_the_first_body_hit() {
    let catalogue = demo();
    let seed = catalogue.article("20150615-zhiliang-qiangshi").unwrap();
    let cut = snippet(seed, &Query::parse("牛鼻子").terms, 10).unwrap();
    assert!(
        cut.starts_with('…') && cut.ends_with('…') && cut.contains("牛鼻子"),
        "{cut}"
    );
    assert!(cut.chars().count() <= 10 * 3 + 2);
    let start = snippet(seed, &Query::parse("本报讯").terms, 10).unwrap();
    assert!(start.starts_with("本报讯"), "{start}");
    assert_eq!(snippet(seed, &Query::parse("不存在").terms, 10), None);
}

#[test]
fn month_ranges() {
    assert_eq!(
        month_range("2015-06"),
        Some(("2015-06-01".into(), "2015-06-30".into()))
    );
    assert_eq!(
        month_range("2016-02"),
        Some(("2016-02-01".into(), "2016-02-29".into()))
    );
    assert_eq!(month_range("2015-13"), None);
    assert_eq!(month_range("x"), None);
}

#[test]
fn unknown_filter_values_match_nothing() {
    let catalogue = demo();
    let s = SearchRequest {
        source: Some("no such source".into()),
        ..state("")
    };
    assert!(catalogue.index().run(&s).hits.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any query made of pieces of real text, noise and odd spacing agrees with the reference.
    #[test]
    fn matching_agrees_with_brute_force(
        pieces in proptest::collection::vec(
            prop_oneof![
                Just("聊城".to_owned()), Just("质量".to_owned()), Just("市".to_owned()), Just("工作".to_owned()),
                Just("Ｋ".to_owned()), Just("k1".to_owned()), Just("\u{3000}".to_owned()), Just("\"".to_owned()),
                Just(" ".to_owned()), Just("的".to_owned()), Just("推进".to_owned()), "[\\PC]{0,3}",
            ],
            0..6,
        ),
        channel in proptest::option::of(prop_oneof![Just("news"), Just("livelihood"), Just("economy"), Just("sports")]),
    ) {
        let catalogue = &*CATALOGUE;
        let s = SearchRequest { q: pieces.concat(), channel: channel.map(Into::into), ..state("") };
        prop_assert_eq!(hits(catalogue, &s), brute_force(catalogue, &s));
    }

    /// Highlighting never loses or reorders text, whatever the input.
    #[test]
    fn highlight_rebuilds_the_text(text in "\\PC{0,40}", q in "\\PC{0,6}") {
        let joined: String = highlight(&text, &Query::parse(&q).terms).into_iter().map(|s| s.text).collect();
        prop_assert_eq!(joined, text);
    }
}

static CATALOGUE: std::sync::LazyLock<Catalogue> = std::sync::LazyLock::new(|| generated(2_000));

/// Traditional and simplified Chinese search as one (`crate::variants`): either form of a query
/// finds either form of the text, ranked the same, and the match is marked as written.
#[test]
fn traditional_and_simplified_search_as_one() {
    let catalogue = demo();
    let index = catalogue.index();
    let seed = "聊城实施质量强市战略动员暨科学技术奖励大会召开";
    for q in ["質量強市", "聊城實施", "科學技術獎勵", "质量强市"] {
        let results = index.run(&state(q));
        assert_eq!(catalogue.articles()[results.hits[0]].title, seed, "{q}");
    }
    for (simplified, traditional) in [
        ("质量", "質量"),
        ("发展", "發展"),
        ("实施 聊城", "實施 聊城"),
    ] {
        let simplified = index.run(&state(simplified));
        assert!(!simplified.hits.is_empty());
        assert_eq!(
            simplified.hits,
            index.run(&state(traditional)).hits,
            "{traditional}"
        );
    }
    // An article written in traditional characters is found by the simplified query, and the
    // match is marked in the text as written.
    let written = "聊城實施質量強市戰略動員暨科學技術獎勵大會召開";
    let data = include_str!("../../../../data/articles.json").replace(seed, written);
    let catalogue = load(&data).unwrap().catalogue;
    let results = catalogue.index().run(&state("质量强市"));
    let first = &catalogue.articles()[results.hits[0]];
    assert_eq!(first.title, written);
    let marked: Vec<String> = highlight(&first.title, &results.query.terms)
        .into_iter()
        .filter(|s| s.marked)
        .map(|s| s.text)
        .collect();
    assert_eq!(marked, ["質量強市"]);
    assert_eq!(
        brute_force(&catalogue, &state("質量強市")).len(),
        results.hits.len()
    );
}

fn spell(catalogue: &Catalogue, q: &str) -> (Results, Spelled) {
    let (results, spelled) = catalogue.search(&state(q));
    (results, spelled.expect("a pinyin query"))
}

/// Pinyin and initials (`crate::pinyin`): a query no character matches finds what its pinyin
/// matches in titles, sources and tags, ranked by the words it matched; any pinyin query
/// suggests those words and the channels it names.
#[test]
fn pinyin_queries_find_the_words_they_spell() {
    let catalogue = demo();
    let seed = "聊城实施质量强市战略动员暨科学技术奖励大会召开";
    for q in [
        "zlqs",
        "zhiliangqiangshi",
        "zhiliang qiangshi",
        "zl强市",
        "ZhiLiang",
    ] {
        let (results, spelled) = spell(&catalogue, q);
        assert!(spelled.by_pinyin, "{q}");
        assert_eq!(catalogue.articles()[results.hits[0]].title, seed, "{q}");
        assert!(
            results
                .query
                .terms
                .iter()
                .any(|t| seed.contains(t.as_str())),
            "{q}"
        );
        assert_eq!(
            spelled.suggestions[0].text,
            if q == "ZhiLiang" {
                "质量"
            } else {
                "质量强市"
            },
            "{q}"
        );
    }
    // `lc` suggests 聊城, the word most titles have, first among the words.
    let (lc, lc_spelled) = spell(&catalogue, "lc");
    let words: Vec<&str> = lc_spelled
        .suggestions
        .iter()
        .filter(|s| s.channel.is_none())
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(words[0], "聊城", "{:?}", lc_spelled.suggestions);
    let count = catalogue
        .articles()
        .iter()
        .filter(|a| {
            [a.title.as_str(), a.source.as_str()]
                .into_iter()
                .chain(a.tags.iter().map(String::as_str))
                .any(|f| {
                    crate::pinyin::Pattern::parse("lc")
                        .unwrap()
                        .find(f)
                        .is_some_and(|(x, y)| &f[x..y] == "聊城")
                })
        })
        .count();
    assert_eq!(
        lc_spelled
            .suggestions
            .iter()
            .find(|s| s.text == "聊城")
            .unwrap()
            .count,
        count
    );
    // The results are exactly the articles a field of which the pattern matches, under the filters.
    let reference: BTreeSet<usize> = catalogue
        .articles()
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            let pattern = crate::pinyin::Pattern::parse("lc").unwrap();
            [a.title.as_str(), a.source.as_str()]
                .into_iter()
                .chain(a.tags.iter().map(String::as_str))
                .any(|f| pattern.find(f).is_some())
        })
        .map(|(i, _)| i)
        .collect();
    assert_eq!(lc.hits.iter().copied().collect::<BTreeSet<_>>(), reference);
    let channel = catalogue.articles()[lc.hits[0]].channel.clone();
    let (within, _) = catalogue.search(&SearchRequest {
        channel: Some(channel.clone()),
        ..state("lc")
    });
    assert!(!within.hits.is_empty() && within.hits.len() <= lc.hits.len());
    assert!(within.hits.iter().all(|&i| is_within(
        &catalogue,
        &catalogue.articles()[i].channel,
        &channel
    )));
    // A query whose characters match is searched as typed; its pinyin only suggests.
    let data = include_str!("../../../../data/articles.json").replace(seed, "LC 指数发布");
    let typed = load(&data).unwrap().catalogue;
    let (results, spelled) = spell(&typed, "lc");
    assert!(!spelled.by_pinyin);
    assert_eq!(results.hits.len(), 1);
    assert_eq!(results.hits, typed.index().run(&state("lc")).hits);
    assert_eq!(spelled.suggestions, lc_spelled.suggestions);
    assert!(spell(&catalogue, "xyzxyz").0.hits.is_empty());
    // Not a pinyin query: nothing spelled.
    assert_eq!(catalogue.search(&state("质量")).1, None);
    // Text written in traditional characters: found, and suggested as written.
    let written = "聊城實施質量強市戰略動員暨科學技術獎勵大會召開";
    let data = include_str!("../../../../data/articles.json").replace(seed, written);
    let catalogue = load(&data).unwrap().catalogue;
    let (results, spelled) = spell(&catalogue, "zlqs");
    assert_eq!(catalogue.articles()[results.hits[0]].title, written);
    assert_eq!(spelled.suggestions[0].text, "質量強市");
}

/// Capitals beyond ASCII fold as `char::to_lowercase` folds them (when it gives one character):
/// exactly so over the blocks the folding covers whole, and never otherwise elsewhere.
#[test]
fn capitals_of_the_covered_alphabets_fold_as_unicode_says() {
    let unicode = |c: char| {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) => l,
            _ => c,
        }
    };
    let whole = [
        0x00C0..=0x017F,
        0x0386..=0x03CE,
        0x0400..=0x052F,
        0x1E00..=0x1EFF,
    ];
    let mut folded = 0;
    for c in whole.into_iter().flatten().filter_map(char::from_u32) {
        assert_eq!(fold(c), unicode(c), "U+{:04X} {c}", c as u32);
        folded += usize::from(unicode(c) != c);
    }
    assert!(folded > 350, "{folded} capitals folded");
    for c in (0x0080..=0x2FFF).filter_map(char::from_u32) {
        if fold(c) != c && !c.is_whitespace() {
            assert_eq!(fold(c), unicode(c), "U+{:04X} {c}", c as u32);
        }
    }
    // Latin Extended-B: Vietnamese, Romanian, pinyin with tones.
    assert_eq!(normalize("ƠƯȘȚǍǏǑǓǕǗǙǛ"), "ơưșțǎǐǒǔǖǘǚǜ");
    assert_eq!(
        normalize("ÉCOLE Ελλάδα МОСКВА Việt Nam"),
        "école ελλάδα москва việt nam"
    );
    // Armenian is not covered: kept as written.
    assert_eq!(fold('Ա'), 'Ա');
}
