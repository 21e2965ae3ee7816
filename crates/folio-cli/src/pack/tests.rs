//! `folio pack`: the archive's files, its builds and their publishing, on small inputs.

use rustc_hash::FxHashMap;

use super::writer::{archive_files, File};
use super::*;
use folio_core::archive::reader::{Archive, Step};
use folio_core::archive::{READINGS, WORDS};
use folio_core::catalogue::ListPage;
use folio_core::catalogue::RELATED;
use folio_core::error::Fault;
use folio_core::generate::generate;
use folio_core::model::Article;
use folio_core::route::Sort;
use folio_core::search::SearchRequest;
use folio_core::search::{normalize, Suggestion};
use folio_core::Error;

/// An archive in memory: its files by path, and a reader that fetches from them.
struct Served {
    files: FxHashMap<String, Vec<u8>>,
    fetched: std::cell::RefCell<Vec<String>>,
}

impl Served {
    fn pack(text: &str) -> (Served, Catalogue) {
        let entries = load::load_entries(text).unwrap();
        let catalogue = Catalogue::unindexed(entries.site, entries.channels, entries.articles);
        let files = std::sync::Mutex::new(FxHashMap::default());
        let sink = |f: File| {
            files.lock().unwrap().insert(f.path, f.bytes);
            Ok(())
        };
        archive_files(&catalogue, "00000000000000aa", 0, true, &sink).unwrap();
        let files = files.into_inner().unwrap();
        let whole = load::load(text).unwrap().catalogue;
        (
            Served {
                files,
                fetched: Default::default(),
            },
            whole,
        )
    }

    fn open(&self) -> Archive {
        Archive::open(&self.files[MANIFEST]).unwrap()
    }

    /// Runs `ask` until it is ready, adding each file it asks for.
    fn drive<T>(&self, archive: &Archive, ask: impl Fn(&Archive) -> Result<Step<T>, Error>) -> T {
        for _ in 0..10 {
            match ask(archive).unwrap() {
                Step::Ready(value) => return value,
                Step::Fetch(paths) => {
                    for path in paths {
                        let bytes = self.files.get(&path).unwrap_or_else(|| panic!("no {path}"));
                        archive.add(&path, bytes).unwrap();
                        self.fetched.borrow_mut().push(path);
                    }
                }
            }
        }
        panic!("never ready");
    }
}

/// The ids of `hits[from..from + n]` (fewer at the end).
fn hit_ids<'a>(articles: &'a [Article], hits: &[usize], from: usize, n: usize) -> Vec<&'a str> {
    hits.iter()
        .skip(from)
        .take(n)
        .map(|&i| articles[i].id.as_str())
        .collect()
}

/// The ids of the articles a page shows.
fn shown_ids(page: &ListPage) -> Vec<&str> {
    page.articles.iter().map(|a| a.id.as_str()).collect()
}

fn request(q: &str) -> SearchRequest {
    SearchRequest {
        q: q.into(),
        sort: Sort::Newest,
        ..SearchRequest::default()
    }
}

