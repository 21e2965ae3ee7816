//! `folio pack INPUT --out DIR`: validates a data file with the viewer's own loader and writes it
//! as a packed archive (format in `folio_core::archive`, for site owners in `docs/archive.md`):
//! static files a viewer fetches a view at a time, sized so a million articles stay under
//! 20,000 files.

mod input;
mod publish;
mod writer;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use folio_core::archive::{fnv, BUILDS, MANIFEST, VERSION};
use folio_core::catalogue::Catalogue;
use folio_core::encoding::utf8_text;
use folio_core::i18n::{error_text, Lang};
use folio_core::load;
use folio_core::problem::Problem;

use crate::check::{parse_lang, print_problems};
use crate::positions::Positions;
use crate::{EXIT_FATAL, EXIT_OK, EXIT_PROBLEMS};
use input::read_input;
pub use publish::prune_published;
use publish::write;

/// Write a data file as a packed archive for large sites
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  folio pack articles.json --out dist/archive
  folio gen 1000000 --jsonl --out big.jsonl && folio pack big.jsonl --out dist/archive
  folio pack export.jsonl --out site/archive --quiet

The input is a data file (docs/schema.md), or its JSON Lines form: a first line with
`site` and `channels`, then one article per line. It is validated as `folio check` does;
problems are printed the same way and a skipped article is left out of the archive.

Each pack is a build in its own folder, DIR/b/BUILD/, written aside and moved into place
when complete; then DIR/manifest.json, the one file that changes, names it. Readers who
opened an earlier build keep reading it, so earlier builds are kept until --keep or
--keep-for prunes them. The same input is the same build: packing it again writes nothing.
DIR/_headers tells hosts that read it (Netlify, Cloudflare Pages) to cache the builds'
files for good and the manifest for a minute. Point the viewer at the folder with
<folio-viewer src=\"archive/\">.

Exit codes: 0 packed; 1 packed, but some entries were skipped (listed); 2 nothing written.")]
pub struct Args {
    /// The data file (`.json`, or JSON Lines); `-` reads standard input
    input: PathBuf,
    /// The archive folder to write into (a new build beside the earlier ones)
    #[arg(long, short)]
    out: PathBuf,
    /// Keep only the newest N builds (this one included); earlier ones are removed
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    keep: Option<u32>,
    /// Remove builds replaced longer ago than this (`90m`, `12h`, `7d`): long enough for
    /// readers mid-session and for caches
    #[arg(long, value_name = "AGE", value_parser = parse_age)]
    keep_for: Option<Duration>,
    /// Write the build again even when the folder holds it (a damaged or partial copy)
    #[arg(long)]
    force: bool,
    /// Language of the problem messages
    #[arg(long, value_parser = parse_lang, default_value = "en")]
    lang: Lang,
    /// Print only errors: no progress, warnings or summary
    #[arg(long, short)]
    quiet: bool,
}

/// A duration written as a number and a unit: `s`, `m`, `h` or `d`.
pub fn parse_age(text: &str) -> Result<Duration, String> {
    let unit = text.chars().last().unwrap_or(' ');
    let seconds = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3_600,
        'd' => 86_400,
        _ => return Err("an age is a number and a unit: 90m, 12h, 7d".into()),
    };
    text[..text.len() - 1]
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(seconds))
        .map(Duration::from_secs)
        .ok_or_else(|| "an age is a number and a unit: 90m, 12h, 7d".into())
}

/// Which earlier builds to keep: all of them unless asked (a build is removed only when every
/// rule given lets it go).
#[derive(Clone, Copy, Debug, Default)]
pub struct Keep {
    /// The newest N builds, the current one included.
    pub count: Option<u32>,
    /// Builds replaced less than this long ago.
    pub age: Option<Duration>,
}

/// What was written.
pub struct Packed {
    /// Articles in the archive.
    pub articles: usize,
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Posting sets in their own file.
    pub external: usize,
    /// The build id (its folder is `b/BUILD/`).
    pub build: String,
    /// False when the folder held this build already (the same input): nothing was written.
    pub fresh: bool,
    /// Earlier builds removed, and earlier builds still there.
    pub pruned: usize,
    pub kept: usize,
}

