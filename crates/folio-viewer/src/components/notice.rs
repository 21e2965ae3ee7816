//! Messages about the data: a fatal one instead of the viewer, or a list of skipped entries.
//! Plain functions, not components: they have no state of their own.

use folio_core::i18n::{self, Lang, Msg};
use folio_core::problem::{Place, Problem};
use folio_core::Error;
use yew::prelude::*;

/// How many problems are listed before "... and N more".
const LISTED: usize = 50;

/// Shown instead of the viewer when the data cannot be used at all: the reason and, when
/// fetching failed, a button that tries again (`on_retry`).
pub fn load_failed(lang: Lang, error: &Error, on_retry: Option<Callback<()>>) -> Html {
    let retry = on_retry.map(|on_retry| {
        let onclick = Callback::from(move |_: MouseEvent| on_retry.emit(()));
        html! {
            <p><button type="button" class="folio-notice__retry" {onclick}>{ Msg::Retry.text(lang) }</button></p>
        }
    });
    html! {
        <section class="folio-notice folio-notice--error" role="alert">
            <h1 class="folio-notice__title">{ Msg::LoadFailed.text(lang) }</h1>
            <p class="folio-notice__detail">{ i18n::error_text(lang, error) }</p>
            { for retry }
        </section>
    }
}

/// A collapsed notice listing what was skipped or ignored in the data; nothing when all is well.
pub fn data_problems(lang: Lang, problems: &[Problem]) -> Html {
    if problems.is_empty() {
        return html! {};
    }
    let mut skipped: Vec<usize> = problems
        .iter()
        .filter(|p| p.skipped)
        .filter_map(|p| match p.place {
            Place::Article { index, .. } => Some(index),
            _ => None,
        })
        .collect();
    skipped.dedup();
    let items = problems
        .iter()
        .take(LISTED)
        .map(|p| html! { <li>{ i18n::problem_text(lang, p) }</li> });
    let more = problems.len().saturating_sub(LISTED);
    html! {
        <details class="folio-notice folio-notice--warning">
            <summary class="folio-notice__title">{ i18n::problems_summary(lang, problems.len(), skipped.len()) }</summary>
            <p>{ Msg::ProblemsSkipped.text(lang) }</p>
            <ul class="folio-notice__list">{ for items }</ul>
            if more > 0 {
                <p>{ i18n::and_more(lang, more) }</p>
            }
        </details>
    }
}
