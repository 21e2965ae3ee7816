//! `folio-bench [RUNS]`: the native search benchmark (load + index and per-query medians at
//! 1k, 10k and 100k generated articles), printed as a Markdown table.

use std::time::Instant;

fn main() {
    let repeat = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(50);
    let start = Instant::now();
    let now = || start.elapsed().as_secs_f64() * 1000.0;
    let mut rows = Vec::new();
    for size in folio_bench::SIZES {
        rows.extend(folio_bench::run(size, repeat, &now));
    }
    println!("Native search benchmark ({repeat} runs per query, median):\n");
    print!("{}", folio_bench::table(&rows));
}
