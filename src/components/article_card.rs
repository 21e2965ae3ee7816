//! One article in a list: title link, channel, date, source and summary.

use yew::prelude::*;

use super::link::Link;
use super::use_viewer;
use crate::i18n;
use crate::route::Route;

/// Props of [`ArticleCard`].
#[derive(Properties, PartialEq)]
pub struct ArticleCardProps {
    /// Position of the article in the catalogue's newest-first order.
    pub index: usize,
}

/// See the module documentation.
#[component]
pub fn ArticleCard(props: &ArticleCardProps) -> Html {
    let viewer = use_viewer();
    let Some(article) = viewer.catalogue.articles().get(props.index) else {
        return html! {};
    };
    let channel = viewer.catalogue.channel(&article.channel);
    html! {
        <article class="folio-card">
            <h2 class="folio-card__title">
                <Link to={Route::article(&article.id)}>{ &article.title }</Link>
            </h2>
            <p class="folio-card__meta">
                if let Some(channel) = channel {
                    <Link to={Route::channel(&channel.id)} class="folio-card__channel">{ &channel.name }</Link>
                }
                <time class="folio-card__date" datetime={article.published.to_string()}>
                    { i18n::date(viewer.lang, &article.published) }
                </time>
                <span class="folio-card__source">{ &article.source }</span>
            </p>
            if !article.summary.is_empty() {
                <p class="folio-card__summary">{ &article.summary }</p>
            }
        </article>
    }
}