/// Pinyin in a packed archive (format 2.2): the query is matched against the archive's
/// vocabulary, fetched with the readings once; the words it spells are suggested, and when
/// no character matches, the list is the first word's, as its own query gives it.
#[test]
fn packed_pinyin_suggests_words_and_lists_the_first() {
    let demo = include_str!("../../../../data/articles.json");
    let (served, whole) = Served::pack(demo);
    let archive = served.open();
    let seed = "聊城实施质量强市战略动员暨科学技术奖励大会召开";
    let relevance = |q: &str| SearchRequest {
        q: q.into(),
        ..SearchRequest::default()
    };
    for q in ["zlqs", "zhiliangqiangshi", "zhiliang qiangshi", "zl强市"] {
        let page = served.drive(&archive, |a| a.list(&relevance(q), 1, 10));
        let spelled = page.spelled.as_deref().expect("spelled");
        assert!(spelled.by_pinyin, "{q}");
        assert_eq!(spelled.suggestions[0].text, "质量强市", "{q}");
        assert_eq!(page.articles[0].title, seed, "{q}");
        let literal = served.drive(&archive, |a| a.list(&relevance("质量强市"), 1, 10));
        assert_eq!(shown_ids(&page), shown_ids(&literal), "{q}");
        assert_eq!(page.total, literal.total);
    }
    // `lc`: 聊城 first of the words, with the number of articles that have it, as the
    // whole data file's search counts them; its list is 聊城's.
    let lc = served.drive(&archive, |a| a.list(&relevance("lc"), 1, 10));
    let words: Vec<&Suggestion> = lc
        .spelled
        .as_deref()
        .unwrap()
        .suggestions
        .iter()
        .filter(|s| s.channel.is_none())
        .collect();
    assert_eq!(words[0].text, "聊城");
    let (_, whole_lc) = whole.search(&relevance("lc"));
    let counted = whole_lc
        .unwrap()
        .suggestions
        .iter()
        .find(|s| s.text == "聊城")
        .unwrap()
        .count;
    assert_eq!(words[0].count, counted);
    assert_eq!(lc.total, whole.index().run(&relevance("聊城")).hits.len());
    // The vocabulary was fetched once (natively the readings are compiled in: the browser
    // test sees them fetched), and a damaged one names itself.
    let words_fetched = served
        .fetched
        .borrow()
        .iter()
        .filter(|p| *p == WORDS)
        .count();
    assert_eq!(words_fetched, 1);
    // A damaged readings file, then a sound vocabulary: pinyin stays off, named once.
    let marked = served.open();
    assert!(marked.add(READINGS, b"not readings").is_err());
    marked.add(WORDS, &served.files[WORDS]).unwrap();
    let typed = served.drive(&marked, |a| a.list(&relevance("zlqs"), 1, 10));
    assert_eq!((typed.total, typed.spelled.is_none()), (0, true));
    let fresh = served.open();
    let Err(error) = fresh.add(WORDS, b"# words\nno count here\n") else {
        panic!("a damaged vocabulary is refused");
    };
    assert!(error.to_string().contains(WORDS), "{error}");
    // A query that matches as typed keeps its list; nothing is spelled in it.
    let typed = served.drive(&archive, |a| a.list(&relevance("质量"), 1, 10));
    assert_eq!(typed.spelled, None);
    // A 2.1 archive has no vocabulary: a pinyin query is searched as typed.
    let manifest = String::from_utf8(served.files[MANIFEST].clone()).unwrap();
    let older = manifest.replace("\"version\":[2,2]", "\"version\":[2,1]");
    let older = Archive::open(older.as_bytes()).unwrap();
    let typed = served.drive(&older, |a| a.list(&relevance("zlqs"), 1, 10));
    assert_eq!((typed.total, typed.spelled.is_none()), (0, true));
    let nothing = served.drive(&archive, |a| a.list(&relevance("qqqqxx"), 1, 10));
    let spelled = nothing.spelled.as_deref().unwrap();
    assert_eq!((nothing.total, spelled.by_pinyin), (0, false));
    // A name that is itself pinyin (CCTV新闻联播, the seed's source here) is looked up once:
    // in a channel without it, its list is empty, and nothing is spelled again.
    let data = demo.replacen("\"source\": \"", "\"source\": \"CCTV新闻联播", 1);
    let (served, whole) = Served::pack(&data);
    let archive = served.open();
    let named = served.drive(&archive, |a| a.list(&relevance("cctvxwlb"), 1, 10));
    assert!(named.spelled.as_deref().unwrap().by_pinyin);
    assert!(named.articles[0].source.starts_with("CCTV新闻联播"));
    let path = whole.channel_path(&named.articles[0].channel);
    let elsewhere = whole
        .channels()
        .iter()
        .find(|c| !path.iter().any(|p| p.id == c.id))
        .unwrap();
    let within = SearchRequest {
        channel: Some(elsewhere.id.clone()),
        ..relevance("cctvxwlb")
    };
    let none = served.drive(&archive, |a| a.list(&within, 1, 10));
    assert_eq!(none.total, 0);
}

/// Relevance in a packed archive (format 2.1): the articles with every term in their title
/// first, then the others, each newest first, as a brute-force scan orders them; a long
/// title query (its keys do not decide it) still puts its article first.
#[test]
fn packed_relevance_puts_title_matches_first() {
    let (served, whole) = Served::pack(&generate(3_000, 11).to_string());
    let archive = served.open();
    let articles = whole.articles();
    let ranked = |q: &str| {
        let newest = whole.index().run(&request(q)).hits;
        let terms = folio_core::search::Query::parse(q).terms;
        let titled = |&i: &usize| {
            let title = normalize(&articles[i].title);
            terms.iter().all(|t| title.contains(t.as_str()))
        };
        let (mut first, rest): (Vec<usize>, Vec<usize>) = newest.into_iter().partition(titled);
        assert!(!first.is_empty() && !rest.is_empty(), "{q}: both kinds");
        first.extend(rest);
        first
    };
    let relevance = |q: &str| SearchRequest {
        q: q.into(),
        ..SearchRequest::default()
    };
    for q in [
        "文化",
        "保護",
        "工作",
        "項目",
        "县 工作",
        "市",
        "运河文化保护",
    ] {
        let expected = ranked(q);
        for page_number in [1, 2] {
            let page = served.drive(&archive, |a| a.list(&relevance(q), page_number, 20));
            let want = hit_ids(articles, &expected, (page_number - 1) * 20, 20);
            assert_eq!(shown_ids(&page), want, "{q} page {page_number}");
            assert_eq!(page.total, expected.len(), "{q}");
        }
    }
    // Titles, whole and their first six characters, in simplified and traditional forms.
    for i in [5, 700, 2_900] {
        let title: String = articles[i].title.chars().collect();
        let start: String = title.chars().take(6).collect();
        for q in [title.as_str(), start.as_str()] {
            let page = served.drive(&archive, |a| a.list(&relevance(q), 1, 20));
            let first = normalize(&page.articles[0].title);
            assert!(first.contains(&normalize(q)), "{q}: {first}");
        }
    }
}