/// What `folio pack` is asked to do besides writing the build.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Which earlier builds to keep.
    pub keep: Keep,
    /// Write the build again even when its folder holds it (a damaged copy).
    pub force: bool,
    /// Write `_headers` beside the manifest (not when the archive is part of a site that
    /// writes its own).
    pub headers: bool,
}

/// The cache headers of an archive served at `prefix` (`/` when the folder is the site), in
/// the `_headers` form Netlify and Cloudflare Pages read: a build's files never change, the
/// manifest names the latest build.
pub fn cache_headers(prefix: &str) -> String {
    format!(
        "{prefix}{BUILDS}*\n  Cache-Control: public, max-age=31536000, immutable\n\
         {prefix}{MANIFEST}\n  Cache-Control: public, max-age=60\n"
    )
}

/// Packs a data file's `bytes` into `out`; returns what was written and the problems found.
/// The bytes are freed once read, before the archive is built.
pub fn pack(
    bytes: Vec<u8>,
    out: &Path,
    quiet: bool,
    options: Options,
) -> Result<(Packed, Vec<Problem>, Positions), String> {
    let text = utf8_text(&bytes).map_err(|e| error_text(Lang::En, &e.into()))?;
    // The same input always gives the same build id; another input, format or Folio another
    // (a newer packer may write other files).
    let build = format!(
        "{:016x}",
        fnv(text.as_bytes()) ^ fnv(format!("{VERSION:?} {}", env!("CARGO_PKG_VERSION")).as_bytes())
    );
    let input = read_input(text).map_err(|e| error_text(Lang::En, &e))?;
    drop(bytes);
    let load::Entries {
        site,
        channels,
        articles,
        problems,
    } = input.entries;
    let catalogue = Catalogue::unindexed(site, channels, articles);
    let packed = write(out, &build, &catalogue, problems.len(), quiet, options)
        .map_err(|e| format!("{}: {e}", out.display()))?;
    Ok((packed, problems, input.positions))
}

/// Runs the command; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let started = Instant::now();
    let name = args.input.display().to_string();
    let bytes = if args.input.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(&args.input)
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("error: could not read {name}: {error}");
            return EXIT_FATAL;
        }
    };
    if let Err(error) = utf8_text(&bytes) {
        eprintln!("error: {name}: {}", error_text(args.lang, &error.into()));
        return EXIT_FATAL;
    }
    let options = Options {
        keep: Keep {
            count: args.keep,
            age: args.keep_for,
        },
        force: args.force,
        headers: true,
    };
    let (packed, problems, positions) = match pack(bytes, &args.out, args.quiet, options) {
        Ok(done) => done,
        Err(error) => {
            eprintln!("error: {name}: {error}");
            return EXIT_FATAL;
        }
    };
    print_problems(&name, &problems, &positions, args.lang, args.quiet);
    let skipped = problems.iter().filter(|p| p.skipped).count();
    if !args.quiet {
        let earlier = match (packed.pruned, packed.kept) {
            (0, 0) => String::new(),
            (0, kept) => format!("; {kept} earlier builds kept (--keep, --keep-for prune them)"),
            (pruned, kept) => format!("; {pruned} earlier builds removed, {kept} kept"),
        };
        if packed.fresh {
            eprintln!(
                "packed {} articles ({skipped} skipped) into {} as build {}: {} files ({} posting sets on their own), {:.1} MB, in {:.1} s{earlier}",
                packed.articles,
                args.out.display(),
                packed.build,
                packed.files,
                packed.external,
                packed.bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
        } else {
            eprintln!(
                "{} already holds build {} of these {} articles: published it again, in {:.1} s{earlier}",
                args.out.display(),
                packed.build,
                packed.articles,
                started.elapsed().as_secs_f64()
            );
        }
    }
    if skipped > 0 {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    }
}

#[cfg(test)]
mod tests;
