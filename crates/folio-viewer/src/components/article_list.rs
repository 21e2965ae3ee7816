//! A list view: search box, facets, sort, the matching articles one page at a time.

use std::rc::Rc;

use folio_core::catalogue::ListPage;
use folio_core::i18n::{self, Msg};
use folio_core::route::{ListState, Route, Sort};
use folio_core::search::{Spelled, Suggestion};
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::article_card::ArticleCard;
use super::breadcrumb::breadcrumb;
use super::facets::facets;
use super::pager::pager;
use super::search_bar::SearchBar;
use super::use_viewer;
use crate::hooks::use_typing_history;

/// Props of [`ArticleList`].
#[derive(Properties, PartialEq)]
pub struct ArticleListProps {
    /// Which articles, in which order, which page.
    pub state: ListState,
    /// What the list shows: `state`'s page, or the previous list's while it loads.
    pub page: Rc<ListPage>,
    /// Articles per page.
    pub page_size: usize,
    /// Shown where the results go when they could not be fetched (a packed archive).
    #[prop_or_default]
    pub failure: Option<Html>,
}

/// See the module documentation.
#[component]
pub fn ArticleList(props: &ArticleListProps) -> Html {
    let viewer = use_viewer();
    let state = &props.state;
    let results = &props.page;
    let (on_type, settle) = use_typing_history(viewer.navigator.clone());
    let on_input = {
        let base = state.clone().first_page();
        Callback::from(move |q: String| {
            on_type.emit(Route::List(ListState { q, ..base.clone() }));
        })
    };
    let on_sort = {
        let navigator = viewer.navigator.clone();
        let base = state.clone().first_page();
        Callback::from(move |event: Event| {
            if let Some(select) = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                navigator.go(Route::List(ListState {
                    sort: Sort::from_key(&select.value()),
                    ..base.clone()
                }));
            }
        })
    };

    let on_clear_read = {
        let clear = viewer.on_clear_read.clone();
        Callback::from(move |_: MouseEvent| clear.emit(()))
    };
    let total = results.total;
    let page = &results.page;
    let terms: Rc<[String]> = results.query.terms.clone().into();
    let channel = state
        .channel
        .as_deref()
        .and_then(|id| viewer.library.channel(id));
    let heading = channel.map_or(viewer.t(Msg::AllArticles), |c| c.name.as_str());
    let cards = results.articles.iter().map(|article| {
        html! { <li key={article.id.clone()} class="folio-list__item"><ArticleCard article={article.clone()} terms={terms.clone()} /></li> }
    });
    let searching = !results.query.is_empty();
    let sort_option = |sort: Sort, label: Msg| {
        let value = sort.key().unwrap_or("");
        // Without a query, "newest" is what the default already does.
        let selected =
            state.sort == sort || (!searching && sort == Sort::Auto && state.sort == Sort::Newest);
        html! { <option value={value} {selected}>{ viewer.t(label) }</option> }
    };
    html! {
        <div class="folio-list">
            if let Some(channel) = channel {
                { breadcrumb(&viewer, &channel.id, true) }
            }
            <header class="folio-list__header">
                <h1 class="folio-list__title" tabindex="-1" data-folio-focus="">{ heading }</h1>
                <SearchBar value={AttrValue::from(state.q.clone())} channel={state.channel.clone().map(AttrValue::from)} {on_input} on_submit={settle} />
                { suggestions(&viewer, state, results.spelled.as_deref()) }
            </header>
            <div class="folio-list__layout">
                { facets(&viewer, state, results.facets.as_ref(), results.approximate) }
                <section class="folio-list__results" aria-label={viewer.t(Msg::ResultsNav)}>
                    <div class="folio-list__toolbar">
                        <p class="folio-list__count" role="status">
                            { if results.approximate { i18n::article_count_about(viewer.lang, total) } else { i18n::article_count(viewer.lang, total) } }
                            if SPELLS && results.spelled.as_ref().is_some_and(|s| s.by_pinyin) {
                                <span class="folio-list__by"><span aria-hidden="true">{ " · " }</span>{ viewer.t(Msg::ByPinyin) }</span>
                            }
                        </p>
                        if !viewer.read.is_empty() {
                            <button type="button" class="folio-list__clear-read" onclick={on_clear_read}>
                                { viewer.t(Msg::ClearRead) }
                            </button>
                        }
                        if viewer.islands() {
                            { sort_links(&viewer, state) }
                        } else {
                            <label class="folio-list__sort">
                                <span>{ viewer.t(Msg::SortLabel) }</span>
                                <select onchange={on_sort}>
                                    { sort_option(Sort::Auto, if searching { Msg::SortRelevance } else { Msg::SortNewest }) }
                                    if searching { { sort_option(Sort::Newest, Msg::SortNewest) } }
                                    { sort_option(Sort::Oldest, Msg::SortOldest) }
                                    { sort_option(Sort::MostViewed, Msg::SortViews) }
                                </select>
                            </label>
                        }
                    </div>
                    if let Some(failure) = props.failure.clone() {
                        { failure }
                    } else if total == 0 {
                        <div class="folio-list__empty">
                            <p>{ if state.is_filtered() { i18n::no_results(viewer.lang, &state.q) } else { viewer.t(Msg::EmptyChannel).to_owned() } }</p>
                            if state.is_filtered() {
                                <p><a href={viewer.href(&Route::List(state.cleared()))} class="folio-list__clear">{ viewer.t(Msg::ClearAll) }</a></p>
                            }
                        </div>
                    } else {
                        <ul class="folio-list__items">{ for cards }</ul>
                    }
                    { pager(&viewer, state, page.number, page.count) }
                </section>
            </div>
        </div>
    }
}

