//! `folio gen N`: synthetic articles in Folio's schema with Chinese text, for benchmarks and
//! tests. The same N and seed always give the same bytes. Articles are written as they are
//! made, so a million never sit in memory together.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use folio_core::generate::{articles, head, DEFAULT_SEED};

use crate::{EXIT_FATAL, EXIT_OK};

/// Write N synthetic articles (the same bytes for the same N and seed)
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  folio gen 1000 > articles.json
  folio gen 100000 --seed 7 --out target/articles-100k.json
  folio gen 1000000 --jsonl --out target/articles-1m.jsonl   one article per line")]
pub struct Args {
    /// How many articles
    count: usize,
    /// Seed of the generator
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Write to this file instead of standard output
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// One article per line after a first line with the site and channels (JSON Lines, which
    /// `folio pack` reads without holding the whole file as one value)
    #[arg(long)]
    jsonl: bool,
    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
}

/// Writes the data file, or its JSON Lines form; returns the bytes written.
fn write(args: &Args, out: impl Write) -> std::io::Result<u64> {
    let mut out = CountingWriter {
        inner: BufWriter::new(out),
        written: 0,
    };
    let head = head().to_string();
    if args.jsonl {
        writeln!(out, "{head}")?;
        for article in articles(args.count, args.seed) {
            writeln!(out, "{article}")?;
        }
    } else {
        // The same bytes as the whole file as one value: the head without its closing brace,
        // then the articles.
        write!(out, "{},\"articles\":[", &head[..head.len() - 1])?;
        for (i, article) in articles(args.count, args.seed).enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            write!(out, "{article}")?;
        }
        out.write_all(b"]}\n")?;
    }
    out.inner.flush()?;
    Ok(out.written)
}

struct CountingWriter<W: Write> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Runs the command; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let started = Instant::now();
    let written = match &args.out {
        Some(path) => std::fs::File::create(path)
            .and_then(|file| write(args, file))
            .map_err(|e| format!("{}: {e}", path.display())),
        None => write(args, std::io::stdout().lock()).map_err(|e| format!("standard output: {e}")),
    };
    let bytes = match written {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("error: could not write {error}");
            return EXIT_FATAL;
        }
    };
    if !args.quiet {
        let to = args
            .out
            .as_ref()
            .map_or("standard output".to_owned(), |p| p.display().to_string());
        eprintln!(
            "generated {} articles (seed {}, {:.1} MB) to {to} in {:.2} s",
            args.count,
            args.seed,
            bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
    }
    EXIT_OK
}
