//! The site being built: every page's view rendered by the viewer's own components into the
//! template, with its head (title, share card, structured data), and the crawlers' files
//! (sitemaps, robots.txt, feeds).

use folio_core::catalogue::{Catalogue, ListPage, RELATED};
use folio_core::i18n::{page_link, role, Lang, Msg};
use folio_core::load::fingerprint;
use folio_core::route::{ListState, Route};
use folio_core::search::Results;
use folio_viewer::{App, AppProps, DataSource, Routing};
use yew::LocalServerRenderer;

use super::crawl::{self, Entry, Feed};
use super::files::page_file;
use super::page::{self, clip, Meta, NewsArticle, Template};
use super::{ARCHIVE_DIR, FEED_SIZE};

/// True when an id can name a folder on every static host and file system.
fn folder_safe(id: &str) -> bool {
    !matches!(id, "." | "..")
        && !id.chars().any(|c| {
            c.is_control()
                || matches!(
                    c,
                    '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '%' | '#'
                )
        })
}

/// One page to make.
pub(super) struct PageJob {
    /// The view it shows.
    pub(super) route: Route,
    /// Its file below the output folder.
    pub(super) file: String,
    /// Key of its inputs.
    pub(super) key: String,
}

/// What every page of one build shares.
pub(super) struct Site<'a> {
    pub(super) catalogue: &'a Catalogue,
    pub(super) template: &'a Template,
    /// The site's address, ending in `/`.
    pub(super) base: &'a str,
    /// The root's absolute path.
    pub(super) root: &'a str,
    pub(super) lang: Lang,
    pub(super) page_size: usize,
    pub(super) data: folio_viewer::LoadedData,
    /// The site's share image and logo.
    pub(super) image: Option<Picture>,
    pub(super) logo: Option<Picture>,
}

/// An image of the site's: its absolute address, and its size when the build knows it (the
/// ones it drew).
#[derive(Clone, Debug, Hash)]
pub(super) struct Picture {
    pub(super) url: String,
    pub(super) size: Option<(u32, u32)>,
    /// Its file in the site, when the build wrote it.
    pub(super) file: Option<String>,
}

impl Picture {
    pub(super) fn unsized_at(url: String) -> Picture {
        Picture {
            url,
            size: None,
            file: None,
        }
    }
}

