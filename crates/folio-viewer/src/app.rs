//! The viewer's root: it gathers the data, the view, the preferences and the read markers from
//! their hooks, provides the [`Viewer`] context, and chooses the view the route names.

use std::rc::Rc;

use folio_core::catalogue::{paginate, ListPage, PAGE_SIZE};
use folio_core::i18n::{page_link, Lang, Msg, NotFoundWhat};
use folio_core::prefs::Theme;
use folio_core::route::{ListState, Route};
use folio_core::search::{FacetCounts, Query};
use folio_core::share::Target;
use yew::prelude::*;

use crate::components::article_detail::ArticleDetail;
use crate::components::article_list::ArticleList;
use crate::components::channel_menu::channel_menu;
use crate::components::islands::Island;
use crate::components::link;
use crate::components::not_found::not_found;
use crate::components::notice::{data_problems, load_failed};
use crate::components::reader_settings::reader_settings;
use crate::context::ISLANDS;
use crate::context::{Links, RenderCount, Viewer};
use crate::hooks::{
    use_data, use_prefs, use_read_markers, use_router, use_view, use_view_effects, DataSource,
    DataState, Routing, Shown, ViewData, ViewEffects, ARTICLES, PATHS,
};
use crate::library::Library;
use crate::platform;

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
    #[prop_or(PAGE_SIZE)]
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
    /// With [`Routing::Path`], the absolute path of the site's root (`/`, or `/news/` for a site
    /// under a sub-path).
    #[prop_or(AttrValue::Static("/"))]
    pub site_root: AttrValue,
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
    /// Whether the data's problems are listed above the view (the site owner's viewer); a
    /// built site reports them when it is built instead, and its pages leave them out.
    #[prop_or(true)]
    pub problems_notice: bool,
    /// Renders a built page: a document whose interactive parts are islands (see
    /// [`crate::components::islands`]); `folio build` sets it, natively.
    #[prop_or_default]
    pub islands: bool,
    /// Renders the page's header first and its view one task later, so neither render is a
    /// long task (a view rendered afresh in the browser: a deep link). Never when hydrating:
    /// the first render must be the server's.
    #[prop_or_default]
    pub progressive: bool,
    /// Counts renders of list items (tests and profiling).
    #[prop_or_default]
    pub render_count: Option<RenderCount>,
}

/// False in the site Wasm, whose pages never list data problems (see `problems_notice`).
const PROBLEMS_NOTICE: bool = cfg!(not(all(feature = "site", target_arch = "wasm32")));

/// See the module documentation.
#[component]
pub fn App(props: &AppProps) -> Html {
    let (data, retry, replace) = use_data(&props.source);
    let router = use_router(props.routing, props.site_root.clone(), props.start.clone());
    let prefs = use_prefs(props.lang, props.theme);
    let open = match &router.route {
        Route::Article { id } => Some(id.clone()),
        _ => None,
    };
    let markers = use_read_markers(open, matches!(data, DataState::Ready(_)));
    let share_targets = use_memo(props.share.clone(), |share| {
        Rc::<[Target]>::from(Target::parse_list(share.as_deref().unwrap_or("")).0)
    });
    // The view follows the header one task later when asked (see `progressive`); the header
    // stays where it is, so nothing on screen moves when the view comes. (Before the effect
    // below, so the viewer is live only once its view is there.)
    let view_ready = use_state_eq(|| !props.progressive);
    {
        let view_ready = view_ready.clone();
        use_effect_with((), move |_| {
            if !*view_ready {
                yew::platform::spawn_local(async move {
                    platform::next_task().await;
                    view_ready.set(true);
                });
            }
        });
    }

    // Known once the viewer runs in the page (after hydrating pre-rendered HTML, or after its
    // first render): the page's address, and `data-folio-live`, which tells scripts and tests
    // the view is interactive.
    let page_address = use_state_eq(AttrValue::default);
    let live = use_state_eq(|| false);
    {
        let (page_address, live) = (page_address.clone(), live.clone());
        use_effect_with((), move |_| {
            // In a task of its own: the render it causes does not lengthen the first one.
            yew::platform::spawn_local(async move {
                platform::next_task().await;
                page_address.set(platform::page_address().into());
                live.set(true);
            });
        });
    }
    let root = use_node_ref();
    let links = match props.routing {
        Routing::Path if PATHS => Links::path_from(&router.route, &props.site_root),
        _ => Links::Hash,
    };
    // One handler for every in-viewer link (see `components::link`).
    let on_click = use_callback(
        (
            router.navigator.clone(),
            props.routing,
            props.site_root.clone(),
        ),
        |event: MouseEvent, (navigator, routing, root)| {
            link::follow(&event, navigator, *routing, root)
        },
    );
    let lang = prefs.lang;
    let library = match &data {
        DataState::Ready(data) => Some(&data.library),
        _ => None,
    };
    let shown = use_view(library, &router.route, props.page_size, replace);
    let paged = links.is_path();
    // No title until the view is there: the view's effects (title, scroll, focus) wait for it.
    let title = library
        .filter(|_| *view_ready)
        .and_then(|library| view_title(library, &router.route, &shown.shown, lang, paged));
    use_view_effects(ViewEffects {
        root: root.clone(),
        route: router.route.clone(),
        title,
        routing: props.routing,
        navigated: router.navigated,
        pending_scroll: router.pending_scroll.clone(),
        on_navigate: props.on_navigate.clone(),
    });

    let body = match data {
        DataState::Loading => html! {
            <p class="folio-app__loading" role="status">{ Msg::Loading.text(lang) }</p>
        },
        DataState::Failed(error) => load_failed(lang, &error, error.is_fetch().then_some(retry)),
        DataState::Ready(data) => {
            let viewer = Viewer {
                lang,
                library: data.library.clone(),
                navigator: router.navigator.clone(),
                share_targets: (*share_targets).clone(),
                base_url: props.base_url.clone().unwrap_or((*page_address).clone()),
                on_share: props.on_share.clone(),
                read: markers.read.clone(),
                on_clear_read: markers.clear.clone(),
                render_count: props.render_count.clone(),
                links: links.clone(),
                islands: ISLANDS && props.islands,
            };
            let (active, all_active) = match (&router.route, &shown.shown) {
                (Route::List(ListState { channel: None, .. }), _) => (None, true),
                (
                    Route::List(ListState {
                        channel: Some(id), ..
                    }),
                    _,
                ) => (Some(id.as_str()), false),
                (Route::Article { .. }, Shown::Article(view)) => {
                    (Some(view.article.channel.as_str()), false)
                }
                _ => (None, false),
            };
            let site = data.library.site();
            html! {
                <ContextProvider<Viewer> context={viewer.clone()}>
                    <header class="folio-header">
                        <p class="folio-header__site"><a href={links.href(&Route::default())}>{ &site.name }</a></p>
                        if ISLANDS && props.islands {
                            { Island::Settings { lang: lang.tag().to_owned() }.html() }
                        } else {
                            { reader_settings(prefs.prefs, lang, prefs.theme, &prefs.choose, true) }
                        }
                        { channel_menu(&viewer, active, all_active) }
                    </header>
                    if PROBLEMS_NOTICE && props.problems_notice {
                        { data_problems(lang, &data.problems) }
                    }
                    if *view_ready {
                        <main class="folio-main" aria-busy={shown.pending.then_some("true")}>{ view(&viewer, &router.route, &shown, props.page_size) }</main>
                        <footer class="folio-footer">
                            if let Some(url) = &site.url {
                                <p><a class="folio-footer__site" href={url.clone()} rel="noopener">{ &site.name }</a></p>
                            }
                            <p class="folio-footer__copyright">{ &site.copyright }</p>
                        </footer>
                    } else {
                        <main class="folio-main" aria-busy="true"></main>
                    }
                </ContextProvider<Viewer>>
            }
        }
    };
    html! {
        <div class="folio-app" lang={lang.tag()} data-theme={prefs.theme.key()} data-text-size={prefs.prefs.text_size.key()} data-easy={prefs.prefs.easy.then_some("")} ref={root} onclick={on_click} data-folio-live={live.then_some("")}>
            { body }
        </div>
    }
}

