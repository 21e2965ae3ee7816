//! Every interface string, in Chinese and English, and the formatting of dates, counts and
//! data problems for each language. Article content is never translated.
//!
//! Each message is one `match` arm holding both languages, so a missing translation does not
//! compile.

use crate::load::{Expected, LoadError, Place, Problem, ProblemKind};
use crate::model::{Author, DateTime, Role};
use crate::share::Target;

/// Interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Reads a language tag leniently (`zh`, `zh-CN`, `zh-Hans`, `en-GB`, ...).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A fixed interface string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    Loading,
    YouAreHere,
    AllArticles,
    ChannelsNav,
    Published,
    Source,
    Editor,
    ShareTo,
    LinkCopied,
    CopyFailed,
    Related,
    Previous,
    Next,
    NotFound,
    BackToList,
    Pages,
    PreviousPage,
    NextPage,
    EmptyChannel,
    LoadFailed,
    ProblemsSkipped,
    Tags,
    ArticleNav,
    Search,
    SearchPlaceholder,
    Filters,
    FacetChannel,
    FacetSource,
    FacetTag,
    FacetDate,
    DateFrom,
    DateTo,
    SortLabel,
    SortRelevance,
    SortNewest,
    SortOldest,
    SortViews,
    ClearAll,
    ResultsNav,
    WeChatTitle,
    WeChatHint,
    QrLabel,
    QrTooLong,
    Close,
    LinkLabel,
    Settings,
    ThemeLabel,
    ThemeLight,
    ThemeDark,
    ThemeAuto,
    TextSizeLabel,
    SizeSmall,
    SizeMedium,
    SizeLarge,
    SizeHuge,
    ReadingProgress,
    ReadMark,
    ClearRead,
    PrintAddress,
}