/// A format 2.0 archive's keys were made without folding: its queries are not folded
/// (whatever table is loaded) and it lists newest first, as before 2.1.
#[test]
fn a_format_2_0_archive_is_read_without_folding_or_title_ranking() {
    let (mut served, whole) = Served::pack(&generate(1_000, 11).to_string());
    let manifest = String::from_utf8(served.files[MANIFEST].clone()).unwrap();
    let old = manifest.replace("\"version\":[2,2]", "\"version\":[2,0]");
    assert_ne!(old, manifest);
    served.files.insert(MANIFEST.into(), old.into_bytes());
    let archive = served.open();
    let relevance = |q: &str| SearchRequest {
        q: q.into(),
        ..SearchRequest::default()
    };
    // These keys are folded (made by this version), so the traditional query, left as
    // typed, finds nothing: the proof that it was not folded.
    let page = served.drive(&archive, |a| a.list(&relevance("項目"), 1, 20));
    assert_eq!(page.total, 0);
    let page = served.drive(&archive, |a| a.list(&relevance("项目"), 1, 20));
    let expected = whole.index().run(&request("项目"));
    assert_eq!(
        shown_ids(&page),
        hit_ids(whole.articles(), &expected.hits, 0, 20)
    );
}

#[test]
fn the_first_list_needs_the_manifest_and_one_chunk() {
    let (served, whole) = Served::pack(&generate(3_000, 5).to_string());
    let archive = served.open();
    let page = served.drive(&archive, |a| a.list(&SearchRequest::default(), 1, 20));
    assert_eq!(*served.fetched.borrow(), ["list/0.json"]);
    assert_eq!(page.total, 3_000);
    let expected = whole.index().run(&SearchRequest::default());
    assert_eq!(page.facets.as_ref(), Some(&expected.facets));
    assert_eq!(
        shown_ids(&page),
        hit_ids(whole.articles(), &expected.hits, 0, 20)
    );
    // Records carry everything a card shows but the body.
    let first = &whole.articles()[expected.hits[0]];
    assert_eq!(page.articles[0].summary, first.summary);
    assert!(page.articles[0].body.is_empty());
    // Oldest first, page 3.
    let old = served.drive(&archive, |a| {
        a.list(
            &SearchRequest {
                sort: Sort::Oldest,
                ..Default::default()
            },
            3,
            20,
        )
    });
    assert_eq!(old.articles[0].id, whole.articles()[3_000 - 41].id);
}