/// The view a route names, or not-found when it names nothing that exists.
fn view(viewer: &Viewer, route: &Route, data: &ViewData, page_size: usize) -> Html {
    let lang = viewer.lang;
    match (route, &data.shown) {
        (
            Route::List(ListState {
                channel: Some(id), ..
            }),
            _,
        ) if viewer.library.channel(id).is_none() => not_found(viewer, NotFoundWhat::Channel, id),
        // A list that failed keeps its search box and says why where the results go.
        (Route::List(state), Shown::Failed(error)) => {
            let failure = load_failed(lang, error, Some(data.retry.clone()));
            let page = Rc::new(ListPage {
                query: Query::parse(&state.q),
                total: 0,
                approximate: false,
                page: paginate(0, page_size, 1),
                articles: Vec::new(),
                facets: Some(FacetCounts::default()),
                later: Vec::new(),
                spelled: None,
            });
            html! { <ArticleList state={state.clone()} {page} {page_size} {failure} /> }
        }
        (_, Shown::Failed(error)) => load_failed(lang, error, Some(data.retry.clone())),
        (Route::List(state), Shown::List(page)) => html! {
            <ArticleList state={state.clone()} page={page.clone()} {page_size} />
        },
        (Route::Article { id }, Shown::Article(view)) if ARTICLES => html! {
            <ArticleDetail key={id.clone()} view={view.clone()} />
        },
        (Route::Article { id }, Shown::Missing) => not_found(viewer, NotFoundWhat::Article, id),
        (Route::Unknown { path }, _) => not_found(viewer, NotFoundWhat::Path, path),
        _ => html! {
            <p class="folio-app__loading" role="status">{ Msg::Loading.text(lang) }</p>
        },
    }
}

/// The document title of a view once its data is here: the view's own name (with the page
/// number past the first page of a list when `paged`: each page of a built site is a
/// document of its own), then the site's.
pub fn view_title(
    library: &Library,
    route: &Route,
    shown: &Shown,
    lang: Lang,
    paged: bool,
) -> Option<String> {
    let site = &library.site().name;
    let own = match (route, shown) {
        (_, Shown::Loading) => return None,
        (_, Shown::Failed(_)) => return Some(site.clone()),
        (Route::List(state), _) => {
            let name = state
                .channel
                .as_ref()
                .map(|id| library.channel(id).map(|c| c.name.clone()));
            let page = if paged { state.page } else { 1 };
            match (name, page) {
                (None, 1) => return Some(site.clone()),
                (None, page) => Some(page_link(lang, page)),
                (Some(name), 1) => name,
                (Some(name), page) => name.map(|name| format!("{name} {}", page_link(lang, page))),
            }
        }
        (Route::Article { .. }, Shown::Article(view)) => Some(view.article.title.clone()),
        _ => None,
    };
    Some(format!(
        "{} - {site}",
        own.unwrap_or_else(|| Msg::NotFound.text(lang).to_owned())
    ))
}
