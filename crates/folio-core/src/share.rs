//! Share targets and their share-URL builders. Pure: the browser calls (clipboard, the system
//! share sheet, print) live in `browser.rs`, the buttons in `components/share_bar.rs`.
//!
//! Every value is percent-encoded as a URL component (UTF-8, everything but `A-Z a-z 0-9 - _ . ~`),
//! which each network's documented share endpoint decodes back exactly: Chinese, spaces, `&`,
//! `#`, quotes and emoji survive.

use crate::i18n::Lang;
use crate::route::encode_component;

/// A way to share an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// 微信: no share URL exists, so a dialog shows a QR code of the link.
    WeChat,
    /// 新浪微博.
    Weibo,
    /// QQ 好友.
    Qq,
    /// QQ 空间.
    Qzone,
    /// 豆瓣.
    Douban,
    /// Copies the link.
    Copy,
    /// The system share sheet (`navigator.share`), shown only where the browser can share.
    System,
    /// X (Twitter).
    X,
    /// Facebook.
    Facebook,
    /// LinkedIn.
    LinkedIn,
    /// Telegram.
    Telegram,
    /// E-mail (`mailto:`).
    Email,
    /// Prints the article.
    Print,
}

impl Target {
    /// The default bar, in order: Chinese networks, copy, system sheet, global networks, e-mail,
    /// print.
    pub const DEFAULT: [Target; 13] = [
        Target::WeChat,
        Target::Weibo,
        Target::Qq,
        Target::Qzone,
        Target::Douban,
        Target::Copy,
        Target::System,
        Target::X,
        Target::Facebook,
        Target::LinkedIn,
        Target::Telegram,
        Target::Email,
        Target::Print,
    ];

    /// The configuration key (`wechat`, `weibo`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Target::WeChat => "wechat",
            Target::Weibo => "weibo",
            Target::Qq => "qq",
            Target::Qzone => "qzone",
            Target::Douban => "douban",
            Target::Copy => "copy",
            Target::System => "system",
            Target::X => "x",
            Target::Facebook => "facebook",
            Target::LinkedIn => "linkedin",
            Target::Telegram => "telegram",
            Target::Email => "email",
            Target::Print => "print",
        }
    }

    /// Reads a configuration key, ignoring case and surrounding spaces (`twitter` is `x`).
    pub fn from_key(key: &str) -> Option<Target> {
        let key = key.trim().to_ascii_lowercase();
        if key == "twitter" {
            return Some(Target::X);
        }
        Target::DEFAULT.into_iter().find(|t| t.key() == key)
    }

    /// Reads a comma-separated list of keys, in the order given, without repeats; unknown keys
    /// are returned apart so the page can say which were ignored. An empty list gives the default.
    pub fn parse_list(list: &str) -> (Vec<Target>, Vec<String>) {
        let mut targets = Vec::new();
        let mut unknown = Vec::new();
        for key in list.split([',', ',', ' ']).filter(|k| !k.trim().is_empty()) {
            match Target::from_key(key) {
                Some(target) if !targets.contains(&target) => targets.push(target),
                Some(_) => {}
                None => unknown.push(key.trim().to_owned()),
            }
        }
        if targets.is_empty() {
            targets = Target::DEFAULT.to_vec();
        }
        (targets, unknown)
    }
}

/// Names of the targets in each language.
impl Target {
    /// The visible name of a share target.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
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
    pub fn label(self, lang: Lang) -> String {
        let name = self.name(lang);
        match (lang, self) {
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
}

/// What is shared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shared<'a> {
    /// The article's canonical URL.
    pub url: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its summary.
    pub summary: &'a str,
}

/// The network's share URL, for targets that are links; `None` for WeChat, copy, the system
/// sheet and print, which are buttons.
pub fn share_url(target: Target, shared: &Shared) -> Option<String> {
    let url = encode_component(shared.url);
    let title = encode_component(shared.title);
    let summary = encode_component(shared.summary);
    Some(match target {
        Target::Weibo => format!("https://service.weibo.com/share/share.php?url={url}&title={title}"),
        Target::Qq => format!(
            "https://connect.qq.com/widget/shareqq/index.html?url={url}&title={title}&summary={summary}"
        ),
        Target::Qzone => format!(
            "https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url={url}&title={title}&summary={summary}"
        ),
        Target::Douban => format!("https://www.douban.com/share/service?href={url}&name={title}&text={summary}"),
        Target::X => format!("https://x.com/intent/post?url={url}&text={title}"),
        Target::Facebook => format!("https://www.facebook.com/sharer/sharer.php?u={url}"),
        Target::LinkedIn => format!("https://www.linkedin.com/sharing/share-offsite/?url={url}"),
        Target::Telegram => format!("https://t.me/share/url?url={url}&text={title}"),
        // RFC 6068: subject and body are percent-encoded; a line break is %0D%0A.
        Target::Email => {
            let body = encode_component(&format!("{}\r\n\r\n{}", shared.summary, shared.url));
            format!("mailto:?subject={title}&body={body}")
        }
        Target::WeChat | Target::Copy | Target::System | Target::Print => return None,
    })
}

/// The canonical URL of a view: `base` (a site's configured address, or the page's own without
/// its fragment) followed by the view's hash.
pub fn canonical_url(base: &str, hash: &str) -> String {
    let base = base.split('#').next().unwrap_or(base);
    format!("{base}{hash}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::decode_component;

    #[test]
    fn every_target_has_names_in_both_languages() {
        for target in Target::DEFAULT {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!target.name(lang).is_empty());
                assert!(target.label(lang).contains(target.name(lang)), "{target:?}");
            }
        }
    }

