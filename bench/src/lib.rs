//! The search benchmark, shared by the native command (`folio-bench`) and the wasm page
//! (`bench/wasm.html`): the same data sets, queries and statistics, timed with each platform's
//! clock.

use folio_core::generate::{generate, DEFAULT_SEED, RARE_PHRASE};
use folio_core::load::load;
use folio_core::search::SearchRequest;

/// Article counts of the benchmark data sets.
pub const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
/// Query runs timed together in one sample.
const BATCH: usize = 5;

/// The measured queries: a rare phrase, a common character, two terms, a quoted phrase, and
/// the same with facets.
pub fn cases() -> Vec<(&'static str, SearchRequest)> {
    let q = |q: &str| SearchRequest {
        q: q.to_owned(),
        ..SearchRequest::default()
    };
    vec![
        ("rare word", q(RARE_PHRASE)),
        ("common character 市", q("市")),
        ("two terms 教育局 课程改革", q("教育局 课程改革")),
        ("phrase \"文明城市创建\"", q("\"文明城市创建\"")),
        (
            "no query, channel + source",
            SearchRequest {
                channel: Some("livelihood".into()),
                source: Some("聊城日报".into()),
                ..q("")
            },
        ),
        (
            "common char + channel + source",
            SearchRequest {
                channel: Some("livelihood".into()),
                source: Some("聊城日报".into()),
                ..q("市")
            },
        ),
        (
            "two terms + tag + dates",
            SearchRequest {
                tag: Some("教育".into()),
                from: Some("2016-01-01".into()),
                to: Some("2016-12-31".into()),
                ..q("教育局 课程改革")
            },
        ),
    ]
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Articles in the data set.
    pub size: usize,
    /// What was measured.
    pub name: String,
    /// Median time in milliseconds.
    pub median_ms: f64,
    /// Matching articles (a sanity check that the query did work).
    pub hits: usize,
}

/// Runs the benchmark for one size: JSON text generation is not timed; parsing, validation
/// and indexing are ("load + index"); each query runs `repeat` times and its median is kept.
pub fn run(size: usize, repeat: usize, now: &dyn Fn() -> f64) -> Vec<Row> {
    let text = generate(size, DEFAULT_SEED).to_string();
    let mut rows = Vec::new();
    let mut loads = Vec::new();
    let mut catalogue = None;
    for _ in 0..3 {
        let start = now();
        let loaded = load(&text).expect("generated data loads");
        loads.push(now() - start);
        catalogue = Some(loaded.catalogue);
    }
    let Some(catalogue) = catalogue else {
        return rows;
    };
    rows.push(Row {
        size,
        name: "load + index".into(),
        median_ms: median(&mut loads),
        hits: catalogue.articles().len(),
    });
    for (name, state) in cases() {
        let mut times = Vec::with_capacity(repeat);
        let mut hits = 0;
        for _ in 0..repeat {
            // Browsers round performance.now() to 0.1 ms, so each sample times a batch.
            let start = now();
            for _ in 0..BATCH {
                hits = catalogue.index().run(&state).hits.len();
            }
            times.push((now() - start) / BATCH as f64);
        }
        rows.push(Row {
            size,
            name: name.into(),
            median_ms: median(&mut times),
            hits,
        });
    }
    rows
}

/// The median of some timings.
pub fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

/// Formats rows as a Markdown table.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from("| articles | measure | median ms | hits |\n|---:|---|---:|---:|\n");
    for row in rows {
        out.push_str(&format!(
            "| {} | {} | {:.3} | {} |\n",
            row.size, row.name, row.median_ms, row.hits
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(&mut []).is_nan());
    }

    #[test]
    fn every_case_finds_something_in_a_small_set() {
        let clock = std::cell::Cell::new(0.0);
        let rows = run(1_000, 1, &|| {
            clock.set(clock.get() + 1.0);
            clock.get()
        });
        assert_eq!(rows.len(), cases().len() + 1);
        for row in &rows {
            assert!(row.hits > 0, "{row:?}");
            assert!(row.median_ms > 0.0);
        }
    }
}
