//! The Wasm entry point of a built page's islands (`folio-islands`): hydrates every island of
//! the page (see `folio_viewer::components::islands`) and nothing else. It reaches no data loader, search
//! index or view, so the linker leaves them out and this Wasm stays a fraction of the viewer's.
//! `folio.js` loads it after the first paint.

#[cfg(target_arch = "wasm32")]
fn main() {
    #[cfg(feature = "hydration")]
    {
        let document = gloo::utils::document();
        let hydrated = folio_viewer::components::islands::hydrate_all(&document);
        // Tells scripts and tests how many islands run.
        if let Some(html) = document.document_element() {
            let _ = html.set_attribute("data-folio-islands", &hydrated.to_string());
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "folio-islands is the islands' WebAssembly entry point: scripts/post-build.mjs builds it."
    );
}
