//! Native tests of server rendering: the whole viewer renders to HTML with Yew's server renderer
//! through the same components the browser runs, for every kind of route, and the seed article's
//! page holds every part of the portal page.

#![cfg(not(target_arch = "wasm32"))]

use folio_core::route::Route;
use folio_viewer::{App, AppProps, DataSource, Lang, Routing};
use yew::LocalServerRenderer;

const DEMO: &str = include_str!("../../../data/articles.json");
const SEED_TEXT: &str = include_str!("../../../tests/fixtures/liaocheng-news-2015-06-15.txt");
const SEED_ID: &str = "20150615-zhiliang-qiangshi";

fn render(start: Option<Route>, lang: Lang) -> String {
    let props = yew::props!(AppProps {
        source: DataSource::Inline(DEMO.into()),
        lang: Some(lang),
        routing: Routing::Hash,
        start,
        base_url: Some(yew::AttrValue::from("https://news.example.cn/")),
    });
    futures::executor::block_on(LocalServerRenderer::<App>::with_props(props).render())
}

/// Asserts that `parts` occur in `html` in this order.
fn in_order(html: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        match html[from..].find(part) {
            Some(at) => from += at + part.len(),
            None => panic!("not found after byte {from}: {part}\n{html}"),
        }
    }
}

#[test]
fn the_seed_article_renders_with_every_part_of_the_portal_page() {
    let html = render(Some(Route::article(SEED_ID)), Lang::Zh);
    let paragraphs: Vec<String> = SEED_TEXT
        .lines()
        .map(str::trim)
        .skip_while(|line| !line.starts_with("本报讯"))
        .take_while(|line| !line.starts_with("(记者"))
        .filter(|line| !line.is_empty())
        .map(|p| format!("<p class=\"folio-article__paragraph\">{p}</p>"))
        .collect();
    assert_eq!(paragraphs.len(), 12);
    let mut parts = vec![
        // 您所在的位置:聊城信息港 > 资讯中心 > 聊城新闻, each a link.
        "您所在的位置:",
        "<a href=\"#/\">聊城信息港</a>",
        "<a href=\"#/channel/news\">资讯中心</a>",
        "<a href=\"#/channel/lc-news\">聊城新闻</a>",
        ">聊城实施质量强市战略动员暨科学技术奖励大会召开</h1>",
        "发布:",
        "<time datetime=\"2015-06-15T09:22:32+08:00\">2015年6月15日 09:22</time>",
        "来源:",
        "聊城新闻网",
        "浏览",
        "编辑:",
        "佚名",
    ];
    parts.extend(paragraphs.iter().map(String::as_str));
    parts.extend([
        "(记者 曹天伟 王培源  通讯员 肖艳伟)",
        "本文地址:",
        "https://news.example.cn/#/article/20150615-zhiliang-qiangshi",
        "分享到:",
        "上一篇:",
        "下一篇:",
        ">相关文章</h2>",
        "Copyright © 2003-2009 liaocheng.cc All rights reserved.",
    ]);
    in_order(&html, &parts);
    assert!(!html.contains("<script"), "no script in the rendered view");
}

#[test]
fn every_kind_of_route_renders() {
    let list = render(None, Lang::Zh);
    in_order(
        &list,
        &[
            ">全部文章</h1>",
            "共 44 篇",
            "class=\"folio-card\"",
            "第 1 / 3 页",
        ],
    );
    assert_eq!(list.matches("class=\"folio-card\"").count(), 20);
    let channel = render(Some(Route::channel("lc-news")), Lang::En);
    in_order(
        &channel,
        &["lang=\"en\"", "You are here:", ">聊城新闻</h1>"],
    );
    let missing = render(Some(Route::article("nope")), Lang::En);
    in_order(&missing, &[">Page not found</h1>", "“nope”"]);
    let unknown = render(Some(Route::parse("#/no/such/view")), Lang::Zh);
    in_order(&unknown, &[">没有找到您要的页面</h1>"]);
}

#[test]
fn data_that_cannot_be_read_renders_its_reason() {
    let props = yew::props!(AppProps {
        source: DataSource::Inline("{\"site\": 1".into()),
        lang: Some(Lang::En),
    });
    let html = futures::executor::block_on(LocalServerRenderer::<App>::with_props(props).render());
    in_order(
        &html,
        &[
            "The article data could not be read",
            "not valid JSON",
            "line 1",
        ],
    );
    assert!(
        !html.contains("folio-notice__retry"),
        "no retry for a broken file"
    );
}
