//! The search benchmark in the browser: built by `make bench` into a page of its own
//! (`bench/wasm.html`), it runs the same cases as `folio-bench` with `performance.now()` and
//! writes the Markdown table into the page for the runner to read. Not part of the viewer.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::JsCast;
    let document = gloo::utils::document();
    let performance = gloo::utils::window()
        .performance()
        .expect("performance is available");
    let now = move || performance.now();
    let params = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    let sizes: Vec<usize> = params
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("sizes="))
        .map(|list| list.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| folio_bench::SIZES.to_vec());
    let mut rows = Vec::new();
    for size in sizes {
        rows.extend(folio_bench::run(size, 30, &now));
    }
    if let Some(out) = document.get_element_by_id("result") {
        out.set_text_content(Some(&folio_bench::table(&rows)));
        if let Ok(out) = out.dyn_into::<web_sys::HtmlElement>() {
            out.dataset().set("done", "true").ok();
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("folio-bench-wasm runs in the browser: use `make bench`.");
}
