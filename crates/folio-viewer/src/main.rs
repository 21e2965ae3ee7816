//! The Wasm entry point of the standalone page. It mounts the viewer into the element marked
//! `data-folio-standalone` (following the URL hash), reading the data that element names
//! (`articles.json` by default; a packed archive's folder in the archive build). On the search
//! page of a site `folio build` wrote it follows the address's path: the element names the way
//! back to the site's root, the view its HTML shows and the site's address, and the archive is
//! found at the root. (The site's other pages are documents whose islands
//! `src/islands_main.rs` hydrates.) When that element holds a pre-rendered view (`folio
//! prerender`: the list in the page, or an article's view `folio.js` put there for a deep link)
//! and the data file is the one it was rendered from, the viewer reads the data first and then,
//! while the address still names that view, hydrates the HTML instead of rendering it again;
//! otherwise (the reader followed a link before the viewer ran) it renders the view the
//! address names afresh. What the element says is read through
//! `folio_core::page`, the contract between the pages and the viewer. Embedded pages get
//! `<folio-viewer>` from `folio.js`, which calls `defineFolioViewer` after this has run.

#[cfg(target_arch = "wasm32")]
fn main() {
    use folio_viewer::{AppProps, DataSource, Lang, Routing};

    let document = gloo::utils::document();
    let Some(root) = document
        .query_selector(folio_core::page::ROOT_SELECTOR)
        .ok()
        .flatten()
    else {
        return;
    };
    // The page's own language (`<html lang>`) is its setting; the reader's choice overrides it.
    let lang = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| Lang::from_tag(&tag));
    let page = folio_core::page::Root(|name: &str| root.get_attribute(name));
    let mut src = page.src();
    let path_routing = folio_viewer::hooks::PATHS && page.path_routing();
    let (routing, site_root, start) = if path_routing {
        path_start(&page, &mut src)
    } else {
        (Routing::Hash, yew::AttrValue::Static("/"), None)
    };
    // A built page's own settings.
    let base_url = page
        .base_url()
        .filter(|_| path_routing)
        .map(yew::AttrValue::from);
    let page_size = if path_routing {
        page.page_size()
    } else {
        folio_core::catalogue::PAGE_SIZE
    };
    let props = move |source: DataSource| {
        yew::props!(AppProps {
            source,
            lang,
            routing,
            page_size,
            site_root: site_root.clone(),
            start: start.clone(),
            base_url: base_url.clone(),
        })
    };
    // A packed archive is read a view at a time: there is nothing to read before mounting.
    #[cfg(not(feature = "whole"))]
    {
        let src = src.unwrap_or_else(|| "archive/".to_owned());
        let props = props(DataSource::Url(src.into()));
        if path_routing {
            take_over_when_shown(root, props);
            return;
        }
        root.set_inner_html("");
        std::mem::forget(folio_viewer::mount(root, props));
    }
    #[cfg(feature = "whole")]
    whole(&document, root, src, props, path_routing);
}

/// A built page's routing, root and first view; its data is named from the root, and fetched
/// by absolute path (the address changes as the reader moves between views).
#[cfg(all(target_arch = "wasm32", feature = "site"))]
fn path_start(
    page: &folio_core::page::Root<impl Fn(&str) -> Option<String>>,
    src: &mut Option<String>,
) -> (
    folio_viewer::Routing,
    yew::AttrValue,
    Option<folio_viewer::Route>,
) {
    let address = gloo::utils::window()
        .location()
        .pathname()
        .unwrap_or_default();
    let site_root = folio_core::route::site_root(&address, &page.back());
    *src = src.take().map(|src| format!("{site_root}{src}"));
    (folio_viewer::Routing::Path, site_root.into(), page.route())
}

/// Other builds follow hashes.
#[cfg(all(target_arch = "wasm32", not(feature = "site")))]
fn path_start(
    _page: &folio_core::page::Root<impl Fn(&str) -> Option<String>>,
    _src: &mut Option<String>,
) -> (
    folio_viewer::Routing,
    yew::AttrValue,
    Option<folio_viewer::Route>,
) {
    (
        folio_viewer::Routing::Hash,
        yew::AttrValue::Static("/"),
        None,
    )
}

