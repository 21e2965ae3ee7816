//! What crawlers and feed readers read beside the pages: `sitemap.xml` (a sitemap index past
//! 50,000 addresses), a Google News sitemap of the last two days, `robots.txt`, and Atom and
//! RSS 2.0 feeds.

use folio_core::i18n::{role, Lang, MONTHS};
use folio_core::model::{Article, Block, DateTime};

use super::page::escape;

/// Addresses per sitemap file (the sitemaps protocol's limit).
pub const SITEMAP_LIMIT: usize = 50_000;
/// Articles in a Google News sitemap at most (Google's limit).
const NEWS_LIMIT: usize = 1_000;
/// How far back a Google News sitemap reaches: two days.
const NEWS_SECONDS: i64 = 2 * 24 * 3600;

/// One address of the site with the time it last changed.
pub struct Entry {
    /// Absolute address.
    pub url: String,
    /// When its content last changed.
    pub modified: Option<DateTime>,
}

/// The sitemap files, by name: `sitemap.xml` alone, or with more than [`SITEMAP_LIMIT`]
/// addresses an index naming `sitemap-1.xml`, `sitemap-2.xml`, ….
pub fn sitemaps(entries: &[Entry], base: &str) -> Vec<(String, String)> {
    let urlset = |entries: &[Entry]| {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for entry in entries {
            out.push_str(&format!("<url><loc>{}</loc>", escape(&entry.url)));
            if let Some(at) = entry.modified {
                out.push_str(&format!("<lastmod>{at}</lastmod>"));
            }
            out.push_str("</url>\n");
        }
        out.push_str("</urlset>\n");
        out
    };
    if entries.len() <= SITEMAP_LIMIT {
        return vec![("sitemap.xml".into(), urlset(entries))];
    }
    let mut files = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (n, part) in entries.chunks(SITEMAP_LIMIT).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc>",
            escape(&format!("{base}{name}"))
        ));
        if let Some(at) = part
            .iter()
            .filter_map(|e| e.modified)
            .max_by_key(|at| at.unix_seconds())
        {
            index.push_str(&format!("<lastmod>{at}</lastmod>"));
        }
        index.push_str("</sitemap>\n");
        files.push((name, urlset(part)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".into(), index));
    files
}

/// Google News' language code of a language.
fn news_language(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-cn",
        Lang::En => "en",
    }
}

/// A Google News sitemap: the articles (newest first, with their addresses) published in the
/// two days before `now` (Unix seconds).
pub fn news_sitemap(
    articles: &[(&Article, String)],
    site: &str,
    lang: Lang,
    now: i64,
) -> Option<String> {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n");
    let recent = articles.iter().filter(|(article, _)| {
        let at = article.published.unix_seconds();
        at <= now && now - at <= NEWS_SECONDS
    });
    let mut any = false;
    for (article, url) in recent.take(NEWS_LIMIT) {
        any = true;
        out.push_str(&format!(
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name><news:language>{}</news:language></news:publication><news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>\n",
            escape(url),
            escape(site),
            news_language(lang),
            article.published,
            escape(&article.title)
        ));
    }
    out.push_str("</urlset>\n");
    // An empty <urlset> is not valid against the schema: no recent news, no news sitemap.
    any.then_some(out)
}

/// `robots.txt`: everything may be crawled; the sitemaps are named (the news sitemap when the
/// site has one).
pub fn robots(base: &str, news: bool) -> String {
    let mut out = format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n");
    if news {
        out.push_str(&format!("Sitemap: {base}news-sitemap.xml\n"));
    }
    out
}

/// An article's body as HTML for a feed entry (escaped text in plain elements; images with
/// absolute addresses).
pub fn body_html(article: &Article, absolute: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    for block in &article.body {
        match block {
            Block::Paragraph { text } => out.push_str(&format!("<p>{}</p>", escape(text))),
            Block::Heading { text } => out.push_str(&format!("<h2>{}</h2>", escape(text))),
            Block::Image { src, alt, caption } => {
                out.push_str(&format!(
                    "<figure><img src=\"{}\" alt=\"{}\">",
                    escape(&absolute(src)),
                    escape(alt)
                ));
                if let Some(caption) = caption {
                    out.push_str(&format!("<figcaption>{}</figcaption>", escape(caption)));
                }
                out.push_str("</figure>");
            }
            Block::Quote { text, cite } => {
                out.push_str(&format!("<blockquote><p>{}</p>", escape(text)));
                if let Some(cite) = cite {
                    out.push_str(&format!("<footer>{}</footer>", escape(cite)));
                }
                out.push_str("</blockquote>");
            }
        }
    }
    out
}

/// One feed: a title, its page, its own address, and its articles with their addresses.
pub struct Feed<'a> {
    /// The feed's title (the site's or channel's name).
    pub title: String,
    /// The page the feed follows.
    pub page: String,
    /// The feed file's own address, without extension (`…/atom` gives `…/atom.xml`).
    pub atom: String,
    /// The RSS file's address.
    pub rss: String,
    /// Newest first, at most 50.
    pub articles: Vec<(&'a Article, String)>,
    /// The interface language (roles in author names, `<language>`).
    pub lang: Lang,
    /// The site's copyright line.
    pub rights: &'a str,
}

