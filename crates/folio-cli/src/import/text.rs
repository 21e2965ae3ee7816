//! A text dump of a portal's article page (like `tests/fixtures/liaocheng-news-2015-06-15.txt`)
//! read into its parts: the 您所在的位置 breadcrumb, the title, the 发布 / 来源 / 浏览 / 编辑
//! meta line in the forms Chinese CMSs print it, the body paragraphs, the （记者 … 通讯员 …）
//! byline and the copyright line. Share bars, 相关文章 lists and chat widgets stay out.

use folio_core::model::{Author, Block, DateTime, Role};

use super::blocks::{absolute, cut, relative};
use super::html::{CAPTION, IMAGE, SEP};
use super::Draft;

/// Why a text is not an article page: the part it lacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextError {
    /// No line could be the title.
    Title,
    /// No meta line with a publication time.
    Date,
    /// No body paragraph.
    Body,
}

/// Lines where a page's article ends: its share bar, related list, neighbours, footer.
const STOPS: [&str; 7] = [
    "分享到",
    "------分隔线",
    "相关文章",
    "上一篇",
    "下一篇",
    "Copyright",
    "版权所有",
];
/// Text of chat and counter widgets that portals print after the copyright line.
const WIDGETS: [&str; 2] = ["点击这里给我发消息", "点击这里给我留言"];

/// A line without the spaces CMSs indent with (ASCII, full-width U+3000, no-break U+00A0).
fn clean(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}')
}

