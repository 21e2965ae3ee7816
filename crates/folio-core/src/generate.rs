//! Deterministic synthetic articles for benchmarks and tests: the same count and seed always
//! give the same file, in the documented schema, with Chinese text.

use serde_json::{json, Value};

use crate::model::DateTime;

/// A small, fast, well-mixed generator (SplitMix64); determinism matters here, not quality.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        // The modulo bias is irrelevant for test data.
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PLACES: &[&str] = &[
    "东昌府区",
    "临清市",
    "阳谷县",
    "莘县",
    "茌平县",
    "东阿县",
    "冠县",
    "高唐县",
    "高新区",
    "开发区",
    "度假区",
];
const SUBJECTS: &[&str] = &[
    "市政府",
    "市教育局",
    "市卫计委",
    "市农业局",
    "市文广新局",
    "市交通运输局",
    "市体育局",
    "各县(市区)",
    "有关部门",
    "社区居委会",
    "志愿者服务队",
];
const ACTIONS: &[&str] = &[
    "召开", "启动", "部署", "推进", "完成", "举办", "开展", "发布", "验收", "表彰",
];
const TOPICS: &[&str] = &[
    "质量提升行动",
    "民生实事项目",
    "乡村振兴工作",
    "文明城市创建",
    "安全生产检查",
    "中小学课程改革",
    "全民健身活动",
    "运河文化保护",
    "公交线路优化",
    "农产品质量追溯",
    "环境综合整治",
    "医疗服务改善",
    "招商引资项目",
    "非遗传承展示",
    "夏粮收购工作",
];
const CLAUSES: &[&str] = &[
    "会议要求各级各部门提高认识、明确责任",
    "据介绍,该项目总投资约数亿元",
    "群众对此普遍表示欢迎",
    "下一步将进一步完善配套措施",
    "工作人员深入一线了解实际情况",
    "活动吸引了大批市民参与",
    "目前各项工作进展顺利",
    "有关负责人表示将加大督导力度",
    "这标志着相关工作进入新阶段",
    "此举有效提升了服务水平",
    "专家认为这一做法值得推广",
    "现场气氛热烈、秩序井然",
];
const SOURCES: &[&str] = &["聊城新闻网", "聊城日报", "聊城晚报", "大众日报", "新华社"];
const EDITORS: &[&str] = &["佚名", "张岩", "李静", "王伟", "刘芳", "赵敏", "马强"];
const NAMES: &[&str] = &[
    "曹天伟",
    "王培源",
    "肖艳伟",
    "孙晓东",
    "陈雪",
    "李娜",
    "韩冰",
    "杜鹏",
    "周立",
    "刘洋",
];
const TAGS: &[&str] = &[
    "民生",
    "教育",
    "健康",
    "交通",
    "农业",
    "文化",
    "旅游",
    "体育",
    "经济",
    "环境",
    "质量",
    "安全",
    "就业",
    "城市建设",
];

/// Leaf channels of the generated tree, with their parents.
const CHANNELS: &[(&str, &str, Option<&str>)] = &[
    ("news", "资讯中心", None),
    ("lc-news", "聊城新闻", Some("news")),
    ("county-news", "县区动态", Some("news")),
    ("livelihood", "民生服务", None),
    ("education", "教育", Some("livelihood")),
    ("health", "健康", Some("livelihood")),
    ("economy", "经济", None),
    ("industry", "产业", Some("economy")),
    ("agriculture", "三农", Some("economy")),
    ("culture", "文化旅游", None),
    ("arts", "文化", Some("culture")),
    ("tourism", "旅游", Some("culture")),
    ("sports", "体育", None),
];

/// A phrase that only one article in [`RARE_EVERY`] contains.
pub const RARE_PHRASE: &str = "黄河故道湿地";
/// How often the rare phrase occurs.
pub const RARE_EVERY: usize = 1_000;

/// 2015-01-01T00:00:00+08:00, the start of the generated time span.
const START: i64 = 1_420_041_600;

/// The seed of `folio gen` and of the benchmark data sets when none is given.
pub const DEFAULT_SEED: u64 = 2015;

/// Builds a data file of `count` articles from `seed`. Dates spread over about three years,
/// related ids point only at earlier (already generated) articles, so every id resolves.
pub fn generate(count: usize, seed: u64) -> Value {
    let mut file = head();
    file["articles"] = Value::Array(articles(count, seed).collect());
    file
}

