//! Fuzzes what Folio reads from outside: the data file, URL hashes and search queries. Any
//! panic is a bug; `load` must turn every input into a catalogue or a `LoadError`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(loaded) = folio::load::load(text) {
            // What loaded must be searchable and displayable.
            let state = folio::route::ListState { q: text.chars().take(20).collect(), page: 1, ..Default::default() };
            let _ = loaded.catalogue.index().run(&state);
            for problem in &loaded.problems {
                let _ = folio::i18n::problem_text(folio::Lang::En, problem);
            }
        }
        let route = folio::route::Route::parse(text);
        assert_eq!(folio::route::Route::parse(&route.to_hash()), route);
        let _ = folio::search::Query::parse(text);
    }
});