/// An RFC 822 date, as RSS 2.0 writes them.
fn rfc822(at: &DateTime) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let local = at.unix_seconds() + i64::from(at.offset_minutes) * 60;
    let weekday = DAYS[local.div_euclid(86_400).rem_euclid(7) as usize];
    let offset = at.offset_minutes;
    let sign = if offset < 0 { '-' } else { '+' };
    format!(
        "{weekday}, {:02} {} {:04} {:02}:{:02}:{:02} {sign}{:02}{:02}",
        at.day,
        MONTHS[usize::from(at.month) - 1],
        at.year,
        at.hour,
        at.minute,
        at.second,
        offset.unsigned_abs() / 60,
        offset.unsigned_abs() % 60
    )
}

/// Authors as a feed names them: `记者 王海`.
fn author_names(article: &Article, lang: Lang) -> Vec<String> {
    article
        .authors
        .iter()
        .map(|author| format!("{} {}", role(lang, &author.role), author.name))
        .collect()
}

impl Feed<'_> {
    /// The Atom 1.0 document.
    pub fn atom(&self, absolute: &impl Fn(&str) -> String) -> String {
        let updated = self.articles.first().map_or_else(
            || "1970-01-01T00:00:00Z".to_owned(),
            |(a, _)| a.published.to_string(),
        );
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<updated>{updated}</updated>\n<rights>{}</rights>\n<generator>Folio</generator>\n",
            self.lang.tag(),
            escape(&self.title),
            escape(&self.page),
            escape(&self.page),
            escape(&self.atom),
            escape(self.rights)
        );
        for (article, url) in &self.articles {
            out.push_str(&format!(
                "<entry>\n<title>{}</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<published>{}</published>\n<updated>{}</updated>\n",
                escape(&article.title),
                escape(url),
                escape(url),
                article.published,
                article.published
            ));
            let names = author_names(article, self.lang);
            if names.is_empty() {
                out.push_str(&format!(
                    "<author><name>{}</name></author>\n",
                    escape(&article.source)
                ));
            }
            for name in names {
                out.push_str(&format!(
                    "<author><name>{}</name></author>\n",
                    escape(&name)
                ));
            }
            for tag in &article.tags {
                out.push_str(&format!("<category term=\"{}\"/>\n", escape(tag)));
            }
            out.push_str(&format!(
                "<summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
                escape(&article.summary),
                escape(&body_html(article, absolute))
            ));
        }
        out.push_str("</feed>\n");
        out
    }

    /// The RSS 2.0 document.
    pub fn rss(&self, absolute: &impl Fn(&str) -> String) -> String {
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n<title>{}</title>\n<link>{}</link>\n<description>{}</description>\n<language>{}</language>\n<copyright>{}</copyright>\n<generator>Folio</generator>\n<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
            escape(&self.title),
            escape(&self.page),
            escape(&self.title),
            self.lang.tag().to_ascii_lowercase(),
            escape(self.rights),
            escape(&self.rss)
        );
        if let Some((newest, _)) = self.articles.first() {
            out.push_str(&format!(
                "<lastBuildDate>{}</lastBuildDate>\n",
                rfc822(&newest.published)
            ));
        }
        for (article, url) in &self.articles {
            out.push_str(&format!(
                "<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"true\">{}</guid>\n<pubDate>{}</pubDate>\n<description>{}</description>\n",
                escape(&article.title),
                escape(url),
                escape(url),
                rfc822(&article.published),
                escape(&article.summary)
            ));
            for name in author_names(article, self.lang) {
                out.push_str(&format!("<dc:creator>{}</dc:creator>\n", escape(&name)));
            }
            for tag in &article.tags {
                out.push_str(&format!("<category>{}</category>\n", escape(tag)));
            }
            // CDATA cannot hold `]]>`: split it across two sections.
            let html = body_html(article, absolute).replace("]]>", "]]]]><![CDATA[>");
            out.push_str(&format!(
                "<content:encoded><![CDATA[{html}]]></content:encoded>\n</item>\n"
            ));
        }
        out.push_str("</channel>\n</rss>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc822_dates_keep_their_offset() {
        let at = DateTime::parse("2015-06-15T09:22:32+08:00").unwrap();
        assert_eq!(rfc822(&at), "Mon, 15 Jun 2015 09:22:32 +0800");
        let west = DateTime::parse("1969-12-31T19:00:00-05:00").unwrap();
        assert_eq!(rfc822(&west), "Wed, 31 Dec 1969 19:00:00 -0500");
    }

    #[test]
    fn sitemaps_split_past_the_limit() {
        let entries: Vec<Entry> = (0..SITEMAP_LIMIT + 1)
            .map(|n| Entry {
                url: format!("https://x.cn/article/{n}/"),
                modified: None,
            })
            .collect();
        let files = sitemaps(&entries, "https://x.cn/");
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        assert!(files[0].1.contains("<sitemapindex"));
        assert_eq!(files[1].1.matches("<url>").count(), SITEMAP_LIMIT);
        assert_eq!(files[2].1.matches("<url>").count(), 1);
        assert_eq!(sitemaps(&entries[..3], "https://x.cn/").len(), 1);
    }
}