/// Reads a page's text; `offset_minutes` is the zone of its times (they carry none), `base`
/// the page's address (fetched pages), against which image addresses are made absolute.
pub fn read(text: &str, offset_minutes: i16, base: Option<&str>) -> Result<Draft, TextError> {
    let lines: Vec<&str> = text.lines().map(clean).filter(|l| !l.is_empty()).collect();
    // Image and caption lines are not text: never a title, a breadcrumb or a meta line.
    let marked = |l: &&str| l.starts_with([IMAGE, CAPTION]);
    // Some portals (半月谈) print the meta line's fields on lines of their own around the date:
    // a short line that is only labelled fields (来源：…, 作者：…) just above or below it.
    // (Who and whence only: a body may well start with 时间：… or 日期：….)
    let field_line = |i: usize| {
        lines.get(i).is_some_and(|l| {
            l.chars().count() <= 60
                && ["来源", "作者", "责任编辑", "编辑"]
                    .iter()
                    .any(|label| l.starts_with(label) && labelled(l, &[label]).is_some())
        })
    };
    // A line that is a date alone is the meta line only beside such a field line.
    let bare_date = |i: usize| {
        let line = lines[i];
        line.chars().count() <= 25
            && line
                .chars()
                .all(|c| c.is_ascii_digit() || " -/:.年月日".contains(c))
            && wall_clock(line, offset_minutes).is_some()
            && (field_line(i + 1) || (i > 0 && field_line(i - 1)))
    };
    // A labelled meta line first; a bare date beside field lines only when there is none.
    let meta_at = (0..lines.len())
        .find(|&i| !marked(&lines[i]) && meta_date(lines[i], offset_minutes).is_some())
        .or_else(|| (0..lines.len()).find(|&i| !marked(&lines[i]) && bare_date(i)))
        .ok_or(TextError::Date)?;
    // The breadcrumb is above the title, after whatever menus the page prints first.
    let mut site = None;
    let mut channels = Vec::new();
    let mut at = 0;
    if let Some((i, trail)) = lines[..meta_at]
        .iter()
        .enumerate()
        .find_map(|(i, l)| breadcrumb(l).map(|trail| (i, trail)))
    {
        let mut steps = trail.into_iter();
        site = steps.next();
        channels = steps.collect();
        at = i + 1;
    }
    let above = (meta_at > at + 1 && field_line(meta_at - 1)).then(|| meta_at - 1);
    let below: Vec<usize> = (meta_at + 1..meta_at + 3)
        .take_while(|&i| field_line(i))
        .collect();
    let title_end = above.unwrap_or(meta_at);
    let title = lines[at..title_end]
        .iter()
        .rev()
        .find(|l| !marked(l) && !STOPS.iter().any(|s| l.starts_with(s)))
        .map(|l| (*l).to_owned())
        .ok_or(TextError::Title)?;
    let meta = above
        .into_iter()
        .chain([meta_at])
        .chain(below.iter().copied())
        .map(|i| lines[i])
        .collect::<Vec<_>>()
        .join("  ");
    let meta = meta.as_str();
    let meta_end = below.last().copied().unwrap_or(meta_at);
    let mut page = Draft {
        site,
        channels,
        title,
        published: meta_date(lines[meta_at], offset_minutes)
            .or_else(|| wall_clock(lines[meta_at], offset_minutes)),
        source: labelled(meta, &["来源"]),
        views: views(meta),
        editor: labelled(meta, &["责任编辑", "编辑", "作者"]),
        authors: Vec::new(),
        body: Vec::new(),
        dropped: Vec::new(),
        summary: None,
        tags: Vec::new(),
        copyright: None,
    };
    let mut body_done = false;
    for line in &lines[meta_end + 1..] {
        if let Some(copyright) = line.strip_prefix("Copyright").map(|_| *line) {
            let cut = WIDGETS
                .iter()
                .filter_map(|w| copyright.find(w))
                .min()
                .unwrap_or(copyright.len());
            page.copyright = Some(copyright[..cut].trim().to_owned());
            continue;
        }
        if body_done || STOPS.iter().any(|s| line.starts_with(s)) {
            body_done = true;
            continue;
        }
        if is_pager(line) {
            continue;
        }
        if let Some(image) = line.strip_prefix(IMAGE) {
            let (src, alt) = image.split_once(SEP).unwrap_or((image, ""));
            match absolute(src, base).or_else(|| relative(src).filter(|_| base.is_none())) {
                Some(src) => page.body.push(Block::Image {
                    src,
                    alt: alt.trim().to_owned(),
                    caption: None,
                }),
                None => page.dropped.push(format!(
                    "left out of the body: an image whose address is not http(s): {}",
                    cut(src)
                )),
            }
            continue;
        }
        // A <figcaption>, or the 图为… line a CMS prints under an image, is its caption.
        let caption = line.strip_prefix(CAPTION).or_else(|| {
            CAPTION_STARTS
                .iter()
                .any(|s| line.starts_with(s))
                .then_some(*line)
        });
        if let (
            Some(text),
            Some(Block::Image {
                caption: slot @ None,
                ..
            }),
        ) = (caption, page.body.last_mut())
        {
            *slot = Some(text.trim().to_owned());
            continue;
        }
        let line = line.strip_prefix(CAPTION).unwrap_or(line);
        match byline(line) {
            Some(authors) => {
                page.authors = authors;
                body_done = true;
            }
            None => page.body.push(Block::Paragraph {
                text: line.to_owned(),
            }),
        }
    }
    // An image keeps the text the page gives to describe it, else its caption; with neither it
    // is left out and listed, not described with invented words.
    let mut kept = Vec::with_capacity(page.body.len());
    for block in std::mem::take(&mut page.body) {
        match block {
            Block::Image { src, alt, caption } if alt.is_empty() => match &caption {
                Some(text) => kept.push(Block::Image {
                    src,
                    alt: text.clone(),
                    caption,
                }),
                None => page.dropped.push(format!(
                    "left out of the body: an image without alternative text or caption: {src}"
                )),
            },
            block => kept.push(block),
        }
    }
    page.body = kept;
    if !page
        .body
        .iter()
        .any(|b| matches!(b, Block::Paragraph { .. }))
    {
        return Err(TextError::Body);
    }
    Ok(page)
}

/// A paginated article's page links (`上一页 1 2 [3] 下一页`, `共3页: 第1页 第2页`): not text.
fn is_pager(line: &str) -> bool {
    const WORDS: [&str; 7] = ["上一页", "下一页", "首页", "尾页", "末页", "上页", "下页"];
    line.contains('页')
        && line
            .split(|c: char| c.is_whitespace() || c == '\u{3000}' || c == ':' || c == '：')
            .filter(|w| !w.is_empty())
            .all(|word| {
                let inner = word.trim_matches(['[', ']', '【', '】']);
                WORDS.contains(&word)
                    || inner.chars().all(|c| c.is_ascii_digit())
                    || (word.starts_with(['第', '共']) && word.ends_with('页'))
            })
}

/// How CMSs start the caption line they print under an image.
const CAPTION_STARTS: [&str; 4] = ["图为", "图：", "图:", "▲"];

/// 您所在的位置:聊城信息港 > 资讯中心 > 聊城新闻 → its steps.
fn breadcrumb(line: &str) -> Option<Vec<String>> {
    let rest = ["您所在的位置", "当前位置", "您的位置", "所在位置"]
        .iter()
        .find_map(|p| line.strip_prefix(p))?;
    let rest = rest.trim_start_matches([':', '：', ' ', '\u{3000}']);
    let steps: Vec<String> = rest
        .split(['>', '＞', '»', '›'])
        .map(clean)
        .filter(|s| !s.is_empty() && *s != "正文")
        .map(str::to_owned)
        .collect();
    (!steps.is_empty()).then_some(steps)
}