/// Every kind of request gives what the whole catalogue gives: the same articles in the same
/// order, the same count and facets (once the facts are in). Terms of one or two characters
/// are exact from the index alone; longer ones are flagged approximate and never miss a match.
#[test]
fn packed_search_matches_brute_force() {
    let text = generate(3_000, 9).to_string();
    let (served, whole) = Served::pack(&text);
    let archive = served.open();
    let articles = whole.articles();
    let mut requests: Vec<SearchRequest> = [
        "的",
        "聊城",
        "东阿",
        "质",
        "xyz",
        "保护 工作",
        "\"运河\" 文化",
        // Traditional forms: the archive folds them as the whole catalogue does.
        "發展",
        "東阿 縣",
        "質",
    ]
    .iter()
    .map(|q| request(q))
    .collect();
    requests.push(SearchRequest {
        channel: Some("news".into()),
        ..request("")
    });
    requests.push(SearchRequest {
        source: Some("新华社".into()),
        sort: Sort::MostViewed,
        ..request("发展")
    });
    requests.push(SearchRequest {
        tag: Some(articles[7].tags[0].clone()),
        ..request("")
    });
    requests.push(SearchRequest {
        from: Some("2016-03-01".into()),
        to: Some("2016-05-31".into()),
        ..request("县")
    });
    requests.push(SearchRequest {
        channel: Some("nowhere".into()),
        ..request("")
    });
    for request in &requests {
        let expected = whole.index().run(request);
        // Facet counts come once the facts are here: ask for them as the viewer does.
        let page = served.drive(&archive, |a| match a.list(request, 1, 20)? {
            Step::Ready(page) if !page.later.is_empty() => Ok(Step::Fetch(page.later)),
            step => Ok(step),
        });
        let want = hit_ids(articles, &expected.hits, 0, 20);
        let got = shown_ids(&page);
        assert_eq!(got, want, "{request:?}");
        assert_eq!(page.total, expected.hits.len(), "{request:?}");
        assert_eq!(page.facets.as_ref(), Some(&expected.facets), "{request:?}");
        assert!(!page.approximate, "{request:?}");
    }
    // Substrings of real text, across word boundaries, of two to seven characters, some
    // holding a character without a code (matched by pairs): the first page is exactly the
    // whole catalogue's, and the count is exact or flagged approximate and never below.
    let mut seed = 1u64;
    let mut flagged = 0;
    for round in 0..60 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let article = &articles[(seed >> 33) as usize % articles.len()];
        let mut body: Vec<char> = normalize(&article.summary)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '"')
            .collect();
        let len = 2 + (seed >> 20) as usize % 6;
        let start = (seed >> 40) as usize % (body.len() - len);
        if round % 10 == 9 {
            // A character outside the codes: the summary's own text, with one swapped.
            body[start + 1] = '〇';
        }
        let q: String = body[start..start + len].iter().collect();
        let request = request(&q);
        let expected = whole.index().run(&request);
        let page = served.drive(&archive, |a| a.list(&request, 1, 20));
        let want = hit_ids(articles, &expected.hits, 0, 20);
        let got = shown_ids(&page);
        assert_eq!(got, want, "{q}");
        assert!(page.total >= expected.hits.len(), "{q}");
        if !page.approximate {
            assert_eq!(page.total, expected.hits.len(), "{q}");
        }
        let decided = len <= 2
            || (len <= 4
                && q.chars()
                    .all(|c| folio_core::archive::gram_code(c).is_some()));
        assert!(decided || page.approximate || page.total <= 20, "{q}");
        assert!(!decided || !page.approximate, "{q}");
        flagged += usize::from(page.approximate);
    }
    assert!(
        flagged > 5,
        "only {flagged} approximate counts: the open path went untested"
    );
    // Every page of a long term is confirmed, the last one included.
    let q: String = normalize(&articles[5].summary).chars().take(6).collect();
    let request = request(&q);
    let expected = whole.index().run(&request);
    let last = expected.hits.len().div_ceil(2);
    let page = served.drive(&archive, |a| a.list(&request, last, 2));
    assert_eq!(page.total, expected.hits.len(), "{q}");
    assert!(!page.approximate);
    let want = hit_ids(articles, &expected.hits, (last - 1) * 2, 2);
    assert_eq!(shown_ids(&page), want);
}

/// A list of a channel (its columns included), a source or a tag shows from posting sets,
/// without the rows (which only its facet counts need, fetched after).
#[test]
fn channel_source_and_tag_lists_need_no_rows() {
    let (served, whole) = Served::pack(&generate(2_000, 8).to_string());
    let articles = whole.articles();
    let top = whole
        .channels()
        .iter()
        .find(|c| c.parent.is_none())
        .unwrap();
    let mut requests = vec![
        SearchRequest {
            channel: Some(top.id.clone()),
            ..request("")
        },
        SearchRequest {
            source: Some(articles[11].source.clone()),
            sort: Sort::Oldest,
            ..request("")
        },
        SearchRequest {
            tag: Some(articles[3].tags[0].clone()),
            channel: Some(articles[3].channel.clone()),
            ..request("发展")
        },
    ];
    requests.push(SearchRequest {
        channel: Some("nowhere".into()),
        ..request("")
    });
    for request in &requests {
        let archive = served.open();
        served.fetched.borrow_mut().clear();
        let page = served.drive(&archive, |a| a.list(request, 2, 20));
        let expected = whole.index().run(request);
        let want = hit_ids(articles, &expected.hits, 20, 20);
        let got = shown_ids(&page);
        assert_eq!(got, want, "{request:?}");
        assert_eq!(page.total, expected.hits.len(), "{request:?}");
        let fetched = served.fetched.borrow();
        assert!(
            !fetched
                .iter()
                .any(|f| f.starts_with("rows/") && f.ends_with(".bin")),
            "{request:?}: {fetched:?}"
        );
        assert!(
            page.facets.is_none() && !page.later.is_empty(),
            "{request:?}"
        );
    }
}

