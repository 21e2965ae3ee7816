//! Pinyin tests: the readers' queries of issue 24, heteronyms, syllable breaks, and the walk
//! against a brute-force reference that tries every run of characters and every way to read it.

use proptest::prelude::*;

use super::*;

fn found<'t>(query: &str, text: &'t str) -> Option<&'t str> {
    let pattern = Pattern::parse(query).unwrap_or_else(|| panic!("{query} is a pattern"));
    pattern.find(text).map(|(from, to)| &text[from..to])
}

#[test]
fn readers_queries_find_what_they_mean() {
    let headline = "我市召开质量强市工作会议";
    for query in [
        "zhiliangqiangshi",
        "zhiliang qiangshi",
        "zlqs",
        "zl强市",
        "ZLQS",
        "zhil qiangs",
        "ｚｌｑｓ",
    ] {
        assert_eq!(found(query, headline), Some("质量强市"), "{query}");
    }
    // Traditional text reads as its simplified form.
    assert_eq!(found("zlqs", "我市召開質量強市工作會議"), Some("質量強市"));
    assert_eq!(found("lc", "聊城市召开会议"), Some("聊城"));
    assert_eq!(found("liaocheng", "聊城市召开会议"), Some("聊城"));
    // Heteronyms take any of their readings.
    assert_eq!(found("chongqing", "重庆发布"), Some("重庆"));
    assert_eq!(found("yinhang", "中国银行聊城分行"), Some("银行"));
    assert_eq!(found("hangye", "银行业"), Some("行业"));
    // ü is typed v, or u.
    assert_eq!(found("lvse", "绿色发展"), Some("绿色"));
    assert_eq!(found("luse", "绿色发展"), Some("绿色"));
    // The shortest match that ends first.
    assert_eq!(found("lc", "聊城聊城"), Some("聊城"));
    assert_eq!(found("ss", "市市市"), Some("市市"));
}

#[test]
fn a_break_ends_a_syllable() {
    assert_eq!(found("xi'an", "西安先行"), Some("西安"));
    assert_eq!(found("xian", "先行"), Some("先"));
    assert_eq!(found("xi an", "先行"), None);
    // Spaces in the text inside a run are passed over; Latin letters match themselves.
    assert_eq!(found("zlqs", "质量 强市"), Some("质量 强市"));
    assert_eq!(found("5gwl", "建设5G网络"), Some("5G网络"));
}

#[test]
fn what_is_not_a_pattern() {
    for query in [
        "",
        "l",
        "质量",
        "聊城 z",
        "a-b",
        "hello!",
        &"a".repeat(MAX_LEN + 1),
    ] {
        assert_eq!(Pattern::parse(query), None, "{query:?}");
    }
    assert!(Pattern::parse(&"a".repeat(MAX_LEN)).is_some());
    assert_eq!(found("qqqq", "质量强市"), None);
    // The longest query, its last point the walk's highest bit.
    let longest = "zhiliangqiangshi".repeat(3);
    assert_eq!(longest.len(), MAX_LEN);
    assert_eq!(
        found(&longest, "十二质量强市质量强市质量强市"),
        Some("质量强市质量强市质量强市")
    );
    assert_eq!(found(&longest, "质量强市质量强市质量强"), None);
    assert_eq!(found("zlqsg", "质量强市"), None);
}

#[test]
fn tables_that_are_not_one_are_refused() {
    for text in [
        "",
        "# only a header\n",
        "zhi\n",
        "Zhi 之\n",
        "zhiiiii 之\n",
        "zhi abc\n",
    ] {
        assert_eq!(read(text).err(), Some(NotATable), "{text:?}");
    }
    let table = read("# header\nzhi 之知\nzhong 中重\nchong 重\n").unwrap();
    assert_eq!(table.syllables.len(), 3);
    assert_eq!(
        table.of('重').collect::<Vec<_>>(),
        [&b"zhong"[..], b"chong"]
    );
}

