//! `folio check FILE…`: reads each file with the viewer's own loader and prints every problem
//! as the page names it (entry, field, what is wrong), with the file and line where the entry
//! starts.

use std::io::Read;
use std::path::PathBuf;

use clap::ValueEnum;
use folio_core::encoding::utf8_text;
use folio_core::i18n::{error_text, problem_text, Lang};
use folio_core::load::load;
use folio_core::problem::{Place, Problem, ProblemKind};
use folio_core::Error;
use serde_json::{json, Value};

use crate::positions::{positions, Positions};
use crate::{EXIT_FATAL, EXIT_OK, EXIT_PROBLEMS};

/// Validate article files as the viewer reads them
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  folio check data/articles.json
  folio check --format json --quiet exports/*.json > report.json
  iconv -f GBK -t UTF-8 old.json | folio check -

Exit codes: 0 nothing skipped; 1 some entries would be skipped; 2 a file cannot be used at all.")]
pub struct Args {
    /// Files to check; `-` reads standard input
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output: `human` (one line per problem) or `json` (one report for all files, on stdout)
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Language of the messages
    #[arg(long, value_parser = parse_lang, default_value = "en")]
    lang: Lang,
    /// Print only problems that skip an entry, and no summary
    #[arg(long, short)]
    quiet: bool,
}

/// How the report is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Lines for people, like a compiler's.
    Human,
    /// One JSON document, for pipelines.
    Json,
}

pub fn parse_lang(tag: &str) -> Result<Lang, String> {
    Lang::from_tag(tag).ok_or_else(|| format!("unknown language `{tag}` (use `en` or `zh-CN`)"))
}

/// What checking one file found.
struct Report {
    name: String,
    outcome: Result<Checked, Error>,
}

struct Checked {
    articles: usize,
    channels: usize,
    problems: Vec<Problem>,
    positions: Positions,
}

impl Checked {
    fn skipped(&self) -> usize {
        self.problems.iter().filter(|p| p.skipped).count()
    }
}

fn read(path: &PathBuf) -> Result<Vec<u8>, String> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| e.to_string())?;
        Ok(bytes)
    } else {
        std::fs::read(path).map_err(|e| e.to_string())
    }
}

fn check(path: &PathBuf) -> Result<Report, String> {
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    };
    let bytes = read(path).map_err(|e| format!("{name}: {e}"))?;
    // Decoded once: the loader and the line finder read the same text.
    let outcome = utf8_text(&bytes).map_err(Error::from).and_then(|text| {
        load(text).map(|loaded| Checked {
            articles: loaded.catalogue.articles().len(),
            channels: loaded.catalogue.channels().len(),
            problems: loaded.problems,
            positions: positions(text),
        })
    });
    Ok(Report { name, outcome })
}

/// Runs the command; returns the exit code.
pub fn run(args: &Args) -> u8 {
    let mut reports = Vec::new();
    for path in &args.files {
        match check(path) {
            Ok(report) => reports.push(report),
            Err(error) => {
                eprintln!("error: could not read {error}");
                return EXIT_FATAL;
            }
        }
    }
    match args.format {
        Format::Human => print_human(&reports, args),
        Format::Json => println!("{:#}", json_report(&reports, args.lang)),
    }
    exit_code(&reports)
}

fn exit_code(reports: &[Report]) -> u8 {
    if reports.iter().any(|r| r.outcome.is_err()) {
        EXIT_FATAL
    } else if reports
        .iter()
        .any(|r| r.outcome.as_ref().is_ok_and(|c| c.skipped() > 0))
    {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    }
}

/// The line where a problem's entry starts.
fn line_of(positions: &Positions, place: &Place) -> Option<usize> {
    match place {
        Place::Site => positions.site,
        Place::Channel { index, .. } => positions.channels.get(*index).copied(),
        Place::Article { index, .. } => positions.articles.get(*index).copied(),
    }
}

fn print_human(reports: &[Report], args: &Args) {
    for report in reports {
        let checked = match &report.outcome {
            Ok(checked) => checked,
            Err(error) => {
                let at = match error {
                    Error::NotJson { line, column } => format!(":{line}:{column}"),
                    _ => String::new(),
                };
                eprintln!(
                    "error: {}{at}: {}",
                    report.name,
                    error_text(args.lang, error)
                );
                continue;
            }
        };
        print_problems(
            &report.name,
            &checked.problems,
            &checked.positions,
            args.lang,
            args.quiet,
        );
        if !args.quiet {
            let skipped = checked.skipped();
            eprintln!(
                "{}: {} articles and {} channels usable; {} skipped, {} warnings",
                report.name,
                checked.articles,
                checked.channels,
                skipped,
                checked.problems.len() - skipped
            );
        }
    }
}

/// Prints problems as a compiler prints diagnostics: `error|warning: FILE:LINE: message`
/// (warnings only when not `quiet`).
pub fn print_problems(
    name: &str,
    problems: &[Problem],
    positions: &Positions,
    lang: Lang,
    quiet: bool,
) {
    for problem in problems {
        if quiet && !problem.skipped {
            continue;
        }
        let level = if problem.skipped { "error" } else { "warning" };
        let at =
            line_of(positions, &problem.place).map_or(String::new(), |line| format!(":{line}"));
        eprintln!("{level}: {name}{at}: {}", problem_text(lang, problem));
    }
}

/// A stable key of each kind of problem, for scripts.
fn kind_key(kind: &ProblemKind) -> &'static str {
    match kind {
        ProblemKind::Missing => "missing",
        ProblemKind::WrongType(_) => "wrong_type",
        ProblemKind::Empty => "empty",
        ProblemKind::TooLong { .. } => "too_long",
        ProblemKind::BadId(_) => "bad_id",
        ProblemKind::BadDate(_) => "bad_date",
        ProblemKind::DuplicateId(_) => "duplicate_id",
        ProblemKind::UnknownChannel(_) => "unknown_channel",
        ProblemKind::UnknownParent(_) => "unknown_parent",
        ProblemKind::ChannelCycle => "channel_cycle",
        ProblemKind::UnknownRelated(_) => "unknown_related",
        ProblemKind::UnsafeUrl(_) => "unsafe_url",
        ProblemKind::UnknownBlock(_) => "unknown_block",
        ProblemKind::UnknownField => "unknown_field",
        ProblemKind::NotAnObject => "not_an_object",
    }
}

fn json_report(reports: &[Report], lang: Lang) -> Value {
    let files: Vec<Value> = reports
        .iter()
        .map(|report| match &report.outcome {
            Err(error) => json!({
                "file": report.name,
                "usable": false,
                "error": error_text(lang, error),
                "line": match error { Error::NotJson { line, .. } => Some(*line), _ => None },
                "column": match error { Error::NotJson { column, .. } => Some(*column), _ => None },
            }),
            Ok(checked) => {
                let problems: Vec<Value> = checked
                    .problems
                    .iter()
                    .map(|problem| {
                        let (entry, index, id) = match &problem.place {
                            Place::Site => ("site", None, None),
                            Place::Channel { index, id } => ("channel", Some(*index), id.clone()),
                            Place::Article { index, id } => ("article", Some(*index), id.clone()),
                        };
                        json!({
                            "entry": entry,
                            "index": index,
                            "id": id,
                            "line": line_of(&checked.positions, &problem.place),
                            "field": problem.field,
                            "kind": kind_key(&problem.kind),
                            "skipped": problem.skipped,
                            "message": problem_text(lang, problem),
                        })
                    })
                    .collect();
                json!({
                    "file": report.name,
                    "usable": true,
                    "articles": checked.articles,
                    "channels": checked.channels,
                    "skipped": checked.skipped(),
                    "problems": problems,
                })
            }
        })
        .collect();
    json!({ "files": files, "exit_code": exit_code(reports) })
}