impl Site<'_> {
    /// Every page, with the key of its inputs: the app, site and channels (`global`), and the
    /// view's own data (each article shown, as JSON, and a list's facets).
    pub(super) fn jobs(
        &self,
        lists: &[(ListState, Results)],
        global: &str,
        skipped: &mut Vec<String>,
    ) -> Vec<PageJob> {
        let catalogue = self.catalogue;
        let key = |view: &str| fingerprint(format!("{global}\n{view}").as_bytes());
        // One fingerprint per article, of everything it holds.
        let article_keys: Vec<String> = catalogue
            .articles()
            .iter()
            .map(|a| fingerprint(&serde_json::to_vec(a).unwrap_or_default()))
            .collect();
        let link = |out: &mut String, link: &folio_core::catalogue::Link| {
            out.push_str(&format!(
                "{}\u{1}{}\u{1}{}\n",
                link.id, link.title, link.published
            ));
        };
        let mut jobs = Vec::new();
        skipped.extend(
            catalogue
                .channels()
                .iter()
                .filter(|channel| !folder_safe(&channel.id))
                .map(|channel| format!("channel {}", channel.id)),
        );
        for (state, results) in lists {
            let mut facets = String::new();
            for kind in [
                &results.facets.channels,
                &results.facets.sources,
                &results.facets.tags,
                &results.facets.months,
            ] {
                for (value, count) in kind {
                    facets.push_str(&format!("{value}\u{1}{count}\n"));
                }
                facets.push('\u{2}');
            }
            let facets = fingerprint(facets.as_bytes());
            let total = results.hits.len();
            let pages = total.div_ceil(self.page_size).max(1);
            for page in 1..=pages {
                let route = Route::List(ListState {
                    page,
                    ..state.clone()
                });
                let mut view = format!("{}\n{total}\n{facets}\n", route.to_path());
                let start = (page - 1) * self.page_size;
                for &at in results.hits.iter().skip(start).take(self.page_size) {
                    view.push_str(&article_keys[at]);
                }
                jobs.push(PageJob {
                    file: page_file(&route),
                    key: key(&view),
                    route,
                });
            }
        }
        for (at, article) in catalogue.articles().iter().enumerate() {
            if !folder_safe(&article.id) {
                skipped.push(format!("article {}", article.id));
                continue;
            }
            let Some(view) = catalogue.article_view(&article.id, RELATED) else {
                continue;
            };
            let mut links = format!("{}\n", article_keys[at]);
            for related in &view.related {
                link(&mut links, related);
            }
            links.push('\u{2}');
            view.older.iter().for_each(|older| link(&mut links, older));
            links.push('\u{2}');
            view.newer.iter().for_each(|newer| link(&mut links, newer));
            let route = Route::article(&article.id);
            jobs.push(PageJob {
                file: page_file(&route),
                key: key(&links),
                route,
            });
        }
        // Served at any address: the page names it once its island runs.
        let missing = Route::Unknown {
            path: String::new(),
        };
        jobs.push(PageJob {
            file: page_file(&missing),
            key: key("404"),
            route: missing,
        });
        jobs
    }

    /// The first page of every list with its results, searched once for the pages and the
    /// crawler files: all articles, then each channel and column whose id can name a folder.
    pub(super) fn lists(&self) -> Vec<(ListState, Results)> {
        let channels = self
            .catalogue
            .channels()
            .iter()
            .filter(|c| folder_safe(&c.id));
        std::iter::once(None)
            .chain(channels.map(|c| Some(c.id.clone())))
            .map(|channel| {
                let state = ListState {
                    channel,
                    page: 1,
                    ..ListState::default()
                };
                let results = self.catalogue.index().run(&state.request());
                (state, results)
            })
            .collect()
    }

    /// The absolute address of a route's page.
    fn url(&self, route: &Route) -> String {
        format!("{}{}", self.base, route.to_path())
    }

    /// The address of the site's share image.
    fn image_url(&self) -> Option<String> {
        self.image.as_ref().map(|image| image.url.clone())
    }

    /// An image address made absolute against the site.
    pub(super) fn absolute(&self, src: &str) -> String {
        url::Url::parse(self.base)
            .and_then(|base| base.join(src))
            .map_or_else(|_| src.to_owned(), |url| url.to_string())
    }

    /// The feeds a page links: the site's, and its channel's (and that channel's parent's).
    fn feeds(&self, channel: Option<&str>, back: &str) -> Vec<(String, String, &'static str)> {
        let site = &self.catalogue.site().name;
        let mut feeds = vec![
            (
                format!("{site} (Atom)"),
                format!("{back}atom.xml"),
                "application/atom+xml",
            ),
            (
                format!("{site} (RSS)"),
                format!("{back}rss.xml"),
                "application/rss+xml",
            ),
        ];
        if let Some(id) = channel {
            for channel in self.catalogue.channel_path(id).into_iter().rev() {
                if !folder_safe(&channel.id) {
                    continue;
                }
                let folder = format!(
                    "{back}channel/{}/",
                    folio_core::route::encode_component(&channel.id)
                );
                feeds.push((
                    format!("{} - {site} (Atom)", channel.name),
                    format!("{folder}atom.xml"),
                    "application/atom+xml",
                ));
                feeds.push((
                    format!("{} - {site} (RSS)", channel.name),
                    format!("{folder}rss.xml"),
                    "application/rss+xml",
                ));
            }
        }
        feeds
    }

    /// One page's HTML.
    pub(super) fn page(&self, route: &Route) -> String {
        let catalogue = self.catalogue;
        let site = catalogue.site();
        let lang = self.lang;
        let back = route.back(self.root);
        let url = self.url(route);
        let site_address = site.url.clone().unwrap_or_else(|| self.base.to_owned());
        let (title, headline, description, image, image_alt, article, feeds, json_ld);
        let tags: Vec<String>;
        let section: String;
        let published: String;
        match route {
            Route::Article { id } => {
                // Every job's article exists.
                let view = catalogue.article_view(id, RELATED);
                let Some(view) = view else {
                    return String::new();
                };
                let a = &view.article;
                section = catalogue
                    .channel(&a.channel)
                    .map_or_else(String::new, |c| c.name.clone());
                published = a.published.to_string();
                tags = a.tags.clone();
                let figures: Vec<(String, &str)> = a
                    .body
                    .iter()
                    .filter_map(|block| match block {
                        folio_core::model::Block::Image { src, alt, .. } => {
                            Some((self.absolute(src), alt.as_str()))
                        }
                        _ => None,
                    })
                    .collect();
                let mut images: Vec<String> = figures.iter().map(|(src, _)| src.clone()).collect();
                title = format!("{} - {}", a.title, site.name);
                headline = a.title.clone();
                description = clip(&a.summary, 150);
                (image, image_alt) = match figures.first() {
                    Some((src, alt)) => (Some(src.clone()), Some(alt.to_string())),
                    None => (self.image_url(), Some(site.name.clone())),
                };
                if images.is_empty() {
                    images.extend(self.image_url());
                }
                feeds = self.feeds(Some(&a.channel), &back);
                json_ld = Some(
                    NewsArticle {
                        url: &url,
                        headline: &a.title,
                        description: &description,
                        published: &published,
                        authors: a
                            .authors
                            .iter()
                            .map(|author| (author.name.clone(), role(lang, &author.role)))
                            .collect(),
                        publisher: (&site.name, &site_address),
                        logo: self
                            .logo
                            .as_ref()
                            .map(|logo| (logo.url.as_str(), logo.size)),
                        source: &a.source,
                        images,
                        section: &section,
                        lang: lang.tag(),
                        keywords: &a.tags,
                    }
                    .to_json(),
                );
                article = Some((published.as_str(), section.as_str(), tags.as_slice()));
            }
            Route::List(state) => {
                let results = catalogue.index().run(&state.request());
                let list = catalogue.page_of(&results, state.page, self.page_size);
                let channel = state
                    .channel
                    .as_deref()
                    .and_then(|id| catalogue.channel(id));
                let own = match (channel, state.page) {
                    (None, 1) => None,
                    (None, page) => Some(page_link(lang, page)),
                    (Some(channel), 1) => Some(channel.name.clone()),
                    (Some(channel), page) => {
                        Some(format!("{} {}", channel.name, page_link(lang, page)))
                    }
                };
                headline = own.clone().unwrap_or_else(|| site.name.clone());
                title =
                    own.map_or_else(|| site.name.clone(), |own| format!("{own} - {}", site.name));
                description = list_description(
                    &list,
                    channel.map(|c| c.name.as_str()),
                    self.template,
                    &site.name,
                );
                (image, image_alt) = (self.image_url(), Some(site.name.clone()));
                article = None;
                feeds = self.feeds(state.channel.as_deref(), &back);
                json_ld = None;
            }
            Route::Unknown { .. } => {
                title = format!("{} - {}", Msg::NotFound.text(lang), site.name);
                headline = Msg::NotFound.text(lang).to_owned();
                description = Msg::NotFound.text(lang).to_owned();
                (image, image_alt) = (None, None);
                article = None;
                feeds = self.feeds(None, &back);
                json_ld = None;
            }
        }
        // A page without an image of its own shows the site's card, and carries the site's
        // square logo as its first picture for the apps that take one from the page (WeChat,
        // QQ), hidden and never loaded by browsers.
        let site_card = image.is_some() && image == self.image_url();
        let image_size = self.image.as_ref().and_then(|card| card.size);
        let picture = self.logo.as_ref().filter(|_| site_card);
        let meta = Meta {
            title: &title,
            headline: &headline,
            description: &description,
            url: &url,
            site_name: &site.name,
            lang,
            image: image.as_deref(),
            image_size: image_size.filter(|_| site_card),
            image_alt: image_alt.as_deref(),
            article,
            feeds,
            json_ld,
            back: &back,
            noindex: matches!(route, Route::Unknown { .. }),
        };
        let head = page::head(&meta, self.template);
        let body = self.render(route, true);
        // The site's own file by its path from the page (the page's origin, wherever it is
        // served); a logo given by address, as given.
        let src = picture.map(|logo| {
            let src = logo
                .file
                .as_ref()
                .map_or_else(|| logo.url.clone(), |file| format!("{back}{file}"));
            (src, logo.size)
        });
        let picture = src.as_ref().map(|(src, size)| (src.as_str(), *size));
        page::document(lang, &head, &[], picture, &body)
    }

    /// The search page (`search/`): a shell the site's packed viewer takes over, which reads
    /// the query from the address and the results from the archive. Until then (or without
    /// JavaScript) it shows the newest articles under a search box that works as a form.
    pub(super) fn search_page(&self) -> String {
        let lang = self.lang;
        let site = self.catalogue.site();
        let path = format!("{}/", folio_core::route::SEARCH_FOLDER);
        // The newest articles, as a search (the empty search's order): a route whose page is
        // the search page, so the shell's links lead from `search/` to the site.
        let route = Route::List(ListState {
            sort: folio_core::route::Sort::Newest,
            page: 1,
            ..ListState::default()
        });
        let back = "../";
        let title = format!("{} - {}", Msg::Search.text(lang), site.name);
        let url = format!("{}{path}", self.base);
        let meta = Meta {
            title: &title,
            headline: Msg::Search.text(lang),
            description: &title,
            url: &url,
            site_name: &site.name,
            lang,
            image: None,
            image_size: None,
            image_alt: None,
            article: None,
            feeds: self.feeds(None, back),
            json_ld: None,
            back,
            noindex: true,
        };
        let head = page::head(&meta, self.template);
        // Said only where scripts do not run (`@media (scripting: none)`).
        let body = format!(
            "{}<p class=\"folio-needs-js\">{}</p>",
            self.render(&route, true),
            page::escape(Msg::SearchNeedsJs.text(lang))
        );
        page::document(
            lang,
            &head,
            &folio_core::page::SitePage {
                src: ARCHIVE_DIR,
                back,
                route: &path,
                base_url: self.base,
                page_size: self.page_size,
            }
            .attributes(),
            None,
            &body,
        )
    }

    /// The viewer's HTML for a route, as the browser's first render on that page makes it.
    fn render(&self, route: &Route, islands: bool) -> String {
        let props = yew::props!(AppProps {
            islands,
            source: DataSource::Loaded(self.data.clone()),
            lang: Some(self.lang),
            page_size: self.page_size,
            routing: Routing::Path,
            site_root: yew::AttrValue::from(self.root.to_owned()),
            start: Some(route.clone()),
            base_url: Some(yew::AttrValue::from(self.base.to_owned())),
            problems_notice: false,
        });
        let renderer = LocalServerRenderer::<App>::with_props(props).hydratable(true);
        futures::executor::block_on(renderer.render())
    }

    /// Sitemaps, the Google News sitemap, robots.txt and the feeds, by file name.
    pub(super) fn crawler_files(
        &self,
        lists: &[(ListState, Results)],
        now: i64,
    ) -> Vec<(String, String)> {
        let catalogue = self.catalogue;
        let site = catalogue.site();
        let mut entries = Vec::new();
        let mut files = Vec::new();
        for (state, results) in lists {
            let channel = state.channel.as_deref();
            let pages = results.hits.len().div_ceil(self.page_size).max(1);
            let newest: Vec<&folio_core::model::Article> = results
                .hits
                .iter()
                .map(|&at| &catalogue.articles()[at])
                .collect();
            for page in 1..=pages {
                let route = Route::List(ListState {
                    page,
                    ..state.clone()
                });
                let first = (page - 1) * self.page_size;
                entries.push(Entry {
                    url: self.url(&route),
                    modified: newest.get(first).map(|a| a.published),
                });
            }
            let route = Route::List(state.clone());
            let folder = match channel {
                None => String::new(),
                Some(id) => format!("channel/{id}/"),
            };
            let title = match channel.and_then(|id| catalogue.channel(id)) {
                None => site.name.clone(),
                Some(c) => format!("{} - {}", c.name, site.name),
            };
            let feed = Feed {
                title,
                page: self.url(&route),
                atom: format!(
                    "{}{}atom.xml",
                    self.base,
                    Route::List(state.clone()).to_path()
                ),
                rss: format!(
                    "{}{}rss.xml",
                    self.base,
                    Route::List(state.clone()).to_path()
                ),
                articles: newest
                    .iter()
                    .filter(|a| folder_safe(&a.id))
                    .take(FEED_SIZE)
                    .map(|a| (*a, self.url(&Route::article(&a.id))))
                    .collect(),
                lang: self.lang,
                rights: &site.copyright,
            };
            let absolute = |src: &str| self.absolute(src);
            files.push((format!("{folder}atom.xml"), feed.atom(&absolute)));
            files.push((format!("{folder}rss.xml"), feed.rss(&absolute)));
        }
        let mut articles: Vec<(&folio_core::model::Article, String)> = catalogue
            .articles()
            .iter()
            .filter(|a| folder_safe(&a.id))
            .map(|a| (a, self.url(&Route::article(&a.id))))
            .collect();
        articles.sort_by_key(|(a, _)| std::cmp::Reverse(a.published.unix_seconds()));
        for (article, url) in &articles {
            entries.push(Entry {
                url: url.clone(),
                modified: Some(article.published),
            });
        }
        files.extend(crawl::sitemaps(&entries, self.base));
        let news = crawl::news_sitemap(&articles, &site.name, self.lang, now);
        files.push((
            "robots.txt".into(),
            crawl::robots(self.base, news.is_some()),
        ));
        if let Some(news) = news {
            files.push(("news-sitemap.xml".into(), news));
        }
        files
    }
}

/// A list page's description: the channel (or the app's site description) and its first
/// headlines.
fn list_description(
    list: &ListPage,
    channel: Option<&str>,
    template: &Template,
    site: &str,
) -> String {
    let headlines: Vec<&str> = list
        .articles
        .iter()
        .take(3)
        .map(|a| a.title.as_str())
        .collect();
    let lead = match channel {
        Some(name) => format!("{site} {name}"),
        None => template
            .description
            .clone()
            .unwrap_or_else(|| site.to_owned()),
    };
    if headlines.is_empty() {
        lead
    } else {
        clip(&format!("{lead}:{}", headlines.join(";")), 150)
    }
}