#[test]
fn the_committed_table_covers_what_news_is_written_in() {
    let table = TABLE.with(|table| table.borrow().clone());
    assert!(table.syllables.len() > 400, "{}", table.syllables.len());
    let chars = table.at.windows(2).filter(|w| w[1] > w[0]).count();
    assert!(chars > 7_000, "{chars}");
    // The seed article's headline and its site name read whole.
    for c in "聊城实施质量强市战略科学技术奖励信息港新华社".chars() {
        assert!(table.of(c).next().is_some(), "{c}");
    }
}

/// The reference: every run of characters, ending first and then starting last, read every way.
fn brute(pattern: &Pattern, text: &str) -> Option<(usize, usize)> {
    brute_from(pattern, text, false, false)
}

/// [`brute`], or with `anchored` only the runs from the first character, with `whole` only the
/// run of every character.
fn brute_from(
    pattern: &Pattern,
    text: &str,
    anchored: bool,
    whole: bool,
) -> Option<(usize, usize)> {
    let table = TABLE.with(|table| table.borrow().clone());
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    fn takes(pattern: &Pattern, table: &Readings, run: &[char], q: usize) -> bool {
        let n = pattern.items.len();
        let Some((&c, rest)) = run.split_first() else {
            return q == n;
        };
        if c == ' ' {
            return q > 0 && q < n && takes(pattern, table, rest, q);
        }
        if q < n && pattern.items[q] == c && takes(pattern, table, rest, q + 1) {
            return true;
        }
        table.of(c).any(|syllable| {
            (1..=syllable.len()).any(|k| {
                q + k <= n
                    && (1..k).all(|j| !pattern.breaks_at(q + j))
                    && (0..k).all(|j| same_letter(pattern.items[q + j], syllable[j]))
                    && takes(pattern, table, rest, q + k)
            })
        })
    }
    for end in (0..chars.len()).filter(|&end| !whole || end + 1 == chars.len()) {
        for start in (0..=end).rev().filter(|&start| !anchored || start == 0) {
            let run: Vec<char> = chars[start..=end].iter().map(|&(_, c)| fold(c)).collect();
            if run[0] != ' ' && takes(pattern, &table, &run, 0) {
                let (at, c) = chars[end];
                return Some((chars[start].0, at + c.len_utf8()));
            }
        }
    }
    None
}

const HAN: &[char] = &[
    '质', '量', '强', '市', '聊', '城', '重', '庆', '行', '银', '西', '安', '先', '绿', '實', '施',
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => prop::sample::select(HAN.to_vec()),
            1 => Just(' '),
            1 => prop::sample::select(vec!['a', 'l', 'x', '5']),
        ],
        0..10,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn query() -> impl Strategy<Value = String> {
    // Readings of the alphabet's characters cut at random, with breaks and characters mixed in.
    let pieces = prop_oneof![
        4 => prop::sample::select(vec![
            "zhi", "zh", "z", "liang", "l", "li", "qiang", "q", "shi", "s", "liao", "cheng", "ch",
            "c", "zhong", "chong", "qing", "hang", "xing", "yin", "xi", "an", "xian", "lv", "lu",
        ]),
        1 => prop::sample::select(vec![" ", "'", "a", "5"]),
        1 => prop::sample::select(vec!["强", "聊", "市"]),
    ];
    prop::collection::vec(pieces, 1..6).prop_map(|pieces| pieces.concat())
}

/// The reference for [`Finder::starts`]: the shortest run from the first character.
fn brute_start(pattern: &Pattern, text: &str) -> Option<usize> {
    brute_from(pattern, text, true, false).map(|(_, end)| end)
}

proptest! {
    #[test]
    fn the_walk_finds_what_trying_every_reading_finds(text in text(), query in query()) {
        if let Some(pattern) = Pattern::parse(&query) {
            prop_assert_eq!(pattern.find(&text), brute(&pattern, &text), "{} in {}", query, text);
            prop_assert_eq!(pattern.finder().starts(&text), brute_start(&pattern, &text), "{} at the start of {}", query, text);
            prop_assert_eq!(pattern.finder().spells(&text), brute_from(&pattern, &text, true, true).is_some(), "{} spells {}", query, text);
        }
    }
}

