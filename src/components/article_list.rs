//! A list view: all articles or one channel's, newest first, one page at a time.

use yew::prelude::*;

use super::article_card::ArticleCard;
use super::breadcrumb::Breadcrumb;
use super::pager::Pager;
use super::use_viewer;
use crate::catalogue::paginate;
use crate::i18n::{self, Msg};

/// Props of [`ArticleList`].
#[derive(Properties, PartialEq)]
pub struct ArticleListProps {
    /// Channel to list (with its columns); all articles when `None`.
    #[prop_or_default]
    pub channel: Option<AttrValue>,
    /// Requested page, 1-based; clamped to the pages that exist.
    pub page: usize,
    /// Articles per page.
    pub page_size: usize,
}

/// See the module documentation.
#[component]
pub fn ArticleList(props: &ArticleListProps) -> Html {
    let viewer = use_viewer();
    let members = {
        let catalogue = viewer.catalogue.clone();
        use_memo(
            (catalogue, props.channel.clone()),
            |(catalogue, channel)| catalogue.in_channel(channel.as_deref()),
        )
    };
    let page = paginate(members.len(), props.page_size, props.page);
    let channel = props
        .channel
        .as_deref()
        .and_then(|id| viewer.catalogue.channel(id));
    let heading = channel.map_or(viewer.t(Msg::AllArticles), |c| c.name.as_str());
    let cards = members[page.range.clone()].iter().map(|&index| {
        let id = viewer.catalogue.articles()[index].id.clone();
        html! { <li key={id} class="folio-list__item"><ArticleCard {index} /></li> }
    });
    html! {
        <section class="folio-list">
            if let Some(channel) = channel {
                <Breadcrumb channel={channel.id.clone()} last_is_current=true />
            }
            <header class="folio-list__header">
                <h1 class="folio-list__title" tabindex="-1" data-folio-focus="">{ heading }</h1>
                <p class="folio-list__count">{ i18n::article_count(viewer.lang, members.len()) }</p>
            </header>
            if members.is_empty() {
                <p class="folio-list__empty">{ viewer.t(Msg::EmptyChannel) }</p>
            } else {
                <ul class="folio-list__items">{ for cards }</ul>
            }
            <Pager channel={props.channel.clone()} page={page.number} pages={page.count} />
        </section>
    }
}