impl Msg {
    /// Every message, for completeness tests.
    pub const ALL: [Msg; 59] = [
        Msg::Loading,
        Msg::YouAreHere,
        Msg::AllArticles,
        Msg::ChannelsNav,
        Msg::Published,
        Msg::Source,
        Msg::Editor,
        Msg::ShareTo,
        Msg::LinkCopied,
        Msg::CopyFailed,
        Msg::Related,
        Msg::Previous,
        Msg::Next,
        Msg::NotFound,
        Msg::BackToList,
        Msg::Pages,
        Msg::PreviousPage,
        Msg::NextPage,
        Msg::EmptyChannel,
        Msg::LoadFailed,
        Msg::ProblemsSkipped,
        Msg::Tags,
        Msg::ArticleNav,
        Msg::Search,
        Msg::SearchPlaceholder,
        Msg::Filters,
        Msg::FacetChannel,
        Msg::FacetSource,
        Msg::FacetTag,
        Msg::FacetDate,
        Msg::DateFrom,
        Msg::DateTo,
        Msg::SortLabel,
        Msg::SortRelevance,
        Msg::SortNewest,
        Msg::SortOldest,
        Msg::SortViews,
        Msg::ClearAll,
        Msg::ResultsNav,
        Msg::WeChatTitle,
        Msg::WeChatHint,
        Msg::QrLabel,
        Msg::QrTooLong,
        Msg::Close,
        Msg::LinkLabel,
        Msg::Settings,
        Msg::ThemeLabel,
        Msg::ThemeLight,
        Msg::ThemeDark,
        Msg::ThemeAuto,
        Msg::TextSizeLabel,
        Msg::SizeSmall,
        Msg::SizeMedium,
        Msg::SizeLarge,
        Msg::SizeHuge,
        Msg::ReadingProgress,
        Msg::ReadMark,
        Msg::ClearRead,
        Msg::PrintAddress,
    ];

    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Msg::Loading => lang.pick("正在加载文章……", "Loading articles…"),
            Msg::YouAreHere => lang.pick("您所在的位置:", "You are here:"),
            Msg::AllArticles => lang.pick("全部文章", "All articles"),
            Msg::ChannelsNav => lang.pick("频道", "Channels"),
            Msg::Published => lang.pick("发布:", "Published: "),
            Msg::Source => lang.pick("来源:", "Source: "),
            Msg::Editor => lang.pick("编辑:", "Editor: "),
            Msg::ShareTo => lang.pick("分享到:", "Share:"),
            Msg::LinkCopied => lang.pick("链接已复制", "Link copied"),
            Msg::CopyFailed => lang.pick(
                "无法自动复制,请手动复制此链接:",
                "Could not copy; copy this link by hand:",
            ),
            Msg::Related => lang.pick("相关文章", "Related articles"),
            Msg::Previous => lang.pick("上一篇:", "Previous: "),
            Msg::Next => lang.pick("下一篇:", "Next: "),
            Msg::NotFound => lang.pick("没有找到您要的页面", "Page not found"),
            Msg::BackToList => lang.pick("返回文章列表", "Back to the article list"),
            Msg::Pages => lang.pick("分页", "Pages"),
            Msg::PreviousPage => lang.pick("上一页", "Previous page"),
            Msg::NextPage => lang.pick("下一页", "Next page"),
            Msg::EmptyChannel => lang.pick("这里还没有文章。", "There are no articles here yet."),
            Msg::LoadFailed => lang.pick("文章数据无法读取", "The article data could not be read"),
            Msg::ProblemsSkipped => lang.pick("以下数据有问题:", "Problems in the data:"),
            Msg::Tags => lang.pick("标签:", "Tags: "),
            Msg::ArticleNav => lang.pick("上一篇和下一篇", "Previous and next article"),
            Msg::Search => lang.pick("搜索文章", "Search articles"),
            Msg::SearchPlaceholder => {
                lang.pick("输入关键词,如:质量强市", "Type words from a title or text")
            }
            Msg::Filters => lang.pick("筛选", "Filters"),
            Msg::FacetChannel => lang.pick("频道", "Channel"),
            Msg::FacetSource => lang.pick("来源", "Source"),
            Msg::FacetTag => lang.pick("标签", "Tag"),
            Msg::FacetDate => lang.pick("发布日期", "Date"),
            Msg::DateFrom => lang.pick("从", "From"),
            Msg::DateTo => lang.pick("至", "To"),
            Msg::SortLabel => lang.pick("排序", "Sort by"),
            Msg::SortRelevance => lang.pick("相关度", "Relevance"),
            Msg::SortNewest => lang.pick("最新发布", "Newest first"),
            Msg::SortOldest => lang.pick("最早发布", "Oldest first"),
            Msg::SortViews => lang.pick("浏览最多", "Most viewed"),
            Msg::ClearAll => lang.pick("清除全部筛选", "Clear all filters"),
            Msg::ResultsNav => lang.pick("搜索结果", "Search results"),
            Msg::WeChatTitle => lang.pick("分享到微信", "Share on WeChat"),
            Msg::WeChatHint => lang.pick(
                "微信扫一扫:打开微信,点击“发现”中的“扫一扫”,扫描二维码即可打开并分享这篇文章。",
                "Open WeChat, tap Discover → Scan, and scan the code to open and share this article.",
            ),
            Msg::QrLabel => lang.pick("文章链接的二维码", "QR code of the article link"),
            Msg::QrTooLong => lang.pick("链接太长,无法生成二维码,请复制下面的链接。", "The link is too long for a QR code; copy it below."),
            Msg::Close => lang.pick("关闭", "Close"),
            Msg::LinkLabel => lang.pick("文章链接", "Article link"),
            Msg::Settings => lang.pick("阅读设置", "Reading settings"),
            Msg::ThemeLabel => lang.pick("主题", "Theme"),
            Msg::ThemeLight => lang.pick("浅色", "Light"),
            Msg::ThemeDark => lang.pick("深色", "Dark"),
            Msg::ThemeAuto => lang.pick("跟随系统", "System"),
            Msg::TextSizeLabel => lang.pick("字号", "Text size"),
            Msg::SizeSmall => lang.pick("小", "Small"),
            Msg::SizeMedium => lang.pick("中", "Medium"),
            Msg::SizeLarge => lang.pick("大", "Large"),
            Msg::SizeHuge => lang.pick("特大", "Extra large"),
            Msg::ReadingProgress => lang.pick("阅读进度", "Reading progress"),
            Msg::ReadMark => lang.pick("已读", "Read"),
            Msg::ClearRead => lang.pick("清除已读标记", "Clear read marks"),
            Msg::PrintAddress => lang.pick("本文地址:", "Address of this article: "),
        }
    }
}

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

/// The language switch: the other language, named in itself (with its tag, for the `lang`
/// attribute of the label), and the switch's accessible name in the current language.
pub fn language_switch(lang: Lang) -> (Lang, &'static str, &'static str) {
    match lang {
        Lang::Zh => (Lang::En, "English", "English(切换到英文界面)"),
        Lang::En => (Lang::Zh, "中文", "中文 (switch to the Chinese interface)"),
    }
}

/// The visible name of a share target.
pub fn share_name(lang: Lang, target: Target) -> &'static str {
    match target {
        Target::WeChat => lang.pick("微信", "WeChat"),
        Target::Weibo => lang.pick("微博", "Weibo"),
        Target::Qq => "QQ",
        Target::Qzone => lang.pick("QQ空间", "Qzone"),
        Target::Douban => lang.pick("豆瓣", "Douban"),
        Target::Copy => lang.pick("复制链接", "Copy link"),
        Target::System => lang.pick("更多方式", "More…"),
        Target::X => "X",
        Target::Facebook => "Facebook",
        Target::LinkedIn => "LinkedIn",
        Target::Telegram => "Telegram",
        Target::Email => lang.pick("邮件", "E-mail"),
        Target::Print => lang.pick("打印", "Print"),
    }
}

