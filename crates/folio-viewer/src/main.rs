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
            || folio_viewer::DataSource::Url("articles.json".into()),
            |text| folio_viewer::DataSource::Inline(text.into()),
        );
    // The page's own language (`<html lang>`) is its setting; the reader's choice overrides it.
    let lang = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| folio_viewer::Lang::from_tag(&tag));
    let props = yew::props!(folio_viewer::AppProps {
        source,
        lang,
        routing: folio_viewer::Routing::Hash,
    });
    // The viewer lives as long as the page.
    std::mem::forget(folio_viewer::mount(root, props));
}
