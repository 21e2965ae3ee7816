//! Messages about the data: a fatal one instead of the viewer, or a list of skipped entries.

use std::rc::Rc;

use yew::prelude::*;

use folio_core::i18n::{self, Lang, Msg};
use folio_core::load::{Place, Problem};
use folio_core::Error;

/// How many problems are listed before "... and N more".
const LISTED: usize = 50;

/// Props of [`LoadFailed`].
#[derive(Properties, PartialEq)]
pub struct LoadFailedProps {
    /// Interface language.
    pub lang: Lang,
    /// What went wrong.
    pub error: Error,
    /// Fetches the data again; a retry button shows when set (for failed fetches).
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
}

/// Shown instead of the viewer when the data cannot be used at all, with the reason and, when
/// fetching failed, a button that tries again.
#[component]
pub fn LoadFailed(props: &LoadFailedProps) -> Html {
    let lang = props.lang;
    let retry = props.on_retry.clone().map(|on_retry| {
        let onclick = Callback::from(move |_: MouseEvent| on_retry.emit(()));
        html! {
            <p><button type="button" class="folio-notice__retry" {onclick}>{ Msg::Retry.text(lang) }</button></p>
        }
    });
    html! {
        <section class="folio-notice folio-notice--error" role="alert">
            <h1 class="folio-notice__title">{ Msg::LoadFailed.text(lang) }</h1>
            <p class="folio-notice__detail">{ i18n::error_text(lang, &props.error) }</p>
            { for retry }
        </section>
    }
}

/// Props of [`DataProblems`].
#[derive(Properties, PartialEq)]
pub struct DataProblemsProps {
    /// Interface language.
    pub lang: Lang,
    /// Problems met while loading.
    pub problems: Rc<[Problem]>,
}

/// A collapsed notice listing what was skipped or ignored in the data; nothing when all is well.
#[component]
pub fn DataProblems(props: &DataProblemsProps) -> Html {
    if props.problems.is_empty() {
        return html! {};
    }
    let lang = props.lang;
    let mut skipped: Vec<usize> = props
        .problems
        .iter()
        .filter(|p| p.skipped)
        .filter_map(|p| match p.place {
            Place::Article { index, .. } => Some(index),
            _ => None,
        })
        .collect();
    skipped.dedup();
    let items = props
        .problems
        .iter()
        .take(LISTED)
        .map(|p| html! { <li>{ i18n::problem_text(lang, p) }</li> });
    let more = props.problems.len().saturating_sub(LISTED);
    html! {
        <details class="folio-notice folio-notice--warning">
            <summary class="folio-notice__title">{ i18n::problems_summary(lang, props.problems.len(), skipped.len()) }</summary>
            <p>{ Msg::ProblemsSkipped.text(lang) }</p>
            <ul class="folio-notice__list">{ for items }</ul>
            if more > 0 {
                <p>{ i18n::and_more(lang, more) }</p>
            }
        </details>
    }
}
