//! The article view, laid out like the portal's page: breadcrumb, title, meta line, body, byline,
//! share bar, previous/next and related articles.

use std::rc::Rc;

use folio_core::catalogue::{ArticleView, Link};
use folio_core::i18n::{self, Msg};
use folio_core::model::Block;
use folio_core::route::Route;
use yew::prelude::*;

use super::islands::Island;

use super::breadcrumb::breadcrumb;
use super::reading_progress::ReadingProgress;
use super::related::related;
use super::share_bar::{ShareBar, ShareBarProps};
use super::use_viewer;

/// Props of [`ArticleDetail`].
#[derive(Properties, PartialEq)]
pub struct ArticleDetailProps {
    /// The article with its links.
    pub view: Rc<ArticleView>,
}

/// See the module documentation.
#[component]
pub fn ArticleDetail(props: &ArticleDetailProps) -> Html {
    let viewer = use_viewer();
    let view = &props.view;
    let article = &view.article;
    let lang = viewer.lang;
    let byline = i18n::byline(lang, &article.authors);
    let address = viewer.address_of(&Route::article(&article.id));
    let share = ShareBarProps {
        url: address.clone().into(),
        title: article.title.clone().into(),
        summary: article.summary.clone().into(),
        lang,
        targets: viewer.share_targets.clone(),
        on_share: viewer.on_share.clone(),
        built: viewer.links.is_path(),
    };
    let neighbour = |label: Msg, other: Option<&Link>, class: &'static str| {
        html! {
            <p class={classes!("folio-article__neighbour", class)}>
                <span class="folio-article__neighbour-label">{ viewer.t(label) }</span>
                if let Some(other) = other {
                    <a href={viewer.href(&Route::article(&other.id))}>{ &other.title }</a>
                } else {
                    <span>{ "—" }</span>
                }
            </p>
        }
    };
    html! {
        <div class="folio-detail">
            if viewer.islands() {
                { Island::Progress { lang: lang.tag().to_owned() }.html() }
            } else {
                <ReadingProgress {lang} />
            }
            { breadcrumb(&viewer, &article.channel, false) }
            <article class="folio-article" lang="zh-CN">
                <header class="folio-article__header">
                    <h1 class="folio-article__title" tabindex="-1" data-folio-focus="">{ &article.title }</h1>
                    if let Some(subtitle) = &article.subtitle {
                        <p class="folio-article__subtitle">{ subtitle }</p>
                    }
                    <p class="folio-article__meta" lang={lang.tag()}>
                        <span class="folio-article__meta-item">
                            { viewer.t(Msg::Published) }
                            <time datetime={article.published.to_string()}>{ i18n::date_time(lang, &article.published) }</time>
                        </span>
                        <span class="folio-article__meta-item">
                            { viewer.t(Msg::Source) }<span lang="zh-CN">{ &article.source }</span>
                        </span>
                        <span class="folio-article__meta-item folio-article__views">{ i18n::views(lang, article.views) }</span>
                        if let Some(editor) = &article.editor {
                            <span class="folio-article__meta-item">
                                { viewer.t(Msg::Editor) }<span lang="zh-CN">{ editor }</span>
                            </span>
                        }
                    </p>
                    if viewer.islands() {
                        { Island::Read { lang: lang.tag().to_owned() }.html() }
                    } else {
                        { read_aloud(&article.id, lang) }
                    }
                </header>
                <div class="folio-article__body">
                    { for article.body.iter().map(block) }
                </div>
                if !byline.is_empty() {
                    <p class="folio-article__byline">{ byline }</p>
                }
                <p class="folio-article__print-url" lang={lang.tag()}>{ viewer.t(Msg::PrintAddress) }{ address }</p>
                if !article.tags.is_empty() {
                    <p class="folio-article__tags" lang={lang.tag()}>
                        { viewer.t(Msg::Tags) }
                        { for article.tags.iter().map(|tag| html! { <span class="folio-article__tag" lang="zh-CN">{ tag }</span> }) }
                    </p>
                }
            </article>
            if viewer.islands() {
                { Island::share(&share).html() }
            } else {
                <ShareBar ..share />
            }
            <nav class="folio-article__neighbours" aria-label={viewer.t(Msg::ArticleNav)}>
                { neighbour(Msg::Previous, view.older.as_ref(), "folio-article__neighbour--previous") }
                { neighbour(Msg::Next, view.newer.as_ref(), "folio-article__neighbour--next") }
            </nav>
            { related(&viewer, &view.related) }
        </div>
    }
}

/// 朗读 inside a viewer: where the build has speech (feature `speech`), the same natively and
/// in the browser, so a pre-rendered first view hydrates.
#[cfg(feature = "speech")]
fn read_aloud(id: &str, lang: folio_core::i18n::Lang) -> Html {
    use super::read_aloud::ReadAloud;
    html! { <ReadAloud key={id.to_owned()} {lang} /> }
}

/// 朗读 inside a viewer: not in this build.
#[cfg(not(feature = "speech"))]
fn read_aloud(_id: &str, _lang: folio_core::i18n::Lang) -> Html {
    Html::default()
}

/// One body block. Text is always rendered as text, never as HTML.
fn block(block: &Block) -> Html {
    match block {
        Block::Paragraph { text } => html! { <p class="folio-article__paragraph">{ text }</p> },
        Block::Heading { text } => html! { <h2 class="folio-article__heading">{ text }</h2> },
        Block::Image { src, alt, caption } => html! {
            <figure class="folio-article__figure">
                <img class="folio-article__image" src={src.clone()} alt={alt.clone()} loading="lazy" decoding="async" />
                if let Some(caption) = caption {
                    <figcaption class="folio-article__caption">{ caption }</figcaption>
                }
            </figure>
        },
        Block::Quote { text, cite } => html! {
            <figure class="folio-article__quote">
                <blockquote><p>{ text }</p></blockquote>
                if let Some(cite) = cite {
                    <figcaption class="folio-article__cite">{ "—— " }{ cite }</figcaption>
                }
            </figure>
        },
    }
}
