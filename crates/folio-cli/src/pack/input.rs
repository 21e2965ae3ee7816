//! The input of `folio pack`: a data file, or its JSON Lines form read a line at a time in
//! parallel, validated by the viewer's own loader with each problem's place.

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde_json::Value;

use crate::positions::{positions, Positions};
use folio_core::load;
use folio_core::model::Article;
use folio_core::problem::{Place, Problem, ProblemKind};

/// The input, validated.
pub(super) struct Input {
    pub(super) entries: load::Entries,
    pub(super) positions: Positions,
}

/// Reads a data file or its JSON Lines form.
pub(super) fn read_input(text: &str) -> Result<Input, folio_core::Error> {
    let first = text.lines().next().unwrap_or("");
    let jsonl = serde_json::from_str::<serde_json::Map<String, Value>>(first)
        .is_ok_and(|head| head.contains_key("site") && !head.contains_key("articles"));
    if !jsonl {
        return Ok(Input {
            entries: load::load_entries(text)?,
            positions: positions(text),
        });
    }
    let (site, channels, mut problems) = load::load_head(first)?;
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .skip(1)
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(number, line)| (number + 1, line))
        .collect();
    let read: Vec<(Option<Article>, Vec<Problem>)> = lines
        .par_iter()
        .enumerate()
        .map(|(index, (_, line))| {
            let place = |id: Option<String>| Place::Article { index, id };
            match load::load_articles(&format!("{{\"articles\":[{line}]}}"), &channels, true) {
                Ok((mut articles, mut problems)) => {
                    for problem in &mut problems {
                        if let Place::Article { id, .. } = &problem.place {
                            problem.place = place(id.clone());
                        }
                    }
                    (articles.pop(), problems)
                }
                Err(_) => (
                    None,
                    vec![Problem {
                        place: place(None),
                        field: String::new(),
                        kind: ProblemKind::NotAnObject,
                        skipped: true,
                    }],
                ),
            }
        })
        .collect();
    let mut articles = Vec::with_capacity(read.len());
    let mut seen = FxHashSet::default();
    for (index, (article, found)) in read.into_iter().enumerate() {
        problems.extend(found);
        let Some(article) = article else { continue };
        if seen.insert(article.id.clone()) {
            articles.push(article);
        } else {
            problems.push(Problem {
                place: Place::Article {
                    index,
                    id: Some(article.id.clone()),
                },
                field: "id".into(),
                kind: ProblemKind::DuplicateId(article.id),
                skipped: true,
            });
        }
    }
    load::drop_unknown_related(&mut articles, &mut problems);
    Ok(Input {
        entries: load::Entries {
            site,
            channels,
            articles,
            problems,
        },
        positions: Positions {
            site: Some(1),
            channels: Vec::new(),
            articles: lines.iter().map(|(number, _)| *number).collect(),
        },
    })
}
