//! The viewer: loads the data, follows the URL and shows the view it names.

use std::rc::Rc;

use yew::prelude::*;

use super::article_detail::ArticleDetail;
use super::article_list::ArticleList;
use super::channel_menu::ChannelMenu;
use super::link::Link;
use super::not_found::NotFound;
use super::notice::{DataProblems, LoadFailed};
use super::reader_settings::ReaderSettings;
use super::Viewer;
use crate::browser::{self, FetchError};
use crate::catalogue::Catalogue;
use crate::hooks::{use_data, use_router, DataSource, DataState, Routing, Scroll};
use crate::i18n::{self, Lang, Msg, NotFoundWhat};
use crate::prefs::{Prefs, ReadSet, Theme, PREFS_KEY, READ_KEY};
use crate::route::{ListState, Route};
use crate::share::Target;

/// Articles per page unless the page says otherwise.
pub const DEFAULT_PAGE_SIZE: usize = 20;

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Where the articles come from; `articles.json` next to the page by default.
    #[prop_or(DataSource::Url(AttrValue::from("articles.json")))]
    pub source: DataSource,
    /// Interface language set by the page or element; the reader's own choice (stored), then
    /// the browser's language, apply when `None`.
    #[prop_or_default]
    pub lang: Option<Lang>,
    /// Articles per list page.
    #[prop_or(DEFAULT_PAGE_SIZE)]
    pub page_size: usize,
    /// Share targets as a comma-separated list of keys (`wechat,weibo,copy,...`); the default
    /// bar when `None` or empty.
    #[prop_or_default]
    pub share: Option<AttrValue>,
    /// The address shared links start with (for sites that publish the viewer elsewhere); the
    /// page's own address when `None`.
    #[prop_or_default]
    pub base_url: Option<AttrValue>,
    /// Who owns the view state: the URL hash (standalone page) or the viewer alone (embedded).
    #[prop_or_default]
    pub routing: Routing,
    /// The view to open first (and to open again whenever it changes).
    #[prop_or_default]
    pub start: Option<Route>,
    /// Colour theme set by the page or element; the reader's stored choice, then `auto`, apply
    /// when `None`.
    #[prop_or_default]
    pub theme: Option<Theme>,
    /// Called after each view change the reader makes (not for the first view).
    #[prop_or_default]
    pub on_navigate: Option<Callback<Route>>,
    /// Called when the reader uses a share target, with the shared URL.
    #[prop_or_default]
    pub on_share: Option<Callback<(Target, String)>>,
}