/// The standalone page of a data file read whole: from the page itself (the single-file
/// build), or fetched, hydrating the pre-rendered first view when it was rendered from the same
/// file; a path-routed page renders afresh.
#[cfg(all(target_arch = "wasm32", feature = "whole"))]
fn whole(
    document: &web_sys::Document,
    root: web_sys::Element,
    src: Option<String>,
    props: impl Fn(folio_viewer::DataSource) -> folio_viewer::AppProps + 'static,
    path_routing: bool,
) {
    use folio_viewer::{platform, DataSource};

    let data: yew::AttrValue = src.unwrap_or_else(|| "articles.json".to_owned()).into();
    // The single-file build carries its data in the page, and the search's folding table.
    if let Some(text) = document
        .get_element_by_id("folio-data")
        .and_then(|data| data.text_content())
    {
        if let Some(table) = document
            .get_element_by_id("folio-fold")
            .and_then(|table| table.text_content())
        {
            let _ = folio_core::variants::install(&table);
        }
        root.set_inner_html("");
        std::mem::forget(folio_viewer::mount(
            root,
            props(DataSource::Inline(text.into())),
        ));
        return;
    }
    // The HTML shows a pre-rendered view: the list, or the article `folio.js` put there for a
    // deep link (`data-folio-view`).
    let prerendered = folio_core::page::Root(|name: &str| root.get_attribute(name))
        .prerendered()
        .filter(|_| !path_routing && !is_archive(&data));
    if prerendered.is_none() && (path_routing || is_archive(&data)) {
        root.set_inner_html("");
        // The viewer lives as long as the page.
        std::mem::forget(folio_viewer::mount(root, props(DataSource::Url(data))));
        return;
    }
    // The data first (`folio.js` fetched it with the Wasm for a view the HTML does not show),
    // then one render or hydration, in a task of its own.
    yew::platform::spawn_local(async move {
        let fetched = platform::fetch_bytes(&data, false).await;
        // The HTML shows the data it was rendered from: only the same file can hydrate it (a
        // site may have swapped in another `articles.json` since the build).
        let same = fetched.as_ref().is_ok_and(|bytes| {
            prerendered.as_deref() == Some(folio_core::load::fingerprint(bytes).as_str())
        });
        let loaded = fetched.and_then(folio_core::load::load_owned);
        platform::next_task().await;
        // The view the HTML shows, hydrated while the address still names it (the reader may
        // have followed a link before the viewer ran: then that view is rendered).
        let shown = folio_core::page::Root(|name: &str| root.get_attribute(name))
            .view()
            .unwrap_or_default();
        let address = folio_viewer::Route::parse(&platform::location_hash());
        let hydrating = same && loaded.is_ok() && address == shown;
        let source = match loaded {
            Ok(loaded) => DataSource::Loaded(loaded.into()),
            // The viewer fetches once more and, if that fails too, says why with a retry
            // button.
            Err(_) => DataSource::Url(data),
        };
        let mut props = props(source);
        // The first render is the view the address names, not the list it then leaves.
        props.start = Some(address);
        let handle = if hydrating {
            hydrate(root, props)
        } else {
            root.set_inner_html("");
            props.progressive = true;
            folio_viewer::mount(root, props)
        };
        std::mem::forget(handle);
    });
}

/// A built page of a packed site: the viewer renders its view off the page (it fetches that
/// view's files), and takes the page's place once the view is shown, so the pre-rendered HTML
/// stays on screen until then (a packed build does not hydrate: see docs/site.md).
#[cfg(all(target_arch = "wasm32", feature = "site", not(feature = "whole")))]
fn take_over_when_shown(root: web_sys::Element, props: folio_viewer::AppProps) {
    let Ok(host) = gloo::utils::document().create_element("div") else {
        return;
    };
    std::mem::forget(folio_viewer::mount(host.clone(), props));
    yew::platform::spawn_local(async move {
        let shown = |selector: &str| host.query_selector(selector).ok().flatten().is_some();
        // At most a few seconds: then the reader sees whatever the viewer shows.
        for _ in 0..1500 {
            let view = shown("[data-folio-live] .folio-main:not([aria-busy])")
                && !shown(".folio-app__loading");
            if view || shown("[data-folio-live] [role=alert]") {
                break;
            }
            folio_viewer::platform::next_task().await;
        }
        root.set_inner_html("");
        let _ = root.append_child(&host);
    });
}

/// Other builds mount in place.
#[cfg(all(target_arch = "wasm32", not(feature = "whole"), not(feature = "site")))]
fn take_over_when_shown(root: web_sys::Element, props: folio_viewer::AppProps) {
    root.set_inner_html("");
    std::mem::forget(folio_viewer::mount(root, props));
}

/// Whether a source names a packed archive (never pre-rendered yet).
#[cfg(all(target_arch = "wasm32", feature = "whole", feature = "packed"))]
fn is_archive(src: &str) -> bool {
    folio_viewer::library::archive_base(src).is_some()
}

#[cfg(all(target_arch = "wasm32", feature = "whole", not(feature = "packed")))]
fn is_archive(_: &str) -> bool {
    false
}

/// Takes over the pre-rendered HTML in `root`.
#[cfg(all(target_arch = "wasm32", feature = "whole", feature = "hydration"))]
fn hydrate(
    root: web_sys::Element,
    props: folio_viewer::AppProps,
) -> yew::AppHandle<folio_viewer::App> {
    yew::Renderer::<folio_viewer::App>::with_root_and_props(root, props).hydrate()
}

/// Without the `hydration` feature the pre-rendered HTML is replaced by a fresh render.
#[cfg(all(target_arch = "wasm32", feature = "whole", not(feature = "hydration")))]
fn hydrate(
    root: web_sys::Element,
    props: folio_viewer::AppProps,
) -> yew::AppHandle<folio_viewer::App> {
    root.set_inner_html("");
    folio_viewer::mount(root, props)
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("folio-viewer is the viewer's WebAssembly entry point: build it with `trunk build`.");
}
