//! Dates, counts, bylines, page labels and other phrases that carry values, in each language.

use super::Lang;
use crate::model::{Author, DateTime, Role};
use crate::text::cut;

/// `1234567` -> `1,234,567` (both languages group by thousands with a comma).
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The view count phrase: 浏览 1,234 次 / 1,234 views; a dash when the data has no count
/// (Folio never counts views itself).
pub fn views(lang: Lang, views: Option<u64>) -> String {
    match (lang, views) {
        (Lang::Zh, Some(n)) => format!("浏览 {} 次", format_count(n)),
        (Lang::Zh, None) => "浏览 — 次".to_owned(),
        (Lang::En, Some(1)) => "1 view".to_owned(),
        (Lang::En, Some(n)) => format!("{} views", format_count(n)),
        (Lang::En, None) => "— views".to_owned(),
    }
}

/// 共 N 篇 / N articles.
pub fn article_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("共 {} 篇", format_count(n as u64)),
        Lang::En if n == 1 => "1 article".to_owned(),
        Lang::En => format!("{} articles", format_count(n as u64)),
    }
}

/// "About N articles": a count that may include articles that only look like matches, until
/// it is refined.
pub fn article_count_about(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("约 {} 篇", format_count(n as u64)),
        Lang::En => format!("about {} articles", format_count(n as u64)),
    }
}

/// The language switch: the other language, named in itself (with its tag, for the `lang`
/// attribute of the label), and the switch's accessible name in the current language.
pub fn language_switch(lang: Lang) -> (Lang, &'static str, &'static str) {
    match lang {
        Lang::Zh => (Lang::En, "English", "English(切换到英文界面)"),
        Lang::En => (Lang::Zh, "中文", "中文 (switch to the Chinese interface)"),
    }
}

/// The empty state of a search: what was searched, and that nothing matched.
pub fn no_results(lang: Lang, query: &str) -> String {
    let query = short(query.trim());
    match (lang, query.is_empty()) {
        (Lang::Zh, false) => format!("没有找到与“{query}”相关的文章。"),
        (Lang::Zh, true) => "没有符合筛选条件的文章。".to_owned(),
        (Lang::En, false) => format!("No articles match “{query}”."),
        (Lang::En, true) => "No articles match these filters.".to_owned(),
    }
}

/// A month facet value `YYYY-MM` as 2015年6月 / Jun 2015.
pub fn month(lang: Lang, key: &str) -> String {
    let (year, month) = key.split_once('-').unwrap_or((key, ""));
    let m: usize = month.parse().unwrap_or(0);
    match lang {
        Lang::Zh => format!("{year}年{m}月"),
        Lang::En => match MONTHS.get(m.wrapping_sub(1)) {
            Some(name) => format!("{name} {year}"),
            None => key.to_owned(),
        },
    }
}

/// 第 2 / 5 页 / Page 2 of 5.
pub fn page_of(lang: Lang, page: usize, pages: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {page} / {pages} 页"),
        Lang::En => format!("Page {page} of {pages}"),
    }
}

/// Label of the link to page N, for screen readers.
pub fn page_link(lang: Lang, page: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {page} 页"),
        Lang::En => format!("Page {page}"),
    }
}

/// English month abbreviations (dates in English, RSS dates).
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Date and time in the article's own time zone: 2015年6月15日 09:22 / 15 Jun 2015, 09:22.
pub fn date_time(lang: Lang, at: &DateTime) -> String {
    match lang {
        Lang::Zh => format!(
            "{}年{}月{}日 {:02}:{:02}",
            at.year, at.month, at.day, at.hour, at.minute
        ),
        Lang::En => format!(
            "{} {} {}, {:02}:{:02}",
            at.day,
            MONTHS[usize::from(at.month.clamp(1, 12)) - 1],
            at.year,
            at.hour,
            at.minute
        ),
    }
}

/// Date only, for lists: 2015年6月15日 / 15 Jun 2015.
pub fn date(lang: Lang, at: &DateTime) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", at.year, at.month, at.day),
        Lang::En => format!(
            "{} {} {}",
            at.day,
            MONTHS[usize::from(at.month.clamp(1, 12)) - 1],
            at.year
        ),
    }
}

/// The byline label of a role.
pub fn role(lang: Lang, role: &Role) -> String {
    match role {
        Role::Reporter => lang.pick("记者", "Reporter"),
        Role::Correspondent => lang.pick("通讯员", "Correspondent"),
        Role::Photographer => lang.pick("摄影", "Photo"),
        Role::Intern => lang.pick("实习生", "Intern"),
        Role::Other(text) => return text.clone(),
    }
    .to_owned()
}

