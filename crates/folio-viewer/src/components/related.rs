//! 相关文章: the editor's picks, then recent articles from the same channel.

use folio_core::catalogue::Link;
use folio_core::i18n::{self, Msg};
use folio_core::route::Route;
use yew::prelude::*;

use crate::context::Viewer;

/// The related articles' list (nothing when there are none). A plain function, not a component:
/// it renders only inside the article view.
pub fn related(viewer: &Viewer, articles: &[Link]) -> Html {
    if articles.is_empty() {
        return html! {};
    }
    let items = articles.iter().map(|article| {
        html! {
            <li key={article.id.clone()} class="folio-related__item">
                <a href={viewer.href(&Route::article(&article.id))}>{ &article.title }</a>
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
