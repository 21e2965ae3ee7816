//! 相关文章: the editor's picks, then recent articles from the same channel.

use yew::prelude::*;

use super::link::Link;
use super::use_viewer;
use folio_core::i18n::{self, Msg};
use folio_core::route::Route;

/// Props of [`Related`].
#[derive(Properties, PartialEq)]
pub struct RelatedProps {
    /// Ids of the articles to list, in order.
    pub articles: Vec<AttrValue>,
}

/// See the module documentation.
#[component]
pub fn Related(props: &RelatedProps) -> Html {
    let viewer = use_viewer();
    if props.articles.is_empty() {
        return html! {};
    }
    let items = props
        .articles
        .iter()
        .filter_map(|id| viewer.catalogue.article(id))
        .map(|article| {
            html! {
                <li key={article.id.clone()} class="folio-related__item">
                    <Link to={Route::article(&article.id)}>{ &article.title }</Link>
                    <time class="folio-related__date" datetime={article.published.to_string()}>
                        { i18n::date(viewer.lang, &article.published) }
                    </time>
                </li>
            }
        });
    html! {
        <section class="folio-related" aria-label={viewer.t(Msg::Related)}>
            <h2 class="folio-related__title">{ viewer.t(Msg::Related) }</h2>
            <ul class="folio-related__list">{ for items }</ul>
        </section>
    }
}
