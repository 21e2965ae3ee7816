//! Browser tests of the viewer's components, in headless Chromium via wasm-bindgen-test:
//! the list, the seed article with every part of the portal page, not-found, bad data and
//! navigation with Back.

#![cfg(target_arch = "wasm32")]

mod common;

use common::{mount, set_hash, wait_for, DEMO, SEED_ID};
use folio_viewer::Lang;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED_TEXT: &str = include_str!("../../../tests/fixtures/liaocheng-news-2015-06-15.txt");

fn seed_paragraphs() -> Vec<String> {
    SEED_TEXT
        .lines()
        .map(str::trim)
        .skip_while(|line| !line.starts_with("本报讯"))
        .take_while(|line| !line.starts_with("(记者"))
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

#[wasm_bindgen_test]
async fn list_shows_newest_first_with_all_parts_and_paging() {
    let viewer = mount("#/", DEMO, Lang::Zh).await;
    let cards = viewer.all(".folio-card");
    assert_eq!(cards.len(), 20, "first page of 20");
    assert_eq!(viewer.text(".folio-list__title"), "全部文章");
    assert_eq!(viewer.text(".folio-list__count"), "共 44 篇");
    let dates: Vec<String> = viewer
        .all(".folio-card time")
        .iter()
        .map(|t| t.get_attribute("datetime").unwrap())
        .collect();
    assert_eq!(
        dates[0], "2015-09-18T15:00:00+08:00",
        "the newest article comes first"
    );
    let first = &cards[0];
    for part in [
        ".folio-card__title a",
        ".folio-card__channel",
        ".folio-card__date",
        ".folio-card__source",
        ".folio-card__summary",
    ] {
        let element = first
            .query_selector(part)
            .unwrap()
            .unwrap_or_else(|| panic!("card lacks {part}"));
        assert!(
            !element.text_content().unwrap().trim().is_empty(),
            "{part} is empty"
        );
    }
    assert_eq!(
        first
            .query_selector(".folio-card__title a")
            .unwrap()
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("#/article/20150918-zhongqiu-shichang")
    );
    assert_eq!(viewer.text(".folio-pager__current"), "1");
    assert_eq!(viewer.text(".folio-pager__status"), "第 1 / 3 页");
    assert_eq!(gloo::utils::document().title(), "聊城信息港");
}

#[wasm_bindgen_test]
async fn a_later_page_and_a_channel_list() {
    let viewer = mount("#/?page=3", DEMO, Lang::Zh).await;
    assert_eq!(viewer.all(".folio-card").len(), 4);
    assert_eq!(viewer.text(".folio-pager__current"), "3");
    drop(viewer);

    let viewer = mount("#/channel/news", DEMO, Lang::Zh).await;
    assert_eq!(viewer.text(".folio-list__title"), "资讯中心");
    let crumbs: Vec<String> = viewer
        .all(".folio-breadcrumb__step")
        .iter()
        .map(|e| e.text_content().unwrap())
        .collect();
    assert_eq!(crumbs, ["聊城信息港", "资讯中心"]);
    let channels: Vec<String> = viewer
        .all(".folio-card__channel")
        .iter()
        .map(|e| e.text_content().unwrap())
        .collect();
    assert!(!channels.is_empty());
    assert!(
        channels
            .iter()
            .all(|c| ["聊城新闻", "县区动态", "国内新闻"].contains(&c.as_str())),
        "{channels:?}"
    );
    assert_eq!(
        viewer
            .get(".folio-menu a[aria-current=page]")
            .text_content()
            .unwrap()
            .trim(),
        "资讯中心"
    );
}

#[wasm_bindgen_test]
async fn the_seed_article_shows_every_part_of_the_portal_page() {
    let viewer = mount(&format!("#/article/{SEED_ID}"), DEMO, Lang::Zh).await;
    // 您所在的位置:聊城信息港 > 资讯中心 > 聊城新闻, each a link.
    assert_eq!(viewer.text(".folio-breadcrumb__prefix"), "您所在的位置:");
    let crumbs: Vec<(String, String)> = viewer
        .all(".folio-breadcrumb__step a")
        .iter()
        .map(|a| (a.text_content().unwrap(), a.get_attribute("href").unwrap()))
        .collect();
    assert_eq!(
        crumbs,
        [
            ("聊城信息港".to_owned(), "#/".to_owned()),
            ("资讯中心".to_owned(), "#/channel/news".to_owned()),
            ("聊城新闻".to_owned(), "#/channel/lc-news".to_owned()),
        ]
    );
    assert_eq!(
        viewer.text("article h1"),
        "聊城实施质量强市战略动员暨科学技术奖励大会召开"
    );
    let time = viewer.get(".folio-article__meta time");
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2015-06-15T09:22:32+08:00")
    );
    assert_eq!(time.text_content().unwrap(), "2015年6月15日 09:22");
    let meta = viewer.text(".folio-article__meta");
    for part in ["发布:", "来源:聊城新闻网", "浏览", "编辑:佚名"] {
        assert!(meta.contains(part), "meta line lacks {part}: {meta}");
    }
    let paragraphs: Vec<String> = viewer
        .all(".folio-article__body p")
        .iter()
        .map(|p| p.text_content().unwrap())
        .collect();
    assert_eq!(paragraphs, seed_paragraphs());
    assert_eq!(
        viewer.text(".folio-article__byline"),
        "(记者 曹天伟 王培源  通讯员 肖艳伟)"
    );
    assert_eq!(viewer.text(".folio-share__label"), "分享到:");
    assert_eq!(
        viewer
            .get(".folio-share button")
            .get_attribute("type")
            .as_deref(),
        Some("button")
    );
    assert_eq!(viewer.text(".folio-related__title"), "相关文章");
    let related: Vec<String> = viewer
        .all(".folio-related__item a")
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect();
    assert_eq!(
        &related[..3],
        [
            "#/article/20150612-shizhang-zhiliangjiang",
            "#/article/20150520-biaozhunhua",
            "#/article/20150604-jiance-zhongxin"
        ],
        "the editor's picks come first"
    );
    assert!(
        related.len() > 3,
        "then recent articles of the same channel"
    );
    let neighbours = viewer.text(".folio-article__neighbours");
    assert!(
        neighbours.contains("上一篇") && neighbours.contains("下一篇"),
        "{neighbours}"
    );
    assert_eq!(
        viewer.text(".folio-footer__copyright"),
        "Copyright © 2003-2009 liaocheng.cc All rights reserved."
    );
    assert_eq!(
        gloo::utils::document().title(),
        "聊城实施质量强市战略动员暨科学技术奖励大会召开 - 聊城信息港"
    );
    assert!(viewer.find("article").is_some() && viewer.find("nav.folio-breadcrumb").is_some());
}

