//! Every interface string, in Chinese and English, and the formatting of dates, counts and
//! data problems for each language. Article content is never translated.
//!
//! Split by concern: fixed messages here ([`Msg`]), formats of dates, counts and bylines in
//! [`format`], data problems and errors in [`problems`]. Each message is one line holding both
//! languages, so a missing translation does not compile.

pub mod format;
pub mod problems;

pub use format::*;
pub use problems::{error_text, problem_text, problems_summary};

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

    pub(crate) fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Defines [`Msg`], its list of every message and its texts from one table, so the list can
/// never miss a message.
macro_rules! messages {
    ($($name:ident => $zh:literal, $en:literal;)*) => {
        /// A fixed interface string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg {
            $(#[doc = $en] $name,)*
        }

        impl Msg {
            /// Every message, for completeness tests.
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];

            /// The text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $(Msg::$name => lang.pick($zh, $en),)*
                }
            }
        }
    };
}

messages! {
    Loading => "正在加载文章……", "Loading articles…";
    Counting => "正在统计……", "Counting…";
    YouAreHere => "您所在的位置:", "You are here:";
    AllArticles => "全部文章", "All articles";
    ChannelsNav => "频道", "Channels";
    Published => "发布:", "Published: ";
    Source => "来源:", "Source: ";
    Editor => "编辑:", "Editor: ";
    ShareTo => "分享到:", "Share:";
    LinkCopied => "链接已复制", "Link copied";
    CopyFailed => "无法自动复制,请手动复制此链接:", "Could not copy; copy this link by hand:";
    Related => "相关文章", "Related articles";
    Previous => "上一篇:", "Previous: ";
    Next => "下一篇:", "Next: ";
    NotFound => "没有找到您要的页面", "Page not found";
    BackToList => "返回文章列表", "Back to the article list";
    Pages => "分页", "Pages";
    PreviousPage => "上一页", "Previous page";
    NextPage => "下一页", "Next page";
    EmptyChannel => "这里还没有文章。", "There are no articles here yet.";
    LoadFailed => "文章数据无法读取", "The article data could not be read";
    ProblemsSkipped => "以下数据有问题:", "Problems in the data:";
    Tags => "标签:", "Tags: ";
    ArticleNav => "上一篇和下一篇", "Previous and next article";
    Search => "搜索文章", "Search articles";
    SearchPlaceholder => "输入关键词,如:质量强市", "Type words from a title or text";
    PinyinWords => "拼音联想", "Pinyin suggestions";
    ByPinyin => "按拼音匹配", "matched by pinyin";
    Filters => "筛选", "Filters";
    FacetChannel => "频道", "Channel";
    FacetSource => "来源", "Source";
    FacetTag => "标签", "Tag";
    FacetDate => "发布日期", "Date";
    DateFrom => "从", "From";
    DateTo => "至", "To";
    SortLabel => "排序", "Sort by";
    SortRelevance => "相关度", "Relevance";
    SortNewest => "最新发布", "Newest first";
    SortOldest => "最早发布", "Oldest first";
    SortViews => "浏览最多", "Most viewed";
    ClearAll => "清除全部筛选", "Clear all filters";
    SearchNeedsJs => "搜索需要启用 JavaScript。栏目和分页链接无需 JavaScript 即可浏览。", "Search needs JavaScript. The channel and page links work without it.";
    ShareNeedsJs => "微信二维码、复制链接和打印需要启用 JavaScript。", "The WeChat code, copying the link and printing need JavaScript.";
    ResultsNav => "搜索结果", "Search results";
    WeChatTitle => "分享到微信", "Share on WeChat";
    WeChatHint => "微信扫一扫:打开微信,点击“发现”中的“扫一扫”,扫描二维码即可打开并分享这篇文章。", "Open WeChat, tap Discover → Scan, and scan the code to open and share this article.";
    QrLabel => "文章链接的二维码", "QR code of the article link";
    QrTooLong => "链接太长,无法生成二维码,请复制下面的链接。", "The link is too long for a QR code; copy it below.";
    Close => "关闭", "Close";
    LinkLabel => "文章链接", "Article link";
    Settings => "阅读设置", "Reading settings";
    ThemeLabel => "主题", "Theme";
    ThemeLight => "浅色", "Light";
    ThemeDark => "深色", "Dark";
    ThemeAuto => "跟随系统", "System";
    TextSizeLabel => "字号", "Text size";
    SizeSmall => "小", "Small";
    SizeMedium => "中", "Medium";
    SizeLarge => "大", "Large";
    SizeHuge => "特大", "Extra large";
    EasyReading => "长辈模式", "Easy reading";
    ReadAloud => "朗读", "Read aloud";
    ReadPause => "暂停", "Pause";
    ReadResume => "继续", "Resume";
    ReadStop => "停止", "Stop";
    NoSpeech => "此浏览器不能朗读。", "This browser cannot read aloud.";
    NoVoice => "此设备没有能朗读这篇文章的语音。", "This device has no voice for this article's language.";
    ReadingProgress => "阅读进度", "Reading progress";
    ReadMark => "已读", "Read";
    ClearRead => "清除已读标记", "Clear read marks";
    PrintAddress => "本文地址:", "Address of this article: ";
    Retry => "重试", "Try again";
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
    fn language_tags() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh_Hans"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }
}
