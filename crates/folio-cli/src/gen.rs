//! `folio gen N`: synthetic articles in Folio's schema with Chinese text, for benchmarks and
//! tests. The same N and seed always give the same bytes.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use folio_core::generate::{generate, DEFAULT_SEED};

use crate::{EXIT_FATAL, EXIT_OK};

/// Write N synthetic articles (the same bytes for the same N and seed)
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  folio gen 1000 > articles.json
  folio gen 100000 --seed 7 --out target/articles-100k.json")]
pub struct Args {
    /// How many articles
    count: usize,
    /// Seed of the generator
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Write to this file instead of standard output
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
}

/// Runs the command; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let started = Instant::now();
    let mut text = generate(args.count, args.seed).to_string();
    text.push('\n');
    let written = match &args.out {
        Some(path) => std::fs::write(path, &text).map_err(|e| format!("{}: {e}", path.display())),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| format!("standard output: {e}")),
    };
    if let Err(error) = written {
        eprintln!("error: could not write {error}");
        return EXIT_FATAL;
    }
    if !args.quiet {
        let to = args
            .out
            .as_ref()
            .map_or("standard output".to_owned(), |p| p.display().to_string());
        eprintln!(
            "generated {} articles (seed {}, {:.1} MB) to {to} in {:.2} s",
            args.count,
            args.seed,
            text.len() as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
    }
    EXIT_OK
}
