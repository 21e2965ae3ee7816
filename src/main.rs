//! The standalone page: mount one viewer into `#folio` (or the body) with the bundled data.

fn main() {
    let document = gloo::utils::document();
    let root = document
        .get_element_by_id("folio")
        .or_else(|| document.body().map(Into::into));
    if let Some(root) = root {
        let props = yew::props!(folio::AppProps {});
        // The handle lives as long as the page; dropping it would not unmount, but forgetting it
        // states the intent.
        std::mem::forget(folio::mount(root, props));
    }
}
