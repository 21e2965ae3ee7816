//! Browser tests of the share bar: the default order, a configured order, the links' targets,
//! the WeChat QR dialog (opening, its parts, Esc and the close button returning focus) and the
//! copy confirmation.

#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use common::{mount, mount_with, set_hash, wait_for, DEMO, SEED_ID};
use folio_viewer::{AppProps, DataSource, Lang};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn names(viewer: &common::Mounted) -> Vec<String> {
    viewer
        .all(".folio-share__name")
        .iter()
        .map(|e| e.text_content().unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn the_default_bar_in_order_with_safe_links() {
    let viewer = mount(&format!("#/article/{SEED_ID}"), DEMO, Lang::Zh).await;
    // The system share sheet only shows where the browser can share (headless Linux cannot).
    let expected = [
        "微信",
        "微博",
        "QQ",
        "QQ空间",
        "豆瓣",
        "复制链接",
        "X",
        "Facebook",
        "LinkedIn",
        "Telegram",
        "邮件",
        "打印",
    ];
    let shown = names(&viewer);
    let without_system: Vec<&str> = shown
        .iter()
        .map(String::as_str)
        .filter(|n| *n != "更多方式")
        .collect();
    assert_eq!(without_system, expected);
    for link in viewer.all(".folio-share a") {
        let href = link.get_attribute("href").unwrap();
        assert!(
            href.starts_with("https://") || href.starts_with("mailto:"),
            "{href}"
        );
        assert_eq!(
            link.get_attribute("rel").as_deref(),
            Some("noopener noreferrer")
        );
        if href.starts_with("https://") {
            assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
        }
    }
    let weibo = viewer.get(".folio-share__button--weibo");
    assert_eq!(
        weibo.get_attribute("aria-label").as_deref(),
        Some("分享到微博(在新窗口打开)")
    );
    let page = gloo::utils::window().location().href().unwrap();
    let page = page.split('#').next().unwrap();
    let expected_url = folio_core::route::encode_component(&format!("{page}#/article/{SEED_ID}"));
    assert!(weibo
        .get_attribute("href")
        .unwrap()
        .contains(&format!("url={expected_url}&title=")));
    for icon in viewer.all(".folio-share svg") {
        assert_eq!(icon.get_attribute("aria-hidden").as_deref(), Some("true"));
    }
    set_hash("#/");
}

#[wasm_bindgen_test]
async fn targets_and_base_url_are_configurable() {
    set_hash(&format!("#/article/{SEED_ID}"));
    let viewer = mount_with(yew::props!(AppProps {
        source: DataSource::Inline(Rc::from(DEMO)),
        lang: Some(Lang::Zh),
        share: Some(yew::AttrValue::from("telegram, copy ,weibo")),
        base_url: Some(yew::AttrValue::from("https://news.example.cn/read/")),
    }))
    .await;
    assert_eq!(names(&viewer), ["Telegram", "复制链接", "微博"]);
    let href = viewer
        .get(".folio-share__button--weibo")
        .get_attribute("href")
        .unwrap();
    assert!(
        href.contains(
            "url=https%3A%2F%2Fnews.example.cn%2Fread%2F%23%2Farticle%2F20150615-zhiliang-qiangshi"
        ),
        "{href}"
    );
    set_hash("#/");
}

#[wasm_bindgen_test]
async fn the_wechat_dialog_shows_a_qr_code_and_closes_back_to_its_button() {
    let viewer = mount(&format!("#/article/{SEED_ID}"), DEMO, Lang::Zh).await;
    let button = viewer.get(".folio-share__button--wechat");
    assert_eq!(button.tag_name(), "BUTTON");
    assert_eq!(
        button.get_attribute("aria-haspopup").as_deref(),
        Some("dialog")
    );
    viewer.click(".folio-share__button--wechat");
    wait_for("the dialog", || {
        viewer.find("dialog.folio-qr[open]").is_some()
    })
    .await;
    let dialog = viewer.get("dialog.folio-qr");
    assert_eq!(
        dialog.get_attribute("aria-label").as_deref(),
        Some("分享到微信")
    );
    let svg = viewer.get(".folio-qr__code");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert!(svg
        .query_selector("path")
        .unwrap()
        .unwrap()
        .get_attribute("d")
        .unwrap()
        .starts_with("M4,4h1v1h-1z"));
    assert!(viewer.text(".folio-qr__hint").contains("微信扫一扫"));
    assert!(viewer
        .text(".folio-qr__url-text")
        .ends_with(&format!("#/article/{SEED_ID}")));

    // The close button closes it and focus goes back to the WeChat button.
    viewer.click(".folio-qr__close");
    wait_for("the dialog to close", || {
        viewer.find("dialog.folio-qr").is_none()
    })
    .await;
    assert_eq!(
        gloo::utils::document().active_element(),
        Some(button.clone())
    );

    // So does a click outside (on the backdrop, which is the dialog element itself); Esc is
    // tested end to end with a real key press.
    viewer.click(".folio-share__button--wechat");
    wait_for("the dialog again", || {
        viewer.find("dialog.folio-qr[open]").is_some()
    })
    .await;
    let dialog: web_sys::HtmlElement = viewer.get("dialog.folio-qr").dyn_into().unwrap();
    dialog.click();
    wait_for("the dialog to close on a click outside", || {
        viewer.find("dialog.folio-qr").is_none()
    })
    .await;
    assert_eq!(gloo::utils::document().active_element(), Some(button));
    set_hash("#/");
}

#[wasm_bindgen_test]
async fn english_names_and_labels() {
    let viewer = mount(&format!("#/article/{SEED_ID}"), DEMO, Lang::En).await;
    assert_eq!(names(&viewer)[..3], ["WeChat", "Weibo", "QQ"]);
    assert_eq!(
        viewer
            .get(".folio-share__button--weibo")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Share on Weibo (opens a new window)")
    );
    set_hash("#/");
}