/// The value after one of `labels` and a colon, up to the next run of spaces.
/// When the meta line's fields sit in elements of their own (`<span>来源：大众网</span><span>编辑：
/// 王芳</span>`), nothing separates them: a value also ends where the next `label:` starts.
fn labelled(meta: &str, labels: &[&str]) -> Option<String> {
    labels.iter().find_map(|label| {
        let at = meta.find(label)? + label.len();
        let rest = meta[at..].strip_prefix([':', '：'])?;
        let mut value: String = rest
            .trim_start()
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '\u{3000}')
            .collect();
        let next = META_LABELS
            .iter()
            .flat_map(|l| [format!("{l}:"), format!("{l}：")])
            .filter_map(|l| value.find(&l))
            .min();
        if let Some(end) = next {
            value.truncate(end);
        }
        (!value.is_empty()).then_some(value)
    })
}

/// The fields of a meta line, as CMSs label them.
const META_LABELS: [&str; 11] = [
    "来源",
    "作者",
    "责任编辑",
    "编辑",
    "浏览",
    "点击",
    "阅读",
    "发布时间",
    "发布",
    "时间",
    "日期",
];

/// 浏览 1234 次 / 点击:1234 → the number; `None` when the page printed none (浏览次).
fn views(meta: &str) -> Option<u64> {
    ["浏览", "点击", "阅读"].iter().find_map(|label| {
        let at = meta.find(label)? + label.len();
        let digits: String = meta[at..]
            .trim_start_matches([':', '：', ' '])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    })
}

/// The publication time of a meta line: 发布:2015-6-15 9:22:32, 时间:2015年06月15日 09:22,
/// 日期:2015/6/15 …, read in the given zone.
fn meta_date(line: &str, offset_minutes: i16) -> Option<DateTime> {
    // A labelled time, or (an unlabelled date first on the line) a line that has other fields.
    let at = ["发布", "时间", "日期"]
        .iter()
        .find_map(|l| line.find(l))
        .or_else(|| {
            ["来源", "编辑", "作者"]
                .iter()
                .any(|l| line.contains(l))
                .then_some(0)
        })?;
    // The time ends where the next field of the meta line starts (a count has digits too).
    let tail = &line[at..];
    let end = ["来源", "浏览", "点击", "阅读", "编辑", "作者"]
        .iter()
        .filter_map(|label| tail.find(label))
        .min()
        .unwrap_or(tail.len());
    wall_clock(&tail[..end], offset_minutes)
}

/// The first date (and time, when there is one) written in `text` as numbers (`2015-6-15
/// 9:22:32`, `2015年06月15日 09:22`, `2015/6/15`), a wall-clock time in the given zone; `None`
/// for an impossible date.
pub(super) fn wall_clock(text: &str, offset_minutes: i16) -> Option<DateTime> {
    let numbers: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(6)
        .map(|s| s.parse().ok())
        .collect::<Option<_>>()?;
    let [year, month, day, rest @ ..] = numbers.as_slice() else {
        return None;
    };
    let part = |i: usize| rest.get(i).copied().unwrap_or(0);
    let text = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        part(0),
        part(1),
        part(2)
    );
    // Parsed as UTC for validation, then given the page's zone with the same wall clock.
    let utc = DateTime::parse(&text)?;
    Some(DateTime {
        offset_minutes,
        ..utc
    })
}

