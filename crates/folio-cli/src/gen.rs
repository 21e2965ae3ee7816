//! `folio-gen N [SEED] > file.json`: writes N synthetic articles in Folio's schema, the same
//! bytes for the same N and SEED. Used by the benchmarks and the large-data tests.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count = args.first().and_then(|n| n.parse::<usize>().ok());
    let seed = args.get(1).map_or(Some(2015), |s| s.parse::<u64>().ok());
    let (Some(count), Some(seed)) = (count, seed) else {
        eprintln!("usage: folio-gen COUNT [SEED] > articles.json");
        return ExitCode::from(2);
    };
    let data = folio::generate::generate(count, seed);
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer(&mut out, &data).is_ok() && out.write_all(b"\n").is_ok();
    if !written {
        eprintln!("folio-gen: could not write the output");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