/// See the module documentation.
#[component]
pub fn App(props: &AppProps) -> Html {
    let data = use_data(&props.source);
    let router = use_router(props.routing, props.start.clone());
    let root = use_node_ref();
    // The reader's choices: stored ones first, then what the page or element says, then the
    // browser; a page setting changed after mount (an attribute) takes over again.
    let prefs = use_state_eq(|| Prefs::parse(browser::storage_get(PREFS_KEY).as_deref()));
    let choose = {
        let prefs = prefs.clone();
        Callback::from(move |next: Prefs| {
            browser::storage_set(PREFS_KEY, &next.to_json());
            prefs.set(next);
        })
    };
    {
        let (prefs, first) = (prefs.clone(), use_mut_ref(|| true));
        use_effect_with((props.lang, props.theme), move |(lang, theme)| {
            if !first.replace(false) {
                prefs.set(Prefs {
                    lang: *lang,
                    theme: *theme,
                    ..*prefs
                });
            }
        });
    }
    let lang = prefs
        .lang
        .or(props.lang)
        .or_else(browser::browser_lang)
        .unwrap_or_default();
    let theme = prefs.theme.or(props.theme).unwrap_or_default();
    let read = use_state_eq(|| Rc::new(ReadSet::parse(browser::storage_get(READ_KEY).as_deref())));
    let on_clear_read = {
        let read = read.clone();
        Callback::from(move |()| {
            browser::storage_set(READ_KEY, &ReadSet::default().to_json());
            read.set(Rc::new(ReadSet::default()));
        })
    };
    {
        // Opening an article marks it read (in storage at once; in lists when the reader returns).
        let read = read.clone();
        let id = match &router.route {
            Route::Article { id } => Some(id.clone()),
            _ => None,
        };
        let ready = matches!(data, DataState::Ready { .. });
        use_effect_with((id, ready), move |(id, ready)| {
            if let (Some(id), true) = (id, ready) {
                let mut next = ReadSet::parse(browser::storage_get(READ_KEY).as_deref());
                next.mark(id);
                browser::storage_set(READ_KEY, &next.to_json());
                read.set(Rc::new(next));
            }
        });
    }
    let share_targets: Rc<[Target]> = (*use_memo(props.share.clone(), |share| {
        Rc::<[Target]>::from(Target::parse_list(share.as_deref().unwrap_or("")).0)
    }))
    .clone();

    let title = match &data {
        DataState::Ready { catalogue, .. } => Some(view_title(catalogue, &router.route, lang)),
        _ => None,
    };
    // Focus moves to the new view's heading when the reader opens another view, but not while
    // they type a search or pick a filter (a list changing into another list).
    let previous_route = use_mut_ref(|| None::<Route>);
    {
        let pending_scroll = router.pending_scroll.clone();
        let root = root.clone();
        let navigated = router.navigated;
        let routing = props.routing;
        let on_navigate = props.on_navigate.clone();
        use_effect_with(
            (router.route.clone(), title.clone()),
            move |(route, title)| {
                let previous = previous_route.replace(title.is_some().then(|| route.clone()));
                let list_to_list =
                    matches!((&previous, route), (Some(Route::List(_)), Route::List(_)));
                if navigated && previous.as_ref() != Some(route) {
                    if let Some(on_navigate) = &on_navigate {
                        on_navigate.emit(route.clone());
                    }
                }
                // Only a rendered view can take its scroll position and focus.
                if let Some(title) = title {
                    // An embedded viewer leaves the host page's title alone.
                    if routing == Routing::Hash {
                        browser::set_title(title);
                    }
                    match pending_scroll.borrow_mut().take() {
                        Some(Scroll::Window(y)) => browser::scroll_to(y),
                        Some(Scroll::ViewerTop) => {
                            if let Some(root) = root.cast::<web_sys::Element>() {
                                browser::scroll_into_view_if_above(&root);
                            }
                        }
                        None => {}
                    }
                    if navigated && !list_to_list {
                        if let Some(heading) = root.cast::<web_sys::Element>().and_then(|root| {
                            root.query_selector("[data-folio-focus]").ok().flatten()
                        }) {
                            browser::focus_quietly(&heading);
                        }
                    }
                }
            },
        );
    }

    let body = match data {
        DataState::Loading => html! {
            <p class="folio-app__loading" role="status">{ Msg::Loading.text(lang) }</p>
        },
        DataState::FetchFailed { url, error } => {
            let status = match error {
                FetchError::Status(status) => Some(status),
                FetchError::Network => None,
            };
            html! { <LoadFailed {lang} detail={i18n::fetch_error(lang, &url, status)} /> }
        }
        DataState::Invalid(error) => {
            html! { <LoadFailed {lang} detail={i18n::load_error(lang, &error)} /> }
        }
        DataState::Ready {
            catalogue,
            problems,
        } => {
            let viewer = Viewer {
                lang,
                catalogue: catalogue.clone(),
                navigator: router.navigator.clone(),
                share_targets: share_targets.clone(),
                base_url: props.base_url.clone(),
                on_share: props.on_share.clone(),
                read: (*read).clone(),
                on_clear_read: on_clear_read.clone(),
            };
            let (active, all_active) = match &router.route {
                Route::List(ListState { channel: None, .. }) => (None, true),
                Route::List(ListState {
                    channel: Some(id), ..
                }) => (Some(AttrValue::from(id.clone())), false),
                Route::Article { id } => (
                    catalogue
                        .article(id)
                        .map(|a| AttrValue::from(a.channel.clone())),
                    false,
                ),
                Route::Unknown { .. } => (None, false),
            };
            let site = catalogue.site();
            html! {
                <ContextProvider<Viewer> context={viewer}>
                    <header class="folio-header">
                        <p class="folio-header__site"><Link to={Route::default()}>{ &site.name }</Link></p>
                        <ReaderSettings prefs={*prefs} {lang} {theme} on_change={choose.clone()} />
                        <ChannelMenu {active} {all_active} />
                    </header>
                    <DataProblems {lang} {problems} />
                    <main class="folio-main">{ view(&catalogue, &router.route, props.page_size) }</main>
                    <footer class="folio-footer">
                        if let Some(url) = &site.url {
                            <p><a class="folio-footer__site" href={url.clone()} rel="noopener">{ &site.name }</a></p>
                        }
                        <p class="folio-footer__copyright">{ &site.copyright }</p>
                    </footer>
                </ContextProvider<Viewer>>
            }
        }
    };
    html! {
        <div class="folio-app" lang={lang.tag()} data-theme={theme.key()} data-text-size={prefs.text_size.key()} ref={root}>
            { body }
        </div>
    }
}

/// The view a route names, or not-found when it names nothing that exists.
fn view(catalogue: &Catalogue, route: &Route, page_size: usize) -> Html {
    match route {
        Route::List(state) => match &state.channel {
            Some(id) if catalogue.channel(id).is_none() => html! {
                <NotFound what={NotFoundWhat::Channel} id={id.clone()} />
            },
            _ => html! { <ArticleList state={state.clone()} {page_size} /> },
        },
        Route::Article { id } if catalogue.article(id).is_some() => html! {
            <ArticleDetail key={id.clone()} id={id.clone()} />
        },
        Route::Article { id } => {
            html! { <NotFound what={NotFoundWhat::Article} id={id.clone()} /> }
        }
        Route::Unknown { path } => {
            html! { <NotFound what={NotFoundWhat::Path} id={path.clone()} /> }
        }
    }
}

/// `document.title` for a view: the view's own name, then the site's.
fn view_title(catalogue: &Catalogue, route: &Route, lang: Lang) -> String {
    let site = &catalogue.site().name;
    let own = match route {
        Route::List(ListState { channel: None, .. }) => return site.clone(),
        Route::List(ListState {
            channel: Some(id), ..
        }) => catalogue.channel(id).map(|c| c.name.clone()),
        Route::Article { id } => catalogue.article(id).map(|a| a.title.clone()),
        Route::Unknown { .. } => None,
    };
    format!(
        "{} - {site}",
        own.unwrap_or_else(|| Msg::NotFound.text(lang).to_owned())
    )
}
