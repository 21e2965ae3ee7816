//! A view's shape, as a short fingerprint: what decides the elements a view renders (which
//! articles and links, which optional parts, how many blocks of which kind), not their text.
//! A page `folio build` writes carries the signature of the view it shows; the browser
//! computes it again from the data it loaded and hydrates the page only when they agree, since
//! hydrating HTML of another shape fails (text and attributes are rewritten while hydrating, so
//! they need not agree).

use std::fmt::Write;

use crate::catalogue::{ArticleView, Link, ListPage};
use crate::load::fingerprint;
use crate::model::{Article, Block};

/// Adds the links' ids.
fn links(out: &mut String, links: &[Link]) {
    for link in links {
        let _ = write!(out, "{}\u{1}", link.id);
    }
}

/// Adds an article's optional parts as flags.
fn parts(out: &mut String, article: &Article) {
    let flags = [
        article.subtitle.is_some(),
        article.views.is_some(),
        article.editor.is_some(),
        article.authors.is_empty(),
        article.tags.is_empty(),
        article.summary.is_empty(),
    ];
    for flag in flags {
        out.push(if flag { '1' } else { '0' });
    }
    let _ = write!(
        out,
        "{}\u{1}{}\u{1}{}\u{1}",
        article.id,
        article.channel,
        article.tags.len()
    );
}

/// The signature of an article view.
pub fn article(view: &ArticleView) -> String {
    let mut out = String::from("a");
    parts(&mut out, &view.article);
    for block in &view.article.body {
        out.push(match block {
            Block::Paragraph { .. } => 'p',
            Block::Heading { .. } => 'h',
            Block::Image { caption: None, .. } => 'i',
            Block::Image {
                caption: Some(_), ..
            } => 'I',
            Block::Quote { cite: None, .. } => 'q',
            Block::Quote { cite: Some(_), .. } => 'Q',
        });
    }
    out.push('\u{1}');
    links(&mut out, &view.related);
    links(&mut out, view.older.as_slice());
    out.push('\u{2}');
    links(&mut out, view.newer.as_slice());
    fingerprint(out.as_bytes())
}

/// The signature of a list page.
pub fn list(page: &ListPage) -> String {
    let mut out = String::from("l");
    let _ = write!(
        out,
        "{}\u{1}{}\u{1}{}\u{1}{}\u{1}",
        page.total, page.approximate, page.page.number, page.page.count
    );
    for article in &page.articles {
        parts(&mut out, article);
    }
    if let Some(facets) = &page.facets {
        for kind in [
            &facets.channels,
            &facets.sources,
            &facets.tags,
            &facets.months,
        ] {
            let _ = write!(out, "\u{2}{}", kind.len());
            for (key, _) in kind {
                let _ = write!(out, "\u{1}{key}");
            }
        }
    }
    fingerprint(out.as_bytes())
}

/// The signature of the view a route names in a whole catalogue (empty for a view that shows
/// no article or list).
pub fn of_route(
    catalogue: &crate::catalogue::Catalogue,
    route: &crate::route::Route,
    page_size: usize,
) -> String {
    use crate::route::Route;
    match route {
        Route::Article { id } => catalogue
            .article_view(id, crate::catalogue::RELATED)
            .map_or_else(String::new, |view| article(&view)),
        Route::List(state) => {
            let results = catalogue.index().run(&state.request());
            list(&catalogue.page_of(&results, state.page, page_size))
        }
        Route::Unknown { .. } => String::new(),
    }
}
