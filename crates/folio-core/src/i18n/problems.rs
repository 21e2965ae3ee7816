//! Data problems and errors in plain words: which entry, which field, what is wrong, what was
//! done about it.

use super::format::{format_count, plural, short};
use super::Lang;
use crate::encoding::{Encoding, NotUtf8};
use crate::error::{Error, Fault};
use crate::problem::{Expected, Place, Problem, ProblemKind};

/// The heading of the data-problems notice: how many problems, how many articles left out.
pub fn problems_summary(lang: Lang, problems: usize, skipped_articles: usize) -> String {
    match lang {
        Lang::Zh if skipped_articles > 0 => {
            format!("数据中有 {problems} 处问题,{skipped_articles} 篇文章未能显示。")
        }
        Lang::Zh => format!("数据中有 {problems} 处小问题,所有文章均已显示。"),
        Lang::En if skipped_articles > 0 => format!(
            "The data has {problems} problem{}; {skipped_articles} article{} could not be shown.",
            plural(problems),
            plural(skipped_articles)
        ),
        Lang::En => format!(
            "The data has {problems} minor problem{}; every article is shown.",
            plural(problems)
        ),
    }
}

fn expected(lang: Lang, expected: Expected) -> &'static str {
    match expected {
        Expected::Text => lang.pick("文本", "a text"),
        Expected::Count => lang.pick("非负整数", "a whole number of zero or more"),
        Expected::List => lang.pick("列表", "a list"),
        Expected::Object => lang.pick("对象", "an object"),
    }
}

/// The English message; the viewer shows [`error_text`] in the reader's language.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&error_text(Lang::En, self))
    }
}

/// The English message of the [`Error::NotUtf8`] it becomes.
impl std::fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Error::from(*self).fmt(f)
    }
}

/// Why the whole file could not be used, in plain words.
pub fn error_text(lang: Lang, error: &Error) -> String {
    match (lang, error) {
        (Lang::Zh, Error::NotUtf8 { encoding, offset }) => format!(
            "文件不是 UTF-8 编码(看起来是 {},第 {offset} 字节起),请先转换为 UTF-8。",
            encoding_name(lang, *encoding)
        ),
        (Lang::En, Error::NotUtf8 { encoding, offset }) => format!(
            "The file is not UTF-8 (it looks like {}, from byte {offset}); convert it to UTF-8 first.",
            encoding_name(lang, *encoding)
        ),
        (Lang::Zh, Error::NotJson { line, column }) => {
            format!("文件不是有效的 JSON(第 {line} 行第 {column} 列附近有错误)。")
        }
        (Lang::En, Error::NotJson { line, column }) => {
            format!("The file is not valid JSON (error near line {line}, column {column}).")
        }
        (Lang::Zh, Error::NotAnObject) => "文件的最外层应当是一个对象 {…}。".to_owned(),
        (Lang::En, Error::NotAnObject) => {
            "The file should hold one object {…} at the top.".to_owned()
        }
        (Lang::Zh, Error::BadTopLevel { field, expected: e }) => {
            format!("文件缺少“{field}”,或它不是{}。", expected(lang, *e))
        }
        (Lang::En, Error::BadTopLevel { field, expected: e }) => {
            format!(
                "The file has no “{field}”, or it is not {}.",
                expected(lang, *e)
            )
        }
        (_, Error::BadSite(problem)) => problem_text(lang, problem),
        (Lang::Zh, Error::Http { url, status }) => {
            format!("无法获取 {url}(服务器返回 HTTP {status})。")
        }
        (Lang::En, Error::Http { url, status }) => {
            format!("Could not fetch {url} (the server answered HTTP {status}).")
        }
        (Lang::Zh, Error::Network { url }) => format!("无法获取 {url}(网络错误)。"),
        (Lang::En, Error::Network { url }) => format!("Could not fetch {url} (network error)."),
        (Lang::Zh, Error::NotArchive { url }) => {
            format!("{url} 不是文章包:请给出 folio pack 写出的文件夹(以 / 结尾)。")
        }
        (Lang::En, Error::NotArchive { url }) => format!(
            "{url} is not a packed archive: give the folder folio pack wrote (ending in /)."
        ),
        (Lang::Zh, Error::ArchiveVersion { found }) => {
            format!("这个文章包是 {found} 版格式,本查看器只能读取 1.x 版,请更新 Folio。")
        }
        (Lang::En, Error::ArchiveVersion { found }) => format!(
            "This archive is in format version {found}; this viewer reads version 1.x. Update Folio."
        ),
        (Lang::Zh, Error::ArchiveFile { file, fault: Fault::Damaged }) => {
            format!("文章包中的文件 {file} 已损坏(不完整或不是 Folio 的文件)。")
        }
        (Lang::En, Error::ArchiveFile { file, fault: Fault::Damaged }) => format!(
            "The archive file {file} is damaged (cut short, or not a Folio archive file)."
        ),
        (Lang::Zh, Error::ArchiveFile { file, fault: Fault::OtherBuild }) => {
            format!("文章包中的文件 {file} 属于另一次打包,请刷新页面。")
        }
        (Lang::En, Error::ArchiveFile { file, fault: Fault::OtherBuild }) => format!(
            "The archive file {file} belongs to another build of the archive; reload the page."
        ),
    }
}