/// The byline as on the portal: (记者 曹天伟 王培源  通讯员 肖艳伟). Consecutive authors with the
/// same role share one label. Empty when there are no authors.
pub fn byline(lang: Lang, authors: &[Author]) -> String {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for author in authors {
        let label = role(lang, &author.role);
        match groups.last_mut() {
            Some((last, names)) if *last == label => names.push(&author.name),
            _ => groups.push((label, vec![&author.name])),
        }
    }
    if groups.is_empty() {
        return String::new();
    }
    match lang {
        Lang::Zh => {
            let parts: Vec<String> = groups
                .iter()
                .map(|(label, names)| format!("{label} {}", names.join(" ")))
                .collect();
            format!("({})", parts.join("  "))
        }
        Lang::En => {
            let parts: Vec<String> = groups
                .iter()
                .map(|(label, names)| format!("{label}: {}", names.join(", ")))
                .collect();
            format!("({})", parts.join("; "))
        }
    }
}

/// "… and N more" under a cut list.
pub fn and_more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("……另有 {n} 处未列出。"),
        Lang::En => format!("… and {n} more."),
    }
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// "The article with id X was not found" and its kin for the not-found view.
pub fn not_found_detail(lang: Lang, what: NotFoundWhat, id: &str) -> String {
    match (lang, what) {
        (Lang::Zh, NotFoundWhat::Article) => {
            format!("没有编号为“{id}”的文章,它可能已被删除或链接有误。")
        }
        (Lang::En, NotFoundWhat::Article) => {
            format!("There is no article with the id “{id}”. It may have been removed, or the link is wrong.")
        }
        (Lang::Zh, NotFoundWhat::Channel) => format!("没有编号为“{id}”的频道。"),
        (Lang::En, NotFoundWhat::Channel) => format!("There is no channel with the id “{id}”."),
        // A page that cannot know its address (a built site's 404.html, before its code runs).
        (Lang::Zh, NotFoundWhat::Path) if id.is_empty() => "此地址不是有效的页面。".to_owned(),
        (Lang::En, NotFoundWhat::Path) if id.is_empty() => {
            "This address is not a page of this site.".to_owned()
        }
        (Lang::Zh, NotFoundWhat::Path) => format!("地址“{id}”不是有效的页面。"),
        (Lang::En, NotFoundWhat::Path) => {
            format!("The address “{id}” is not a page of this viewer.")
        }
    }
}

/// What a not-found view could not find.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotFoundWhat {
    Article,
    Channel,
    Path,
}

/// Quotes of data in messages are cut, so a 10 MB value cannot flood the page.
pub(crate) fn short(text: &str) -> String {
    cut(text, 80)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_by_thousands() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1000), "1,000");
        assert_eq!(format_count(1_234_567), "1,234,567");
        assert_eq!(views(Lang::Zh, Some(1234)), "浏览 1,234 次");
        assert_eq!(views(Lang::En, Some(1234)), "1,234 views");
        assert_eq!(views(Lang::En, Some(1)), "1 view");
        assert_eq!(views(Lang::Zh, None), "浏览 — 次");
        assert_eq!(article_count(Lang::Zh, 42), "共 42 篇");
    }

    #[test]
    fn dates_in_the_articles_own_zone() {
        let at = DateTime::parse("2015-06-15T09:22:32+08:00").unwrap();
        assert_eq!(date_time(Lang::Zh, &at), "2015年6月15日 09:22");
        assert_eq!(date_time(Lang::En, &at), "15 Jun 2015, 09:22");
        assert_eq!(date(Lang::Zh, &at), "2015年6月15日");
        assert_eq!(date(Lang::En, &at), "15 Jun 2015");
    }

    #[test]
    fn byline_groups_roles_like_the_portal() {
        let authors = [
            Author {
                role: Role::Reporter,
                name: "曹天伟".into(),
            },
            Author {
                role: Role::Reporter,
                name: "王培源".into(),
            },
            Author {
                role: Role::Correspondent,
                name: "肖艳伟".into(),
            },
        ];
        assert_eq!(
            byline(Lang::Zh, &authors),
            "(记者 曹天伟 王培源  通讯员 肖艳伟)"
        );
        assert_eq!(
            byline(Lang::En, &authors),
            "(Reporter: 曹天伟, 王培源; Correspondent: 肖艳伟)"
        );
        assert_eq!(byline(Lang::Zh, &[]), "");
    }

    #[test]
    fn months_and_empty_states() {
        assert_eq!(month(Lang::Zh, "2015-06"), "2015年6月");
        assert_eq!(month(Lang::En, "2015-06"), "Jun 2015");
        assert_eq!(month(Lang::En, "2015-13"), "2015-13");
        assert_eq!(
            no_results(Lang::Zh, " 质量 "),
            "没有找到与“质量”相关的文章。"
        );
        assert_eq!(no_results(Lang::En, ""), "No articles match these filters.");
    }
}
