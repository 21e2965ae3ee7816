//! Browser tests of reader comfort: the language switch, theme, text size (remembered in
//! localStorage), read markers, and broken storage falling back to defaults.

#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use common::{mount, mount_keeping_storage, mount_with, set_hash, wait_for, DEMO, SEED_ID};
use folio_viewer::{AppProps, DataSource, Lang};
use gloo::utils::window;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn stored(key: &str) -> Option<String> {
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(key)
        .unwrap()
}

#[wasm_bindgen_test]
async fn the_language_switch_turns_the_interface_english_and_is_remembered() {
    set_hash(&format!("#/article/{SEED_ID}"));
    let viewer = mount_with(yew::props!(AppProps {
        source: DataSource::Inline(Rc::from(DEMO))
    }))
    .await;
    // No setting and no stored choice: the browser's language (en-US in headless Chromium)
    // or Chinese; the switch offers the other one.
    let before = viewer.text(".folio-breadcrumb__prefix");
    viewer.click(".folio-settings__lang");
    wait_for("the other language", || {
        viewer.text(".folio-breadcrumb__prefix") != before
    })
    .await;
    let english = viewer.text(".folio-breadcrumb__prefix") == "You are here:";
    let now = if english { "en" } else { "zh-CN" };
    assert_eq!(
        viewer.get(".folio-app").get_attribute("lang").as_deref(),
        Some(now)
    );
    assert!(stored("folio:v1:prefs")
        .unwrap()
        .contains(&format!("\"lang\":\"{now}\"")));
    assert_eq!(
        viewer.text("article h1"),
        "聊城实施质量强市战略动员暨科学技术奖励大会召开",
        "content is never translated"
    );
    let switch = viewer.get(".folio-settings__lang span");
    assert_eq!(
        switch.get_attribute("lang").as_deref(),
        Some(if english { "zh-CN" } else { "en" })
    );
    set_hash("#/");
}

#[wasm_bindgen_test]
async fn theme_and_text_size_switch_and_persist() {
    let viewer = mount(&format!("#/article/{SEED_ID}"), DEMO, Lang::Zh).await;
    assert_eq!(
        viewer
            .get(".folio-app")
            .get_attribute("data-theme")
            .as_deref(),
        Some("auto")
    );
    let select: web_sys::HtmlSelectElement = viewer
        .get(".folio-settings__theme select")
        .dyn_into()
        .unwrap();
    select.set_value("dark");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    // `change` does not bubble by default; Yew listens on the element itself.
    wait_for("dark theme", || {
        viewer
            .get(".folio-app")
            .get_attribute("data-theme")
            .as_deref()
            == Some("dark")
    })
    .await;
    let body_size = || {
        let p = viewer.get(".folio-article__paragraph");
        window()
            .get_computed_style(&p)
            .unwrap()
            .unwrap()
            .get_property_value("font-size")
            .unwrap()
    };
    let medium = body_size();
    viewer.click(".folio-settings__size--huge");
    wait_for("huge text", || {
        viewer
            .get(".folio-app")
            .get_attribute("data-text-size")
            .as_deref()
            == Some("huge")
    })
    .await;
    assert_eq!(
        viewer
            .get(".folio-settings__size--huge")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    let prefs = stored("folio:v1:prefs").unwrap();
    assert!(
        prefs.contains("\"theme\":\"dark\"") && prefs.contains("\"text_size\":\"huge\""),
        "{prefs}"
    );
    drop(viewer);
    // A new viewer (a reload) starts from the stored choices.
    set_hash(&format!("#/article/{SEED_ID}"));
    let again = mount_keeping_storage(yew::props!(AppProps {
        source: DataSource::Inline(Rc::from(DEMO))
    }))
    .await;
    let app = again.get(".folio-app");
    assert_eq!(app.get_attribute("data-text-size").as_deref(), Some("huge"));
    assert_eq!(app.get_attribute("data-theme").as_deref(), Some("dark"));
    assert_ne!(medium, "");
    drop(again);
    set_hash("#/");
}

#[wasm_bindgen_test]
async fn opened_articles_are_marked_read_and_can_be_cleared() {
    let viewer = mount("#/", DEMO, Lang::Zh).await;
    assert!(viewer.find(".folio-card--read").is_none());
    viewer.click(".folio-card__title a");
    wait_for("the article", || {
        viewer.find("article.folio-article").is_some()
    })
    .await;
    window().history().unwrap().back().unwrap();
    wait_for("the list", || viewer.find(".folio-list").is_some()).await;
    wait_for("a read marker", || {
        viewer.find(".folio-card--read").is_some()
    })
    .await;
    assert_eq!(viewer.text(".folio-card--read .folio-card__read"), "已读");
    assert!(stored("folio:v1:read")
        .unwrap()
        .contains("20150918-zhongqiu-shichang"));
    viewer.click(".folio-list__clear-read");
    wait_for("no read markers", || {
        viewer.find(".folio-card--read").is_none()
    })
    .await;
    assert_eq!(stored("folio:v1:read").as_deref(), Some("[]"));
    set_hash("#/");
}

#[wasm_bindgen_test]
async fn corrupted_storage_gives_the_defaults() {
    set_hash("#/");
    let storage = window().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    storage.set_item("folio:v1:prefs", "{not json").unwrap();
    storage.set_item("folio:v1:read", "\"oops\"").unwrap();
    let viewer = mount_keeping_storage(yew::props!(AppProps {
        source: DataSource::Inline(Rc::from(DEMO)),
        lang: Some(Lang::Zh)
    }))
    .await;
    let app = viewer.get(".folio-app");
    assert_eq!(app.get_attribute("data-theme").as_deref(), Some("auto"));
    assert_eq!(
        app.get_attribute("data-text-size").as_deref(),
        Some("medium")
    );
    assert_eq!(viewer.all(".folio-card").len(), 20);
    assert!(viewer.find(".folio-card--read").is_none());
    drop(viewer);
    storage.clear().unwrap();
}
