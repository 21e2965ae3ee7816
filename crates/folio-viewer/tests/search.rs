//! Browser tests of search: the search bar (every keystroke, IME composition), facets with
//! counts, highlighting and the empty state, in headless Chromium.

#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use common::{end_composition, hash, mount, mount_with, set_hash, type_into, wait_for, DEMO};
use folio_viewer::context::RenderCount;
use folio_viewer::{AppProps, DataSource, Lang};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn typing_searches_on_every_keystroke_and_marks_the_terms() {
    let viewer = mount("#/", DEMO, Lang::Zh).await;
    let input = viewer.get("input[type=search]");
    type_into(&input, "牛鼻子", false);
    wait_for("one result", || {
        viewer.text(".folio-list__count") == "共 1 篇"
    })
    .await;
    assert_eq!(hash(), "#/?q=%E7%89%9B%E9%BC%BB%E5%AD%90");
    let marks: Vec<String> = viewer
        .all(".folio-card mark")
        .iter()
        .map(|m| m.text_content().unwrap())
        .collect();
    assert!(
        !marks.is_empty() && marks.iter().all(|m| m == "牛鼻子"),
        "{marks:?}"
    );
    assert!(
        viewer.text(".folio-card__summary").contains("牛鼻子"),
        "the snippet is cut around the hit"
    );

    type_into(&input, "质量", false);
    wait_for("more results", || {
        viewer.text(".folio-list__count") == "共 5 篇"
    })
    .await;
    let first_title = viewer.get(".folio-card__title mark");
    assert_eq!(
        first_title.text_content().unwrap(),
        "质量",
        "title hits rank first"
    );
    set_hash("#/");
}

#[wasm_bindgen_test]
async fn a_composing_input_method_does_not_search_until_it_ends() {
    let viewer = mount("#/", DEMO, Lang::Zh).await;
    let input = viewer.get("input[type=search]");
    type_into(&input, "zhi", true);
    type_into(&input, "zhiliang", true);
    common::settle().await;
    assert_eq!(
        viewer.text(".folio-list__count"),
        "共 44 篇",
        "half-typed pinyin is not searched"
    );
    assert_eq!(hash(), "#/");
    input.clone().dyn_into_input().set_value("质量");
    end_composition(&input, "质量");
    wait_for("the composed search", || {
        viewer.text(".folio-list__count") == "共 5 篇"
    })
    .await;
    set_hash("#/");
}

#[wasm_bindgen_test]
async fn facets_count_and_filter_and_one_click_clears_all() {
    let viewer = mount("#/?q=%E8%81%8A%E5%9F%8E", DEMO, Lang::Zh).await;
    let total: usize = count_of(&viewer.text(".folio-list__count"));
    // The source facet with the fewest articles (the second facet group lists sources).
    let sources = viewer.all(".folio-facets__group:nth-of-type(2) .folio-facets__link");
    let source = sources.last().expect("source facets").clone();
    let name = source
        .query_selector(".folio-facets__value")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    let expected: usize = source
        .query_selector(".folio-facets__count")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .parse()
        .unwrap();
    assert!(expected < total);
    source.dyn_into_html().click();
    wait_for("the filtered list", || {
        count_of(&viewer.text(".folio-list__count")) == expected
    })
    .await;
    assert!(
        hash().contains(&format!(
            "source={}",
            folio_core::route::encode_component(&name)
        )),
        "{}",
        hash()
    );
    assert!(viewer
        .all(".folio-card__source")
        .iter()
        .all(|s| s.text_content().unwrap() == name));
    assert_eq!(
        viewer
            .get(".folio-facets__link[aria-current=true]")
            .text_content()
            .unwrap(),
        format!("{name}{expected}")
    );

    viewer.click(".folio-facets__clear-link");
    wait_for("everything back", || {
        viewer.text(".folio-list__count") == "共 44 篇"
    })
    .await;
    assert_eq!(
        viewer.get("input[type=search]").dyn_into_input().value(),
        ""
    );
    set_hash("#/");
}

#[wasm_bindgen_test]
async fn an_empty_result_says_what_was_searched_and_offers_to_clear() {
    let viewer = mount(
        "#/?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E8%AF%8D",
        DEMO,
        Lang::Zh,
    )
    .await;
    assert_eq!(viewer.text(".folio-list__count"), "共 0 篇");
    assert_eq!(
        viewer.text(".folio-list__empty p"),
        "没有找到与“不存在的词”相关的文章。"
    );
    assert_eq!(
        viewer
            .get(".folio-list__clear")
            .get_attribute("href")
            .as_deref(),
        Some("#/")
    );
    set_hash("#/");
}

#[wasm_bindgen_test]
async fn hostile_queries_are_text() {
    let viewer = mount("#/", DEMO, Lang::Zh).await;
    let input = viewer.get("input[type=search]");
    type_into(&input, "<img src=x onerror=alert(1)> \"", false);
    wait_for("an empty result", || {
        viewer.text(".folio-list__count") == "共 0 篇"
    })
    .await;
    assert!(viewer.find(".folio-list img").is_none());
    assert!(viewer
        .text(".folio-list__empty")
        .contains("<img src=x onerror=alert(1)>"));
    set_hash("#/");
}

fn count_of(text: &str) -> usize {
    text.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

trait Cast {
    fn dyn_into_input(self) -> web_sys::HtmlInputElement;
    fn dyn_into_html(self) -> web_sys::HtmlElement;
}

impl Cast for web_sys::Element {
    fn dyn_into_input(self) -> web_sys::HtmlInputElement {
        wasm_bindgen::JsCast::dyn_into(self).unwrap()
    }
    fn dyn_into_html(self) -> web_sys::HtmlElement {
        wasm_bindgen::JsCast::dyn_into(self).unwrap()
    }
}

#[wasm_bindgen_test]
async fn a_keystroke_re_renders_only_the_list_items_whose_props_changed() {
    set_hash("#/");
    let count = RenderCount::default();
    let props = yew::props!(AppProps {
        source: DataSource::Inline(Rc::from(DEMO)),
        lang: Some(Lang::Zh),
        render_count: Some(count.clone()),
    });
    let viewer = mount_with(props).await;
    let input = viewer.get("input[type=search]");
    type_into(&input, "质量", false);
    wait_for("five results", || {
        viewer.text(".folio-list__count") == "共 5 篇"
    })
    .await;
    let before = count.get();
    assert!(before >= 25, "the cards rendered: {before}");
    // A trailing space changes the typed text (and the URL) but not the terms: the view renders
    // again, its items do not.
    type_into(&input, "质量 ", false);
    wait_for("the new text in the URL", || {
        hash().ends_with("q=%E8%B4%A8%E9%87%8F%20")
    })
    .await;
    assert_eq!(count.get(), before, "no list item rendered again");
    // New terms change every item's highlights: those items do render again.
    type_into(&input, "质量强", false);
    wait_for("fewer results", || {
        viewer.text(".folio-list__count") != "共 5 篇"
    })
    .await;
    assert!(count.get() > before, "items with new terms render again");
    set_hash("#/");
}