/// The site and channels of the generated data (a data file without its articles: the first
/// line of the one-article-per-line form).
pub fn head() -> Value {
    let channels: Vec<Value> = CHANNELS
        .iter()
        .map(|(id, name, parent)| match parent {
            Some(parent) => json!({"id": id, "name": name, "parent": parent}),
            None => json!({"id": id, "name": name}),
        })
        .collect();
    json!({
        "site": {"name": "聊城信息港(测试数据)", "url": "http://www.liaocheng.cc/", "copyright": "Copyright © 2003-2009 liaocheng.cc All rights reserved."},
        "channels": channels,
    })
}

/// The generated articles one at a time, so a million never sit in memory together.
pub fn articles(count: usize, seed: u64) -> impl Iterator<Item = Value> {
    let mut rng = Rng(seed);
    let leaves: Vec<&str> = CHANNELS
        .iter()
        .filter(|(id, _, _)| !CHANNELS.iter().any(|(_, _, parent)| *parent == Some(*id)))
        .map(|(id, _, _)| *id)
        .collect();
    let span = 3 * 365 * 86_400_i64;
    (0..count).map(move |i| {
        let place = rng.pick(PLACES);
        let topic = rng.pick(TOPICS);
        let title = format!("{place}{}{topic}", rng.pick(ACTIONS));
        let paragraphs = 2 + rng.below(4);
        let mut body: Vec<Value> = (0..paragraphs)
            .map(|_| {
                let sentences = 2 + rng.below(3);
                let text: String = (0..sentences)
                    .map(|_| {
                        format!(
                            "{}{}{},{}。",
                            rng.pick(SUBJECTS),
                            rng.pick(ACTIONS),
                            rng.pick(TOPICS),
                            rng.pick(CLAUSES)
                        )
                    })
                    .collect();
                json!({"type": "paragraph", "text": text})
            })
            .collect();
        // One article in RARE_EVERY carries a phrase found nowhere else, for "rare word"
        // searches in the benchmarks.
        if i % RARE_EVERY == RARE_EVERY / 2 {
            body.push(json!({"type": "paragraph", "text": format!("{RARE_PHRASE}的生态保护工作取得新进展。")}));
        }
        let offset =
            (span as u64 * i as u64 / count.max(1) as u64) as i64 + rng.below(86_400) as i64;
        let published = DateTime::from_unix_seconds(START + offset, 480);
        let related: Vec<String> = if i > 0 {
            (0..rng.below(3))
                .map(|_| article_id(rng.below(i)))
                .collect()
        } else {
            Vec::new()
        };
        let mut related = related;
        related.dedup();
        let tags: std::collections::BTreeSet<&str> = [rng.pick(TAGS), rng.pick(TAGS)].into();
        json!({
            "id": article_id(i),
            "title": title,
            "channel": leaves[rng.below(leaves.len())],
            "published": published.to_string(),
            "source": rng.pick(SOURCES),
            "views": rng.below(20_000),
            "editor": rng.pick(EDITORS),
            "authors": [{"role": "reporter", "name": rng.pick(NAMES)}],
            "body": body,
            "tags": tags,
            "related": related,
        })
    })
}

fn article_id(i: usize) -> String {
    format!("gen-{i:06}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load;

    #[test]
    fn same_seed_same_file_and_it_loads_cleanly() {
        let a = generate(1_000, 7).to_string();
        assert_eq!(a, generate(1_000, 7).to_string());
        assert_ne!(a, generate(1_000, 8).to_string());
        let loaded = load(&a).unwrap();
        assert!(
            loaded.problems.is_empty(),
            "{:?}",
            &loaded.problems[..loaded.problems.len().min(3)]
        );
        assert_eq!(loaded.catalogue.articles().len(), 1_000);
        let years: std::collections::HashSet<i32> = loaded
            .catalogue
            .articles()
            .iter()
            .map(|a| a.published.year)
            .collect();
        assert_eq!(years.len(), 3, "{years:?}");
        let rare = loaded.catalogue.index().run(&crate::search::SearchRequest {
            q: RARE_PHRASE.into(),
            ..Default::default()
        });
        assert_eq!(
            rare.hits.len(),
            1,
            "one article in {RARE_EVERY} has the rare phrase"
        );
    }

    #[test]
    fn zero_articles_is_a_valid_empty_file() {
        let loaded = load(&generate(0, 1).to_string()).unwrap();
        assert!(loaded.catalogue.articles().is_empty() && loaded.problems.is_empty());
    }
}
