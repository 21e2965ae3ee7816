//! The Yew components, one a file. They read the [`Viewer`] context and stay thin: the rules
//! live in the pure modules.

pub mod app;
pub mod article_card;
pub mod article_detail;
pub mod article_list;
pub mod breadcrumb;
pub mod channel_menu;
pub mod facets;
pub mod link;
pub mod not_found;
pub mod notice;
pub mod pager;
pub mod reader_settings;
pub mod reading_progress;
pub mod related;
pub mod search_bar;
pub mod share_bar;

use std::rc::Rc;

use yew::prelude::*;

use crate::browser;
use crate::catalogue::SharedCatalogue;
use crate::hooks::Navigator;
use crate::i18n::{Lang, Msg};
use crate::prefs::ReadSet;
use crate::route::Route;
use crate::share::{canonical_url, Target};

/// What every component of one viewer shares. One per viewer, never global, so several viewers
/// can live on one page.
#[derive(Clone, PartialEq)]
pub struct Viewer {
    /// Interface language.
    pub lang: Lang,
    /// The loaded data.
    pub catalogue: SharedCatalogue,
    /// Moves between views.
    pub navigator: Navigator,
    /// Share targets, in order.
    pub share_targets: Rc<[Target]>,
    /// The address shared links start with; the page's own when `None`.
    pub base_url: Option<AttrValue>,
    /// Told when the reader uses a share target.
    pub on_share: Option<Callback<(Target, String)>>,
    /// Articles the reader has opened.
    pub read: Rc<ReadSet>,
    /// Forgets the read markers.
    pub on_clear_read: Callback<()>,
}

impl Viewer {
    /// The canonical address of a view: the configured base URL (or the page's own address)
    /// followed by the view's hash.
    pub fn address_of(&self, route: &Route) -> String {
        let base = self
            .base_url
            .as_deref()
            .map_or_else(browser::page_address, str::to_owned);
        canonical_url(&base, &route.to_hash())
    }

    /// An interface string in the viewer's language.
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.lang)
    }
}

/// The viewer context; components render only under [`app::App`], which provides it.
#[hook]
pub fn use_viewer() -> Viewer {
    // App provides the context around every component that calls this hook.
    use_context::<Viewer>().expect("Folio components render inside App, which provides Viewer")
}