#[wasm_bindgen_test]
async fn unknown_article_channel_and_path_show_not_found_with_a_way_back() {
    for (hash, detail) in [
        ("#/article/no-such-article", "no-such-article"),
        ("#/channel/no-such-channel", "no-such-channel"),
        ("#/what/ever", "/what/ever"),
    ] {
        let viewer = mount(hash, DEMO, Lang::Zh).await;
        assert_eq!(viewer.text("h1"), "没有找到您要的页面", "{hash}");
        assert!(
            viewer.text(".folio-not-found__detail").contains(detail),
            "{hash}"
        );
        assert_eq!(
            viewer
                .get(".folio-not-found__back")
                .get_attribute("href")
                .as_deref(),
            Some("#/")
        );
    }
}

#[wasm_bindgen_test]
async fn data_that_cannot_be_read_shows_a_message_not_a_blank_page() {
    for (data, expected) in [
        ("{\"site\": {", "不是有效的 JSON"),
        ("[]", "最外层应当是一个对象"),
        (
            "{\"site\": {\"name\": \"x\"}, \"channels\": []}",
            "articles",
        ),
    ] {
        let viewer = mount("#/", data, Lang::Zh).await;
        let alert = viewer.get("[role=alert]");
        assert!(alert.text_content().unwrap().contains("文章数据无法读取"));
        assert!(
            alert.text_content().unwrap().contains(expected),
            "{data}: {}",
            alert.text_content().unwrap()
        );
    }
    let viewer = mount("#/", "not json", Lang::En).await;
    assert!(viewer.text("[role=alert]").contains("not valid JSON"));
}

