//! The Wasm entry point of the standalone page. It mounts the viewer into the element marked
//! `data-folio-standalone` (following the URL hash). When the build pre-rendered the first view
//! into that element (`folio prerender`), the address names that view and the data file is the
//! one it was rendered from, the viewer reads the data first and then hydrates the HTML instead
//! of rendering it again; otherwise it renders afresh. Embedded pages get `<folio-viewer>` from
//! `folio.js`, which calls `defineFolioViewer` after this has run.

#[cfg(target_arch = "wasm32")]
fn main() {
    use folio_viewer::{platform, AppProps, DataSource, Lang, Routing};

    /// The data file next to the page.
    const DATA: &str = "articles.json";

    let document = gloo::utils::document();
    let Some(root) = document
        .query_selector("[data-folio-standalone]")
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
    let props = move |source: DataSource| {
        yew::props!(AppProps {
            source,
            lang,
            routing: Routing::Hash,
        })
    };
    // The single-file build carries its data in the page.
    if let Some(text) = document
        .get_element_by_id("folio-data")
        .and_then(|data| data.text_content())
    {
        root.set_inner_html("");
        std::mem::forget(folio_viewer::mount(
            root,
            props(DataSource::Inline(text.into())),
        ));
        return;
    }
    let prerendered = root.get_attribute("data-folio-prerendered");
    let first_view =
        prerendered.is_some() && folio_viewer::hooks::is_empty_hash(&platform::location_hash());
    if !first_view {
        root.set_inner_html("");
        // The viewer lives as long as the page.
        std::mem::forget(folio_viewer::mount(
            root,
            props(DataSource::Url(DATA.into())),
        ));
        return;
    }
    yew::platform::spawn_local(async move {
        let fetched = platform::fetch_bytes(DATA).await;
        // The HTML shows the data it was rendered from: only the same file can hydrate it (a
        // site may have swapped in another `articles.json` since the build).
        let same = fetched.as_ref().is_ok_and(|bytes| {
            prerendered.as_deref() == Some(folio_core::load::fingerprint(bytes).as_str())
        });
        let loaded = fetched.and_then(folio_core::load::load_owned);
        // Reading the data and hydrating are two tasks, not one long one.
        platform::next_task().await;
        let handle = match loaded {
            Ok(loaded) if same => hydrate(root, props(DataSource::Loaded(loaded.into()))),
            Ok(loaded) => {
                root.set_inner_html("");
                folio_viewer::mount(root, props(DataSource::Loaded(loaded.into())))
            }
            // The viewer fetches once more and, if that fails too, says why with a retry button.
            Err(_) => {
                root.set_inner_html("");
                folio_viewer::mount(root, props(DataSource::Url(DATA.into())))
            }
        };
        std::mem::forget(handle);
    });
}

/// Takes over the pre-rendered HTML in `root`.
#[cfg(all(target_arch = "wasm32", feature = "hydration"))]
fn hydrate(
    root: web_sys::Element,
    props: folio_viewer::AppProps,
) -> yew::AppHandle<folio_viewer::App> {
    yew::Renderer::<folio_viewer::App>::with_root_and_props(root, props).hydrate()
}

/// Without the `hydration` feature the pre-rendered HTML is replaced by a fresh render.
#[cfg(all(target_arch = "wasm32", not(feature = "hydration")))]
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
