//! `folio`: Folio's command line. `folio check` validates article files with the viewer's own
//! loader, `folio gen` writes synthetic articles, `folio import` turns a portal's article pages
//! into a data file, `folio build` writes a static site with a pre-rendered page per view,
//! `folio pack` writes a data file as a packed archive for large sites, `folio prerender` renders a built page's first view with the viewer's own
//! components. Run `folio help` or `folio <command> --help`.

mod build;
mod check;
mod gen;
mod import;
mod pack;
mod positions;
mod prerender;
mod progress;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit code: everything is fine.
pub const EXIT_OK: u8 = 0;
/// Exit code: the work was done, but entries were skipped (`folio check`).
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code: a file could not be read, written or parsed at all, or the command line is wrong.
pub const EXIT_FATAL: u8 = 2;

#[derive(Parser)]
#[command(
    name = "folio",
    version,
    about = "Folio: check, import, generate, pack and build article archives and sites for the Folio viewer",
    after_help = "\
Examples:
  folio check data/articles.json          validate a data file as the viewer reads it
  folio check --format json a.json b.json  machine-readable report for CI
  curl -s https://example.cn/articles.json | folio check -
  folio gen 1000 --seed 7 --out articles.json
  folio import pages/*.txt --out articles.json   text dumps of a portal's article pages
  folio pack articles.json --out dist/archive   a packed archive for large sites
  folio prerender dist                    write the first view into dist/index.html
  folio build articles.json --out site --base-url https://news.example.cn/
                                          a static site: a page per view, sitemaps, feeds

Exit codes:
  0  success (check: nothing skipped)
  1  check: some articles or channels would be skipped (their problems are listed);
     import: some sources were not imported (each is listed with its reason);
     pack: the archive was written without some articles (each is listed);
     build: the site was written without some articles or pages (each is listed)
  2  a file could not be read, decoded, parsed or written, or the command line is wrong"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build(build::Args),
    Check(check::Args),
    Gen(gen::Args),
    Import(import::Args),
    Pack(pack::Args),
    Prerender(prerender::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Gen(args) => gen::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Pack(args) => pack::run(&args),
        Command::Prerender(args) => prerender::run(&args),
    };
    ExitCode::from(code)
}