fn encoding_name(lang: Lang, encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Unknown => lang.pick("其他编码", "an encoding other than UTF-8"),
        known => known.name(),
    }
}

/// One data problem in plain words: which entry, which field, what is wrong, what was done.
pub fn problem_text(lang: Lang, problem: &Problem) -> String {
    let place = match (&problem.place, lang) {
        (Place::Site, Lang::Zh) => "站点信息".to_owned(),
        (Place::Site, Lang::En) => "Site".to_owned(),
        (Place::Channel { index, id }, Lang::Zh) => entry_zh("频道", *index, id.as_deref()),
        (Place::Channel { index, id }, Lang::En) => entry_en("Channel", *index, id.as_deref()),
        (Place::Article { index, id }, Lang::Zh) => entry_zh("文章", *index, id.as_deref()),
        (Place::Article { index, id }, Lang::En) => entry_en("Article", *index, id.as_deref()),
    };
    let field = if problem.field.is_empty() {
        String::new()
    } else {
        match lang {
            Lang::Zh => format!("字段“{}”", problem.field),
            Lang::En => format!(", field “{}”", problem.field),
        }
    };
    let what = match (lang, &problem.kind) {
        (Lang::Zh, ProblemKind::Missing) => "缺失".to_owned(),
        (Lang::En, ProblemKind::Missing) => "is missing".to_owned(),
        (Lang::Zh, ProblemKind::WrongType(e)) => format!("应当是{}", expected(lang, *e)),
        (Lang::En, ProblemKind::WrongType(e)) => format!("should be {}", expected(lang, *e)),
        (Lang::Zh, ProblemKind::Empty) => "为空".to_owned(),
        (Lang::En, ProblemKind::Empty) => "is empty".to_owned(),
        (Lang::Zh, ProblemKind::TooLong { max }) => {
            format!("超过 {} 个字符", format_count(*max as u64))
        }
        (Lang::En, ProblemKind::TooLong { max }) => {
            format!("is longer than {} characters", format_count(*max as u64))
        }
        (Lang::Zh, ProblemKind::BadId(id)) => {
            format!("“{}”不能含空格、控制字符或“/”,也不能是“.”或“..”", short(id))
        }
        (Lang::En, ProblemKind::BadId(id)) => format!(
            "“{}” must not contain spaces, control characters or “/”, nor be “.” or “..”",
            short(id)
        ),
        (Lang::Zh, ProblemKind::BadDate(text)) => {
            format!(
                "“{}”不是带时区的时间(应为 2015-06-15T09:22:32+08:00 这样的格式)",
                short(text)
            )
        }
        (Lang::En, ProblemKind::BadDate(text)) => {
            format!(
                "“{}” is not a date-time with a UTC offset (like 2015-06-15T09:22:32+08:00)",
                short(text)
            )
        }
        (Lang::Zh, ProblemKind::DuplicateId(id)) => format!("“{}”与前面的条目重复", short(id)),
        (Lang::En, ProblemKind::DuplicateId(id)) => {
            format!("“{}” is already used by an earlier entry", short(id))
        }
        (Lang::Zh, ProblemKind::UnknownChannel(id)) => format!("指向不存在的频道“{}”", short(id)),
        (Lang::En, ProblemKind::UnknownChannel(id)) => {
            format!("names a channel that does not exist: “{}”", short(id))
        }
        (Lang::Zh, ProblemKind::UnknownParent(id)) => {
            format!("指向不存在的上级频道“{}”", short(id))
        }
        (Lang::En, ProblemKind::UnknownParent(id)) => format!(
            "names a parent channel that does not exist: “{}”",
            short(id)
        ),
        (Lang::Zh, ProblemKind::ChannelCycle) => "形成了循环(频道是它自己的上级)".to_owned(),
        (Lang::En, ProblemKind::ChannelCycle) => {
            "makes a loop (the channel is its own ancestor)".to_owned()
        }
        (Lang::Zh, ProblemKind::UnknownRelated(id)) => {
            format!("指向不存在的文章“{}”,已忽略该链接", short(id))
        }
        (Lang::En, ProblemKind::UnknownRelated(id)) => {
            format!(
                "names an article that does not exist: “{}”; the link was dropped",
                short(id)
            )
        }
        (Lang::Zh, ProblemKind::UnsafeUrl(url)) => {
            format!("“{}”不是 http(s) 地址,已忽略", short(url))
        }
        (Lang::En, ProblemKind::UnsafeUrl(url)) => {
            format!("“{}” is not an http(s) address and was dropped", short(url))
        }
        (Lang::Zh, ProblemKind::UnknownBlock(kind)) => {
            format!("未知的正文块类型“{}”,已忽略", short(kind))
        }
        (Lang::En, ProblemKind::UnknownBlock(kind)) => {
            format!("unknown body block type “{}”; it was dropped", short(kind))
        }
        (Lang::Zh, ProblemKind::UnknownField) => "是未知字段,已忽略".to_owned(),
        (Lang::En, ProblemKind::UnknownField) => "is not a known field and was ignored".to_owned(),
        (Lang::Zh, ProblemKind::NotAnObject) => "应当是对象 {…}".to_owned(),
        (Lang::En, ProblemKind::NotAnObject) => "should be an object {…}".to_owned(),
    };
    let outcome = match (lang, problem.skipped, &problem.place) {
        (_, false, _) => "",
        (Lang::Zh, true, Place::Article { .. }) => "。这篇文章未显示。",
        (Lang::En, true, Place::Article { .. }) => ". The article is not shown.",
        (Lang::Zh, true, _) => "。该条目未使用。",
        (Lang::En, true, _) => ". The entry is not used.",
    };
    match lang {
        Lang::Zh => format!(
            "{place}{field}{what}{}",
            if outcome.is_empty() { "。" } else { outcome }
        ),
        Lang::En => format!(
            "{place}{field} {what}{}",
            if outcome.is_empty() { "." } else { outcome }
        ),
    }
}

fn entry_zh(kind: &str, index: usize, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("第 {} 个{kind}(id“{}”)的", index + 1, short(id)),
        None => format!("第 {} 个{kind}", index + 1),
    }
}

fn entry_en(kind: &str, index: usize, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("{kind} {} (id “{}”)", index + 1, short(id)),
        None => format!("{kind} {}", index + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_entry_and_field() {
        let problem = Problem {
            place: Place::Article {
                index: 2,
                id: Some("a-3".into()),
            },
            field: "title".into(),
            kind: ProblemKind::Missing,
            skipped: true,
        };
        assert_eq!(
            problem_text(Lang::Zh, &problem),
            "第 3 个文章(id“a-3”)的字段“title”缺失。这篇文章未显示。"
        );
        assert_eq!(
            problem_text(Lang::En, &problem),
            "Article 3 (id “a-3”), field “title” is missing. The article is not shown."
        );
        let long = Problem {
            place: Place::Article { index: 0, id: None },
            field: "published".into(),
            kind: ProblemKind::BadDate("x".repeat(10_000)),
            skipped: true,
        };
        assert!(problem_text(Lang::En, &long).chars().count() < 300);
    }
}