    const URL: &str = "https://news.example.cn/folio/#/article/20150615-zhiliang-qiangshi";

    fn shared<'a>(title: &'a str, summary: &'a str) -> Shared<'a> {
        Shared {
            url: URL,
            title,
            summary,
        }
    }

    /// The decoded value of a query parameter of a share URL.
    fn param(url: &str, key: &str) -> Option<String> {
        let query = url.split_once('?')?.1;
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == key)
            .map(|(_, v)| decode_component(v))
    }

    #[test]
    fn every_network_gets_its_documented_format() {
        let s = shared("聊城 质量", "摘要");
        let enc_url =
            "https%3A%2F%2Fnews.example.cn%2Ffolio%2F%23%2Farticle%2F20150615-zhiliang-qiangshi";
        let t = "%E8%81%8A%E5%9F%8E%20%E8%B4%A8%E9%87%8F";
        let sum = "%E6%91%98%E8%A6%81";
        let expected = [
            (Target::Weibo, format!("https://service.weibo.com/share/share.php?url={enc_url}&title={t}")),
            (Target::Qq, format!("https://connect.qq.com/widget/shareqq/index.html?url={enc_url}&title={t}&summary={sum}")),
            (Target::Qzone, format!("https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url={enc_url}&title={t}&summary={sum}")),
            (Target::Douban, format!("https://www.douban.com/share/service?href={enc_url}&name={t}&text={sum}")),
            (Target::X, format!("https://x.com/intent/post?url={enc_url}&text={t}")),
            (Target::Facebook, format!("https://www.facebook.com/sharer/sharer.php?u={enc_url}")),
            (Target::LinkedIn, format!("https://www.linkedin.com/sharing/share-offsite/?url={enc_url}")),
            (Target::Telegram, format!("https://t.me/share/url?url={enc_url}&text={t}")),
            (Target::Email, format!("mailto:?subject={t}&body={sum}%0D%0A%0D%0A{enc_url}")),
        ];
        for (target, url) in expected {
            assert_eq!(
                share_url(target, &s).as_deref(),
                Some(url.as_str()),
                "{target:?}"
            );
        }
        for target in [Target::WeChat, Target::Copy, Target::System, Target::Print] {
            assert_eq!(share_url(target, &s), None);
        }
    }

    #[test]
    fn hostile_titles_round_trip_exactly() {
        let titles = [
            "A & B = C? #1 \"quoted\" 'single' <b>bold</b>",
            "javascript:alert(1)",
            "emoji 🎉👍🏽 and 中文 and spaces   ",
            "100% + 50% / 2 \\ ; , : @ $ ! * ( ) [ ]",
            "line\nbreak\ttab",
        ];
        for title in titles {
            for target in Target::DEFAULT {
                let Some(url) = share_url(target, &shared(title, "s&s")) else {
                    continue;
                };
                assert!(url.is_ascii(), "{url}");
                assert!(
                    !url.contains(' ') && !url.contains('"') && !url.contains('<'),
                    "{url}"
                );
                let (url_key, title_key) = match target {
                    Target::Douban => ("href", "name"),
                    Target::Facebook => ("u", ""),
                    Target::LinkedIn => ("url", ""),
                    Target::X | Target::Telegram => ("url", "text"),
                    Target::Email => ("", "subject"),
                    _ => ("url", "title"),
                };
                if !url_key.is_empty() {
                    assert_eq!(param(&url, url_key).as_deref(), Some(URL), "{target:?}");
                }
                if !title_key.is_empty() {
                    assert_eq!(
                        param(&url, title_key).as_deref(),
                        Some(title),
                        "{target:?} {url}"
                    );
                }
                // Exactly the expected parameters: nothing in the title leaked out as a new one.
                let count = url.split_once('?').unwrap().1.split('&').count();
                let expected = match target {
                    Target::Qq | Target::Qzone | Target::Douban => 3,
                    Target::Facebook | Target::LinkedIn => 1,
                    _ => 2,
                };
                assert_eq!(count, expected, "{target:?} {url}");
            }
        }
    }

    #[test]
    fn the_email_body_holds_the_summary_then_the_link() {
        let url = share_url(Target::Email, &shared("t", "摘要 & more")).unwrap();
        assert_eq!(
            param(&url, "body").unwrap(),
            format!("摘要 & more\r\n\r\n{URL}")
        );
    }

    #[test]
    fn target_lists_parse_in_order_without_repeats() {
        assert_eq!(Target::parse_list("").0, Target::DEFAULT);
        assert_eq!(Target::parse_list("  ").0, Target::DEFAULT);
        let (targets, unknown) = Target::parse_list("Weibo, copy,wechat, twitter,copy, myspace");
        assert_eq!(
            targets,
            [Target::Weibo, Target::Copy, Target::WeChat, Target::X]
        );
        assert_eq!(unknown, ["myspace"]);
        assert_eq!(Target::parse_list("nothing-known").0, Target::DEFAULT);
        for target in Target::DEFAULT {
            assert_eq!(Target::from_key(target.key()), Some(target));
        }
    }

    #[test]
    fn canonical_urls_drop_the_old_fragment() {
        assert_eq!(
            canonical_url("https://a.cn/p/?x=1#/old", "#/article/a"),
            "https://a.cn/p/?x=1#/article/a"
        );
        assert_eq!(
            canonical_url("https://a.cn/", "#/article/a"),
            "https://a.cn/#/article/a"
        );
    }
}