/// Whether lists can hold what a pinyin query spelled: a packed archive's vocabulary gives it.
/// A whole data file's search could too (`Catalogue::search`), but the data-file build has no
/// room for it under its size ceiling yet (docs/search.md): there the code is left out.
const SPELLS: bool = cfg!(feature = "packed");

/// What a pinyin query may mean, under the search box: words (`lc`: 聊城) search for themselves
/// within the same filters, channels open the channel. Plain links, so the keyboard, a screen
/// reader and "open in a new tab" work on them.
fn suggestions(
    viewer: &crate::context::Viewer,
    state: &ListState,
    spelled: Option<&Spelled>,
) -> Html {
    let words = match spelled {
        Some(spelled) if SPELLS && !spelled.suggestions.is_empty() => &spelled.suggestions,
        _ => return Html::default(),
    };
    let item = |word: &Suggestion| {
        let to = match &word.channel {
            Some(id) => ListState {
                channel: Some(id.clone()),
                ..state.cleared()
            },
            None => ListState {
                q: word.text.clone(),
                ..state.clone().first_page()
            },
        };
        // Read as "聊城, 共 39 篇", not "聊城39".
        let label = (word.count > 0).then(|| {
            format!(
                "{}, {}",
                word.text,
                i18n::article_count(viewer.lang, word.count)
            )
        });
        html! {
            <li>
                <a href={viewer.href(&Route::List(to))} aria-label={label}>
                    { &word.text }
                    if word.count > 0 {
                        <span class="folio-suggest__count">{ word.count }</span>
                    }
                </a>
            </li>
        }
    };
    html! {
        <nav class="folio-suggest" aria-label={viewer.t(Msg::PinyinWords)}>
            <ul>{ for words.iter().map(item) }</ul>
        </nav>
    }
}

/// The orders of a built list page as links (a page of its own has no code to run a select;
/// each order is a search page address): the current one marked.
fn sort_links(viewer: &crate::context::Viewer, state: &ListState) -> Html {
    let link = |sort: Sort, label: Msg| {
        // Without a query the default order is the newest: the list's own page.
        let sort = if sort == Sort::Newest && state.q.trim().is_empty() {
            Sort::Auto
        } else {
            sort
        };
        let current = state.sort == sort;
        let to = Route::List(ListState {
            sort,
            ..state.clone().first_page()
        });
        html! {
            <li><a href={viewer.href(&to)} aria-current={current.then_some("true")}>{ viewer.t(label) }</a></li>
        }
    };
    html! {
        <nav class="folio-list__sort folio-list__sort--links" aria-label={viewer.t(Msg::SortLabel)}>
            <span aria-hidden="true">{ viewer.t(Msg::SortLabel) }</span>
            <ul>
                { link(Sort::Newest, Msg::SortNewest) }
                { link(Sort::Oldest, Msg::SortOldest) }
                { link(Sort::MostViewed, Msg::SortViews) }
            </ul>
        </nav>
    }
}