/// （记者 曹天伟 王培源  通讯员 肖艳伟） → the authors with their roles.
fn byline(line: &str) -> Option<Vec<Author>> {
    let inner = line.strip_prefix(['(', '（'])?.strip_suffix([')', '）'])?;
    let mut authors = Vec::new();
    let mut role = None;
    for word in inner.split(|c: char| c.is_whitespace() || c == '\u{3000}') {
        match word {
            "" => {}
            "记者" | "通讯员" | "摄影" | "实习生" => role = Some(Role::from_key(word)),
            name => authors.push(Author {
                role: role.clone()?,
                name: name.to_owned(),
            }),
        }
    }
    (!authors.is_empty()).then_some(authors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_lines_in_the_forms_cmss_print_them() {
        let at = meta_date("发布:2015-6-15 9:22:32  来源:聊城新闻网", 480).unwrap();
        assert_eq!(at.to_string(), "2015-06-15T09:22:32+08:00");
        let at = meta_date("发布时间:2015年06月15日 09:22 点击:1,234", 480).unwrap();
        assert_eq!(at.to_string(), "2015-06-15T09:22:00+08:00");
        assert_eq!(
            meta_date("日期:2015-02-30", 480),
            None,
            "no impossible dates"
        );
        assert_eq!(meta_date("来源:聊城新闻网", 480), None);
        let meta = "发布:2015-6-15 9:22:32  来源:聊城新闻网  浏览 1234 次  责任编辑:王五";
        assert_eq!(labelled(meta, &["来源"]).as_deref(), Some("聊城新闻网"));
        assert_eq!(
            labelled(meta, &["责任编辑", "编辑"]).as_deref(),
            Some("王五")
        );
        assert_eq!(views(meta), Some(1234));
        assert_eq!(views("浏览次  编辑:佚名"), None);
    }

    #[test]
    fn bylines_and_breadcrumbs() {
        let authors = byline("(记者 曹天伟 王培源  通讯员 肖艳伟)").unwrap();
        let named: Vec<(&str, &str)> = authors
            .iter()
            .map(|a| (a.role.key(), a.name.as_str()))
            .collect();
        assert_eq!(
            named,
            [
                ("reporter", "曹天伟"),
                ("reporter", "王培源"),
                ("correspondent", "肖艳伟")
            ]
        );
        assert_eq!(byline("(本文有删节)"), None, "no role, no byline");
        assert_eq!(
            breadcrumb("您所在的位置:聊城信息港 > 资讯中心 > 聊城新闻 > 正文"),
            Some(vec![
                "聊城信息港".into(),
                "资讯中心".into(),
                "聊城新闻".into()
            ])
        );
        assert_eq!(breadcrumb("聊城信息港"), None);
    }

    #[test]
    fn page_links_are_not_text() {
        assert!(is_pager("上一页 1 2 [3] 下一页"));
        assert!(is_pager("共3页: 第1页 第2页 第3页 下一页"));
        assert!(!is_pager("第一页的内容里有一个页字"));
        assert!(!is_pager("2015年共接待游客100万人次，页面"));
    }

    #[test]
    fn meta_fields_on_lines_of_their_own_are_the_meta_line() {
        // 半月谈's layout: the date, then the source on its own line; the title's site suffix
        // is not in the heading.
        for text in [
            "首页 > 时政\n深化改革的关键一年\n2015-06-15 09:22:32\n来源：半月谈网\n正文第一段。\n正文第二段。",
            "首页 > 时政\n深化改革的关键一年\n来源：半月谈网\n2015-06-15 09:22:32\n正文第一段。\n正文第二段。",
        ] {
            let page = read(text, 480, None).unwrap();
            assert_eq!(page.title, "深化改革的关键一年", "{text}");
            assert_eq!(page.source.as_deref(), Some("半月谈网"), "{text}");
            assert_eq!(
                page.published.unwrap().to_string(),
                "2015-06-15T09:22:32+08:00"
            );
            let body: Vec<String> = page
                .body
                .iter()
                .filter_map(|b| match b {
                    Block::Paragraph { text } => Some(text.clone()),
                    _ => None,
                })
                .collect();
            assert_eq!(body, vec!["正文第一段。", "正文第二段。"], "{text}");
        }
    }

    #[test]
    fn a_labelled_meta_line_wins_and_a_body_keeps_its_first_line() {
        // A header date beside a 来源 line does not beat the real meta line; a body that starts
        // with 时间：… keeps it.
        let text = "2026-12-07\n来源：网站首页\n会议通知\n发布时间：2015-06-15 09:22  来源：市政府\n时间：6月20日上午9时\n地点：市政府礼堂";
        let page = read(text, 480, None).unwrap();
        assert_eq!(page.title, "会议通知");
        assert_eq!(page.source.as_deref(), Some("市政府"));
        assert_eq!(
            page.published.unwrap().to_string(),
            "2015-06-15T09:22:00+08:00"
        );
        assert!(
            matches!(&page.body[0], Block::Paragraph { text } if text == "时间：6月20日上午9时"),
            "{:?}",
            page.body
        );
    }

    #[test]
    fn a_text_that_is_not_an_article_says_why() {
        assert_eq!(read("", 480, None), Err(TextError::Date));
        assert_eq!(
            read("标题\n发布:2015-6-15\n分享到:", 480, None),
            Err(TextError::Body)
        );
    }
}