#[wasm_bindgen_test]
async fn a_bad_article_is_reported_and_the_rest_still_shows() {
    let mut data: serde_json::Value = serde_json::from_str(DEMO).unwrap();
    data["articles"][3].as_object_mut().unwrap().remove("title");
    // The newest article, so it is on the first page.
    let newest = data["articles"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|a| a["id"] == "20150918-zhongqiu-shichang")
        .unwrap();
    newest["title"] = serde_json::json!("<script>window.__folioPwned = 1</script>");
    let viewer = mount("#/", &data.to_string(), Lang::Zh).await;
    let notice = viewer.text(".folio-notice--warning summary");
    assert!(notice.contains("1 篇文章未能显示"), "{notice}");
    assert!(viewer
        .text(".folio-notice__list")
        .contains("字段“title”缺失"));
    assert_eq!(viewer.text(".folio-list__count"), "共 43 篇");
    // Hostile text is shown as text, never run.
    let titles: Vec<String> = viewer
        .all(".folio-card__title")
        .iter()
        .map(|e| e.text_content().unwrap())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t == "<script>window.__folioPwned = 1</script>"),
        "{titles:?}"
    );
    assert!(viewer.find(".folio-card script").is_none());
    assert!(
        js_sys::Reflect::get(&gloo::utils::window(), &"__folioPwned".into())
            .unwrap()
            .is_undefined()
    );
}

#[wasm_bindgen_test]
async fn clicking_an_article_opens_it_and_back_returns_to_the_list() {
    let viewer = mount("#/", DEMO, Lang::Zh).await;
    let length_before = gloo::utils::window().history().unwrap().length().unwrap();
    viewer.click(".folio-card__title a");
    wait_for("the article view", || {
        viewer.find("article.folio-article").is_some()
    })
    .await;
    assert_eq!(
        gloo::utils::window().location().hash().unwrap(),
        "#/article/20150918-zhongqiu-shichang"
    );
    assert_eq!(
        gloo::utils::window().history().unwrap().length().unwrap(),
        length_before + 1
    );
    let active = gloo::utils::document().active_element().unwrap();
    assert_eq!(
        active.tag_name(),
        "H1",
        "focus moves to the new view's heading"
    );

    gloo::utils::window().history().unwrap().back().unwrap();
    wait_for("the list after Back", || {
        viewer.find(".folio-list").is_some()
    })
    .await;
    assert_eq!(viewer.all(".folio-card").len(), 20);
    set_hash("#/");
}

#[wasm_bindgen_test]
async fn english_interface_keeps_chinese_content() {
    let viewer = mount(&format!("#/article/{SEED_ID}"), DEMO, Lang::En).await;
    assert_eq!(viewer.text(".folio-breadcrumb__prefix"), "You are here:");
    assert_eq!(
        viewer.text(".folio-article__meta time"),
        "15 Jun 2015, 09:22"
    );
    assert_eq!(
        viewer.text("article h1"),
        "聊城实施质量强市战略动员暨科学技术奖励大会召开"
    );
    assert_eq!(
        viewer.get("article").get_attribute("lang").as_deref(),
        Some("zh-CN")
    );
    assert_eq!(
        viewer.get(".folio-app").get_attribute("lang").as_deref(),
        Some("en")
    );
}