#[test]
fn a_vocabulary_keeps_the_runs_articles_share_as_written() {
    let articles: Vec<Vec<&str>> = vec![
        vec!["聊城召开质量强市会议", "聊城日报", "质量强市"],
        vec!["聊城發布質量強市成果", "新华社"],
        vec!["运河 文化", "聊城日报", "聊城\t新闻发布会"],
        vec!["文化", "聊城市人民政府新闻办公室", "CCTV\n新闻联播"],
        vec!["体育", "CCTV 新闻联播"],
        vec!["建安", "聊城市人民政府新闻办公室", "#运河文化带建设#"],
    ];
    let text = vocabulary(articles.iter().map(|a| a.iter().copied()), 100);
    let words = read_words(&text).unwrap();
    let count = |word: &str| words.iter().find(|(w, _)| w == word).map(|(_, n)| *n);
    assert_eq!(count("聊城"), Some(5));
    // Whole names of sources and tags longer than a run, kept as written (a topic's # too);
    // a name with a tab in it is left out, so every line of the file reads.
    assert_eq!(count("聊城市人民政府新闻办公室"), Some(2));
    assert_eq!(count("#运河文化带建设#"), Some(1));
    assert!(!text.contains("聊城\t新闻"), "{text}");
    // Counted with the spelling that has a line break, written as the one without.
    assert_eq!(count("CCTV 新闻联播"), Some(1));
    // As written in the first article that has it; counted once per article.
    assert_eq!(count("质量强市"), Some(2));
    assert_eq!(count("質量強市"), None);
    // A run never seen outside a longer one is not a word of its own.
    assert_eq!(count("量强市"), None);
    assert_eq!(count("量强"), None);
    // Runs stop at anything not Chinese; names too short to be runs of their own are runs.
    assert_eq!(count("运河"), Some(2));
    assert_eq!(count("文化"), Some(3));
    // 运河文化 from the topic alone: runs do not cross the title's space.
    assert_eq!(count("运河文化"), Some(1));
    assert!(
        words.windows(2).all(|w| w[0].1 >= w[1].1),
        "most articles first"
    );
    // At most `limit` runs and `limit / 10` names.
    let text = vocabulary(articles.iter().map(|a| a.iter().copied()), 10);
    let few = read_words(&text).unwrap();
    let names = few.iter().filter(|(w, _)| w.chars().count() > 4).count();
    assert_eq!((few.len() - names, names), (10, 1), "{few:?}");
    assert_eq!(few[0], ("聊城".to_owned(), 5));
    // Suggestions: the words a pattern spells whole, then those whose start it spells.
    let spelled = |q: &str| {
        let suggested = suggest(&Pattern::parse(q).unwrap(), &words, 8);
        suggested
            .into_iter()
            .map(|s| (s.text, s.count))
            .collect::<Vec<_>>()
    };
    assert_eq!(spelled("zlqs"), [("质量强市".to_owned(), 2)]);
    assert_eq!(spelled("zhiliangq"), [("质量强市".to_owned(), 2)]);
    assert_eq!(spelled("lc")[0], ("聊城".to_owned(), 5));
    // A word spelled whole goes before one whose start alone is spelled, even when a shorter
    // reading of its start matches first (jian: 建 alone, or 建安 as ji-an).
    assert_eq!(spelled("jian")[0], ("建安".to_owned(), 1));
    assert!(
        spelled("lc")
            .iter()
            .skip(1)
            .all(|(w, _)| w.starts_with("聊城")),
        "{:?}",
        spelled("lc")
    );
    assert!(
        read_words("# h\n聊城 3\n").is_err(),
        "a tab separates the count"
    );
    assert!(read_words("聊城\t3\n").is_err(), "a header first");
}
