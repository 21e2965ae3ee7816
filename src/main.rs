//! The Wasm entry point. On the standalone page it mounts the viewer into the element marked
//! `data-folio-standalone` (following the URL hash); embedded pages get `<folio-viewer>` from
//! `folio.js`, which calls `defineFolioViewer` after this has run.

fn main() {
    let document = gloo::utils::document();
    let Some(root) = document
        .query_selector("[data-folio-standalone]")
        .ok()
        .flatten()
    else {
        return;
    };
    // The single-file build carries its data in the page; the normal build fetches it.
    let source = document
        .get_element_by_id("folio-data")
        .and_then(|data| data.text_content())
        .map_or_else(
            || folio::DataSource::Url("articles.json".into()),
            |text| folio::DataSource::Inline(text.into()),
        );
    let props = yew::props!(folio::AppProps {
        source,
        routing: folio::hooks::Routing::Hash,
    });
    // The viewer lives as long as the page.
    std::mem::forget(folio::mount(root, props));
}
