//! Fuzzes what Folio reads from outside: the data file, URL hashes and search queries. Any
//! panic is a bug; `load_bytes` must turn every input into a catalogue or an `Error`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match folio_core::load::load_bytes(data) {
        Ok(loaded) => {
            // What loaded must be searchable and displayable.
            let text = String::from_utf8_lossy(data);
            let request = folio_core::search::SearchRequest { q: text.chars().take(20).collect(), ..Default::default() };
            let _ = loaded.catalogue.index().run(&request);
            for problem in &loaded.problems {
                let _ = folio_core::i18n::problem_text(folio_core::Lang::En, problem);
            }
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let route = folio_core::route::Route::parse(text);
        assert_eq!(folio_core::route::Route::parse(&route.to_hash()), route);
        let _ = folio_core::search::Query::parse(text);
    }
});
