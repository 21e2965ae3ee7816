//! One article in a list: title link, channel, date, source and summary — or, under a search,
//! the title and a snippet around the first body hit with the matched terms in `<mark>`.

use std::rc::Rc;

use folio_core::i18n::{self, Msg};
use folio_core::model::Article;
use folio_core::route::Route;
use folio_core::search::{highlight, snippet};
use yew::prelude::*;

use super::use_viewer;

/// Characters shown on each side of the first hit in a snippet.
const SNIPPET_RADIUS: usize = 40;

/// Props of [`ArticleCard`].
#[derive(Properties, PartialEq)]
pub struct ArticleCardProps {
    /// The article (a packed archive's list record has no body: its summary shows).
    pub article: Rc<Article>,
    /// Folded search terms to mark; empty outside a search.
    #[prop_or_default]
    pub terms: Rc<[String]>,
}

/// Text with the search terms wrapped in `<mark>`.
pub fn marked(text: &str, terms: &[String]) -> Html {
    if terms.is_empty() {
        return html! { { text } };
    }
    highlight(text, terms)
        .into_iter()
        .map(|segment| {
            if segment.marked {
                html! { <mark class="folio-mark">{ segment.text }</mark> }
            } else {
                html! { { segment.text } }
            }
        })
        .collect()
}

/// See the module documentation.
#[component]
pub fn ArticleCard(props: &ArticleCardProps) -> Html {
    let viewer = use_viewer();
    if let Some(count) = &viewer.render_count {
        count.add();
    }
    let article = &props.article;
    let channel = viewer.library.channel(&article.channel);
    let terms = &props.terms;
    let excerpt = if terms.is_empty() {
        None
    } else {
        snippet(article, terms, SNIPPET_RADIUS)
    };
    let excerpt = excerpt.unwrap_or_else(|| article.summary.clone());
    let read = viewer.read.contains(&article.id);
    html! {
        <article class={classes!("folio-card", read.then_some("folio-card--read"))}>
            <h2 class="folio-card__title">
                <a href={viewer.href(&Route::article(&article.id))}>{ marked(&article.title, terms) }</a>
            </h2>
            <p class="folio-card__meta">
                if let Some(channel) = channel {
                    <a href={viewer.href(&Route::channel(&channel.id))} class="folio-card__channel">{ &channel.name }</a>
                }
                <time class="folio-card__date" datetime={article.published.to_string()}>
                    { i18n::date(viewer.lang, &article.published) }
                </time>
                <span class="folio-card__source">{ marked(&article.source, terms) }</span>
                if read {
                    <span class="folio-card__read">{ viewer.t(Msg::ReadMark) }</span>
                }
            </p>
            if !excerpt.is_empty() {
                <p class="folio-card__summary">{ marked(&excerpt, terms) }</p>
            }
        </article>
    }
}