/// A format 1.0 archive has no keys of three and four characters: its longer terms are
/// matched by pairs and every page is still confirmed against the text.
#[test]
fn a_format_1_0_archive_confirms_longer_terms_by_text() {
    let (mut served, whole) = Served::pack(&generate(800, 6).to_string());
    let manifest = String::from_utf8(served.files[MANIFEST].clone()).unwrap();
    let old = manifest.replace("\"version\":[2,2]", "\"version\":[1,0]");
    assert_ne!(old, manifest);
    served.files.insert(MANIFEST.into(), old.into_bytes());
    let archive = served.open();
    let articles = whole.articles();
    let q: String = normalize(&articles[3].summary)
        .chars()
        .skip(2)
        .take(3)
        .collect();
    let request = request(&q);
    let expected = whole.index().run(&request);
    let page = served.drive(&archive, |a| a.list(&request, 1, 5));
    assert_eq!(
        shown_ids(&page),
        hit_ids(articles, &expected.hits, 0, 5),
        "{q}"
    );
    assert!(served
        .fetched
        .borrow()
        .iter()
        .any(|f| f.starts_with("text/")));
    assert!(page.total >= expected.hits.len());
}

#[test]
fn articles_come_whole_with_the_same_links() {
    let (served, whole) = Served::pack(&generate(500, 3).to_string());
    let archive = served.open();
    for article in whole.articles().iter().step_by(37) {
        let view = served.drive(&archive, |a| a.article(&article.id));
        assert_eq!(view, whole.article_view(&article.id, RELATED));
    }
    assert_eq!(served.drive(&archive, |a| a.article("no-such-id")), None);
}

#[test]
fn hostile_archives_are_errors_that_name_the_file() {
    let (served, _) = Served::pack(&generate(300, 4).to_string());
    let archive = served.open();
    let damaged = |file: &str| {
        Err(Error::ArchiveFile {
            file: file.into(),
            fault: Fault::Damaged,
        })
    };
    let shard = &served.files["search/0.bin"];
    assert_eq!(
        archive.add("search/0.bin", &shard[..shard.len() - 3]),
        damaged("search/0.bin")
    );
    let mut other = shard.clone();
    other[8] ^= 1;
    assert_eq!(
        archive.add("search/0.bin", &other),
        Err(Error::ArchiveFile {
            file: "search/0.bin".into(),
            fault: Fault::OtherBuild
        })
    );
    let list = String::from_utf8(served.files["list/0.json"].clone()).unwrap();
    assert_eq!(
        archive.add("list/0.json", &list.as_bytes()[..list.len() / 2]),
        damaged("list/0.json")
    );
    // A record that fails validation would shift every other: the chunk is refused.
    let broken = list.replacen("\"title\":", "\"title\":7,\"x\":", 1);
    assert_eq!(
        archive.add("list/0.json", broken.as_bytes()),
        damaged("list/0.json")
    );
    assert_eq!(
        archive.add("ids/../../etc/passwd", b"{}"),
        damaged("ids/../../etc/passwd")
    );
    // A part of the folding table that is not pairs of foldable characters.
    for (path, bytes) in [
        ("fold/70.txt", "質a".as_bytes()),
        ("fold/70.txt", b"\xff\xfe"),
        (WORDS, b"# words\n\t3\n"),
        (READINGS, b"not readings"),
    ] {
        assert_eq!(archive.add(path, bytes), damaged(path));
    }
    // A newer major version is refused by name; a newer minor one is read.
    let manifest = String::from_utf8(served.files[MANIFEST].clone()).unwrap();
    let v3 = manifest.replace("\"version\":[2,2]", "\"version\":[3,0]");
    assert_eq!(
        Archive::open(v3.as_bytes()).map(|_| ()),
        Err(Error::ArchiveVersion {
            found: "3.0".into()
        })
    );
    // A newer minor version and an older major one (files beside the manifest) are read.
    for (version, folder) in [
        ("[2,3]", format!("b/{}/", archive.manifest.layout.build)),
        ("[1,1]", String::new()),
    ] {
        let other = manifest.replace("\"version\":[2,2]", &format!("\"version\":{version}"));
        let opened = Archive::open(other.as_bytes()).unwrap();
        assert_eq!(opened.manifest.layout.folder(), folder, "{version}");
    }
    assert!(Archive::open(&served.files[MANIFEST][..40]).is_err());
    // The archive goes on working after each refusal.
    let page = served.drive(&archive, |a| a.list(&request("聊城"), 1, 20));
    assert!(page.total > 0);
}