/// The accessible name of a share control, saying what it does (and when it opens a window);
/// it always contains the visible name, so speech control finds the control by what it shows.
pub fn share_label(lang: Lang, target: Target) -> String {
    let name = share_name(lang, target);
    match (lang, target) {
        (Lang::Zh, Target::WeChat) => "分享到微信(显示二维码)".to_owned(),
        (Lang::En, Target::WeChat) => "Share on WeChat (shows a QR code)".to_owned(),
        (_, Target::Copy) => name.to_owned(),
        (Lang::Zh, Target::System) => "更多方式(系统分享菜单)".to_owned(),
        (Lang::En, Target::System) => "More… (the system share menu)".to_owned(),
        (Lang::Zh, Target::Print) => "打印这篇文章".to_owned(),
        (Lang::En, Target::Print) => "Print this article".to_owned(),
        (Lang::Zh, Target::Email) => "用邮件发送".to_owned(),
        (Lang::En, Target::Email) => "E-mail this article".to_owned(),
        (Lang::Zh, _) => format!("分享到{name}(在新窗口打开)"),
        (Lang::En, _) => format!("Share on {name} (opens a new window)"),
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

const MONTHS: [&str; 12] = [
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

/// "… and N more" under a cut list.
pub fn and_more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("……另有 {n} 处未列出。"),
        Lang::En => format!("… and {n} more."),
    }
}

fn plural(n: usize) -> &'static str {
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

fn expected(lang: Lang, expected: Expected) -> &'static str {
    match expected {
        Expected::Text => lang.pick("文本", "a text"),
        Expected::Count => lang.pick("非负整数", "a whole number of zero or more"),
        Expected::List => lang.pick("列表", "a list"),
        Expected::Object => lang.pick("对象", "an object"),
    }
}

/// Why the whole file could not be used, in plain words.
pub fn load_error(lang: Lang, error: &LoadError) -> String {
    match (lang, error) {
        (Lang::Zh, LoadError::NotJson { line, column }) => {
            format!("文件不是有效的 JSON(第 {line} 行第 {column} 列附近有错误)。")
        }
        (Lang::En, LoadError::NotJson { line, column }) => {
            format!("The file is not valid JSON (error near line {line}, column {column}).")
        }
        (Lang::Zh, LoadError::NotAnObject) => "文件的最外层应当是一个对象 {…}。".to_owned(),
        (Lang::En, LoadError::NotAnObject) => {
            "The file should hold one object {…} at the top.".to_owned()
        }
        (Lang::Zh, LoadError::BadTopLevel { field, expected: e }) => {
            format!("文件缺少“{field}”,或它不是{}。", expected(lang, *e))
        }
        (Lang::En, LoadError::BadTopLevel { field, expected: e }) => {
            format!(
                "The file has no “{field}”, or it is not {}.",
                expected(lang, *e)
            )
        }
        (_, LoadError::BadSite(problem)) => problem_text(lang, problem),
    }
}

/// A request that could not be completed: network failure or an HTTP status.
pub fn fetch_error(lang: Lang, url: &str, status: Option<u16>) -> String {
    match (lang, status) {
        (Lang::Zh, Some(status)) => format!("无法获取 {url}(服务器返回 HTTP {status})。"),
        (Lang::En, Some(status)) => {
            format!("Could not fetch {url} (the server answered HTTP {status}).")
        }
        (Lang::Zh, None) => format!("无法获取 {url}(网络错误)。"),
        (Lang::En, None) => format!("Could not fetch {url} (network error)."),
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
        (Lang::Zh, ProblemKind::BadId(id)) => format!("“{}”不能含空格、控制字符或“/”", short(id)),
        (Lang::En, ProblemKind::BadId(id)) => format!(
            "“{}” must not contain spaces, control characters or “/”",
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

/// Quotes of data in messages are cut, so a 10 MB value cannot flood the page.
fn short(text: &str) -> String {
    const MAX: usize = 80;
    let mut chars = text.chars();
    let cut: String = chars.by_ref().take(MAX).collect();
    if chars.next().is_some() {
        format!("{cut}…")
    } else {
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_both_languages_and_differs() {
        for msg in Msg::ALL {
            let (zh, en) = (msg.text(Lang::Zh), msg.text(Lang::En));
            assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{msg:?}");
            assert_ne!(zh, en, "{msg:?} is not translated");
            let cjk = |c: char| matches!(c, '\u{3000}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}');
            assert!(!en.chars().any(cjk), "{msg:?} English has CJK: {en}");
            assert!(zh.chars().any(cjk), "{msg:?} Chinese has no Chinese: {zh}");
        }
    }

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
    fn every_share_target_has_names_in_both_languages() {
        for target in Target::DEFAULT {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!share_name(lang, target).is_empty());
                assert!(
                    share_label(lang, target).contains(share_name(lang, target)),
                    "{target:?}"
                );
            }
        }
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

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh_Hans"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

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
