//! Facets beside the results: channel, source, tag and date, each value with the number of
//! articles it would give under the current query, and one link that clears everything. They
//! sit in a disclosure (`<details>`, a real element that opens without code): on phones it is
//! closed so headlines come first, showing only the values in force; on wider screens the
//! stylesheet shows its content with the summary hidden (`styles/search.css`).

use folio_core::i18n::{self, Msg};
use folio_core::route::{ListState, Route};
use folio_core::search::{month_range, FacetCounts};
use rustc_hash::FxHashMap;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::context::Viewer;

/// How many values a facet lists (the most frequent first).
const SHOWN: usize = 12;

/// The facets of the list in `state`, with their `counts` (`None` while a packed archive counts
/// them; upper bounds, shown as `≤ N`, while some of its candidates are unconfirmed). A plain function, not a component: it renders with the list, whose every change
/// changes it too.
pub fn facets(
    viewer: &Viewer,
    state: &ListState,
    counts: Option<&FacetCounts>,
    at_most: bool,
) -> Html {
    let Some(counts) = counts else {
        return fold(
            viewer,
            html! {
                <p class="folio-facets__counting" role="status">{ viewer.t(Msg::Counting) }</p>
            },
        );
    };
    let route = |f: &dyn Fn(&mut ListState)| {
        let mut next = state.clone().first_page();
        f(&mut next);
        Route::List(next)
    };
    let current = |selected: bool| selected.then(|| AttrValue::from("true"));
    let item = |label: String, n: usize, to: Route, selected: bool| {
        html! {
            <li class="folio-facets__item">
                <a href={viewer.href(&to)} class="folio-facets__link" aria-current={current(selected)}>
                    <span class="folio-facets__value">{ label }</span>
                    <span class="folio-facets__count">{ if at_most { "≤ " } else { "" } }{ i18n::format_count(n as u64) }</span>
                </a>
            </li>
        }
    };
    let toggle = |value: &Option<String>, candidate: &str| value.as_deref() == Some(candidate);

    // Keyed by owned ids like the catalogue's maps (one hash map type less in the Wasm).
    let channel_counts: FxHashMap<String, usize> = counts.channels.iter().cloned().collect();
    let library = &viewer.library;
    let channel_items = library.top_channels().filter_map(|top| {
        let n = *channel_counts.get(top.id.as_str())?;
        let columns: Html = library
            .children(&top.id)
            .filter_map(|column| {
                let n = *channel_counts.get(column.id.as_str())?;
                let selected = toggle(&state.channel, &column.id);
                let id = column.id.clone();
                Some(item(column.name.clone(), n, route(&|s| s.channel = (!selected).then(|| id.clone())), selected))
            })
            .collect();
        let selected = toggle(&state.channel, &top.id);
        let id = top.id.clone();
        Some(html! {
            <>
                { item(top.name.clone(), n, route(&|s| s.channel = (!selected).then(|| id.clone())), selected) }
                <li class="folio-facets__nested"><ul class="folio-facets__list">{ columns }</ul></li>
            </>
        })
    });
    let simple = |values: &[(String, usize)],
                  selected: &Option<String>,
                  set: fn(&mut ListState, Option<String>)|
     -> Html {
        // The most frequent values, and the one in force wherever it ranks (its chip, and
        // the way to take it off).
        values
            .iter()
            .enumerate()
            .filter(|(at, (value, _))| *at < SHOWN || toggle(selected, value))
            .map(|(_, (value, n))| {
                let on = toggle(selected, value);
                let next = route(&|s| set(s, (!on).then(|| value.clone())));
                item(value.clone(), *n, next, on)
            })
            .collect()
    };
    let months: Html = counts
        .months
        .iter()
        .take(SHOWN)
        .map(|(key, n)| {
            let Some((from, to)) = month_range(key) else {
                return html! {};
            };
            let on = state.from.as_deref() == Some(from.as_str())
                && state.to.as_deref() == Some(to.as_str());
            let next = route(&|s| {
                s.from = (!on).then(|| from.clone());
                s.to = (!on).then(|| to.clone());
            });
            item(i18n::month(viewer.lang, key), *n, next, on)
        })
        .collect();
    let date_input =
        |label: Msg, value: &Option<String>, set: fn(&mut ListState, Option<String>)| {
            let navigator = viewer.navigator.clone();
            let base = state.clone().first_page();
            let onchange = Callback::from(move |event: Event| {
                let Some(input) = event
                    .target()
                    .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                else {
                    return;
                };
                let mut next = base.clone();
                let value = input.value();
                set(&mut next, (!value.is_empty()).then_some(value));
                navigator.go(Route::List(next));
            });
            html! {
                <label class="folio-facets__date">
                    <span>{ viewer.t(label) }</span>
                    <input type="date" value={value.clone().unwrap_or_default()} {onchange} />
                </label>
            }
        };
    let section = |title: Msg, body: Html| {
        html! {
            <section class="folio-facets__group">
                <h2 class="folio-facets__title">{ viewer.t(title) }</h2>
                { body }
            </section>
        }
    };
    fold(
        viewer,
        html! {
            <>
                if state.is_filtered() {
                    <p class="folio-facets__clear">
                        <a href={viewer.href(&Route::List(state.cleared()))} class="folio-facets__clear-link">{ viewer.t(Msg::ClearAll) }</a>
                    </p>
                }
                { section(Msg::FacetChannel, html! { <ul class="folio-facets__list">{ for channel_items }</ul> }) }
                { section(Msg::FacetSource, html! {
                    <ul class="folio-facets__list">{ simple(&counts.sources, &state.source, |s, v| s.source = v) }</ul>
                }) }
                { section(Msg::FacetTag, html! {
                    <ul class="folio-facets__list folio-facets__list--tags">{ simple(&counts.tags, &state.tag, |s, v| s.tag = v) }</ul>
                }) }
                { section(Msg::FacetDate, html! {
                    <>
                        <ul class="folio-facets__list">{ months }</ul>
                        <div class="folio-facets__range">
                            { date_input(Msg::DateFrom, &state.from, |s, v| s.from = v) }
                            { date_input(Msg::DateTo, &state.to, |s, v| s.to = v) }
                        </div>
                    </>
                }) }
            </>
        },
    )
}

/// The facets' landmark and disclosure around `body`. Closed (on phones), it still shows the
/// values in force, as links that take them off: the stylesheet hides every other value
/// (`styles/search.css`), so naming them costs no code.
fn fold(viewer: &Viewer, body: Html) -> Html {
    html! {
        <aside class="folio-facets" aria-label={viewer.t(Msg::Filters)}>
            <details class="folio-facets__fold">
                <summary class="folio-facets__toggle">{ viewer.t(Msg::Filters) }</summary>
                { body }
            </details>
        </aside>
    }
}
