//! The data of the view a route names: a page of a list, or an article with its links. A
//! whole catalogue answers as the view renders (the same natively and in the browser, so server
//! rendering and hydration agree). A packed archive answers once the files the view needs have
//! been fetched: each is fetched once (several at a time), and while a list's next page or
//! search loads, the previous list stays on screen so typing is never interrupted.

#[cfg(feature = "packed")]
use std::cell::RefCell;
use std::rc::Rc;

#[cfg(feature = "packed")]
use folio_core::archive::reader::{Archive, Step};
#[cfg(feature = "whole")]
use folio_core::catalogue::RELATED;
use folio_core::catalogue::{ArticleView, ListPage};
use folio_core::route::Route;
use folio_core::Error;
use yew::prelude::*;

#[cfg(feature = "packed")]
use super::data::{newer_build, LoadedData};
use crate::library::Library;
#[cfg(feature = "packed")]
use crate::platform;

/// What a view shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    /// Its data is still on the way.
    Loading,
    /// Its data could not be fetched or read.
    Failed(Error),
    /// A page of a list.
    List(Rc<ListPage>),
    /// An article.
    Article(Rc<ArticleView>),
    /// The route names no article.
    Missing,
}

/// What [`use_view`] gives.
pub struct ViewData {
    /// The view's data (for a list, possibly the previous list's while the new one loads).
    pub shown: Shown,
    /// True while files for the view are being fetched.
    pub pending: bool,
    /// Fetches again after a failure.
    pub retry: Callback<()>,
}

#[cfg(feature = "packed")]
type Ask = Box<dyn Fn(&Archive) -> Result<Step<Shown>, Error>>;

#[cfg(feature = "packed")]
/// Fetches what one request of a packed archive needs, asking again as files arrive. Only the
/// latest driver of a viewer updates its state: a reader who moved on is not shown old views.
struct Driver {
    archive: Rc<Archive>,
    /// The archive folder's address, ending in `/`.
    base: Rc<str>,
    /// Where this build's files are: `base` and the build's folder.
    files: Rc<str>,
    /// Takes a newer build of the archive, found when a file of this one is gone.
    renew: Callback<LoadedData>,
    ask: Ask,
    shown: UseStateHandle<Shown>,
    pending: UseStateHandle<bool>,
    /// Files being fetched (a few at a time: a list is enough).
    inflight: Rc<RefCell<Vec<String>>>,
    current: Rc<RefCell<Option<Rc<Driver>>>>,
}

#[cfg(feature = "packed")]
impl Driver {
    fn is_current(self: &Rc<Self>) -> bool {
        self.current
            .borrow()
            .as_ref()
            .is_some_and(|c| Rc::ptr_eq(c, self))
    }

    fn run(self: &Rc<Self>) {
        if !self.is_current() {
            return;
        }
        let wanted = match (self.ask)(&self.archive) {
            Err(error) => return self.fail(error),
            Ok(Step::Ready(shown)) => {
                // A list's facets may still need counting: fetch for that after showing it.
                let later = match &shown {
                    Shown::List(page) => page.later.clone(),
                    _ => Vec::new(),
                };
                self.shown.set(shown);
                self.pending.set(false);
                later
            }
            Ok(Step::Fetch(paths)) => {
                self.pending.set(true);
                paths
            }
        };
        for path in wanted {
            // In flight by address: the same path of another build is another file.
            let url = format!("{}{path}", self.files);
            if self.inflight.borrow().contains(&url) {
                continue;
            }
            self.inflight.borrow_mut().push(url.clone());
            let driver = self.clone();
            yew::platform::spawn_local(async move {
                let result = platform::fetch_bytes(&url, false)
                    .await
                    .and_then(|bytes| driver.archive.add(&path, &bytes));
                driver.inflight.borrow_mut().retain(|u| *u != url);
                // Whoever is current now asks again (or hears of the failure).
                let current = driver.current.borrow().clone();
                let Some(current) = current else {
                    return;
                };
                match result {
                    Ok(()) => current.run(),
                    // A file of a build the view has already left: the current one asks again.
                    Err(_) if !Rc::ptr_eq(&current.archive, &driver.archive) => current.run(),
                    // A file that cannot be had may be one a deploy has since removed: when
                    // the manifest names another build now, the view moves to it instead of
                    // failing.
                    Err(error) => {
                        let build = &driver.archive.manifest.layout.build;
                        match newer_build(&driver.base, build).await {
                            Some(newer) => current.renew.emit(newer),
                            None => current.fail(error),
                        }
                    }
                }
            });
        }
    }

    fn fail(&self, error: Error) {
        self.shown.set(Shown::Failed(error));
        self.pending.set(false);
    }
}

/// How long a packed archive's manifest is trusted before a new view asks the server again
/// whether a newer build is out (a deploy): the view is shown from the build at hand meanwhile,
/// and again from the newer one when there is one.
#[cfg(feature = "packed")]
const RECHECK_MS: f64 = 60_000.0;

#[cfg(feature = "packed")]
/// Whether data shown belongs to the route (a list's data serves any list while the next loads).
fn fits(shown: &Shown, route: &Route) -> bool {
    match (shown, route) {
        (Shown::List(_), Route::List(_)) => true,
        (Shown::Article(view), Route::Article { id }) => view.article.id == *id,
        (Shown::Missing, Route::Article { .. } | Route::Unknown { .. }) => true,
        (Shown::Failed(_), _) => true,
        _ => false,
    }
}

/// See the module documentation.
#[hook]
pub fn use_view(
    library: Option<&Library>,
    route: &Route,
    page_size: usize,
    #[cfg_attr(not(feature = "packed"), allow(unused_variables))] renew: Callback<
        super::data::LoadedData,
    >,
) -> ViewData {
    let library = library.cloned();
    #[cfg(feature = "whole")]
    let whole = use_whole(library.as_ref(), route, page_size);
    #[cfg(feature = "packed")]
    let (packed, pending, retry) = use_packed(library.as_ref(), route, page_size, renew);
    #[cfg(not(feature = "packed"))]
    let (pending, retry) = (false, Callback::noop());
    let shown = match &library {
        None => Shown::Loading,
        #[cfg(feature = "whole")]
        Some(Library::Whole(_)) => whole,
        #[cfg(feature = "packed")]
        Some(Library::Packed { .. }) => packed,
    };
    ViewData {
        shown,
        pending,
        retry,
    }
}

/// A whole catalogue's view, made as the view renders.
#[cfg(feature = "whole")]
#[hook]
fn use_whole(library: Option<&Library>, route: &Route, page_size: usize) -> Shown {
    let catalogue = match library {
        Some(Library::Whole(catalogue)) => Some(catalogue.clone()),
        _ => None,
    };
    let request = match route {
        Route::List(state) => Some(state.request()),
        _ => None,
    };
    // The first query with characters beyond ASCII fetches the folding table (traditional
    // Chinese as simplified); it is searched at once, and again as the table arrives.
    let folded = use_state_eq(folio_core::variants::loaded);
    let fold = !*folded && request.as_ref().is_some_and(|r| !r.q.is_ascii());
    use_effect_with(fold, move |&fold| {
        if fold {
            yew::platform::spawn_local(async move {
                crate::platform::fold_table().await;
                folded.set(folio_core::variants::loaded());
            });
        }
    });
    // Searching once per request: paging through results does not search again.
    let results = use_memo(
        (catalogue.clone(), request, fold),
        |(catalogue, request, _)| Some(catalogue.as_ref()?.index().run(request.as_ref()?)),
    );
    // An article's view is made once, not at every render of the viewer around it (each
    // would clone the article).
    let article = match route {
        Route::Article { id } => Some(id.clone()),
        _ => None,
    };
    let article = use_memo((catalogue.clone(), article), |(catalogue, id)| {
        let view = catalogue.as_ref()?.article_view(id.as_ref()?, RELATED);
        Some(view.map(Rc::new))
    });
    let Some(catalogue) = catalogue else {
        return Shown::Loading;
    };
    match route {
        Route::List(state) => match results.as_ref() {
            Some(results) => {
                Shown::List(Rc::new(catalogue.page_of(results, state.page, page_size)))
            }
            None => Shown::Loading,
        },
        Route::Article { .. } => match article.as_ref() {
            Some(Some(view)) => Shown::Article(view.clone()),
            _ => Shown::Missing,
        },
        Route::Unknown { .. } => Shown::Missing,
    }
}

/// A packed archive's view: what the latest driver found (`Loading` until it fits the route),
/// whether files are on the way, and a retry.
#[cfg(feature = "packed")]
#[hook]
fn use_packed(
    library: Option<&Library>,
    route: &Route,
    page_size: usize,
    renew: Callback<LoadedData>,
) -> (Shown, bool, Callback<()>) {
    let library = library.cloned();
    let packed = use_state_eq(|| Shown::Loading);
    let pending = use_state_eq(|| false);
    let attempt = use_state_eq(|| 0_u32);
    let inflight = use_mut_ref(Vec::<String>::new);
    let current = use_mut_ref(|| None::<Rc<Driver>>);
    let checked = use_mut_ref(platform::now_ms);
    {
        let (packed, pending) = (packed.clone(), pending.clone());
        use_effect_with(
            (library.clone(), route.clone(), page_size, *attempt),
            move |(library, route, page_size, _)| {
                let Some(Library::Packed { archive, base }) = library else {
                    return;
                };
                let page_size = *page_size;
                let ask: Ask = match route.clone() {
                    Route::List(state) => {
                        let request = state.request();
                        Box::new(move |archive: &Archive| {
                            Ok(match archive.list(&request, state.page, page_size)? {
                                Step::Ready(page) => Step::Ready(Shown::List(Rc::new(page))),
                                Step::Fetch(files) => Step::Fetch(files),
                            })
                        })
                    }
                    Route::Article { id } if super::ARTICLES => {
                        Box::new(move |archive: &Archive| {
                            Ok(match archive.article(&id)? {
                                Step::Ready(Some(view)) => {
                                    Step::Ready(Shown::Article(Rc::new(view)))
                                }
                                Step::Ready(None) => Step::Ready(Shown::Missing),
                                Step::Fetch(files) => Step::Fetch(files),
                            })
                        })
                    }
                    Route::Article { .. } | Route::Unknown { .. } => {
                        Box::new(|_: &Archive| Ok(Step::Ready(Shown::Missing)))
                    }
                };
                let files = format!("{base}{}", archive.manifest.layout.folder());
                let driver = Rc::new(Driver {
                    archive: archive.clone(),
                    base: base.clone(),
                    files: files.into(),
                    renew: renew.clone(),
                    ask,
                    shown: packed,
                    pending,
                    inflight,
                    current: current.clone(),
                });
                *current.borrow_mut() = Some(driver.clone());
                driver.run();
                // A minute after the manifest was last read, a new view asks for it again.
                let now = platform::now_ms();
                if now - *checked.borrow() > RECHECK_MS {
                    *checked.borrow_mut() = now;
                    let (base, build) = (base.clone(), archive.manifest.layout.build.clone());
                    yew::platform::spawn_local(async move {
                        if let Some(newer) = newer_build(&base, &build).await {
                            renew.emit(newer);
                        }
                    });
                }
            },
        );
    }
    let retry = use_callback(attempt.clone(), |(), attempt| attempt.set(**attempt + 1));
    let shown = if fits(&packed, route) {
        (*packed).clone()
    } else {
        Shown::Loading
    };
    (shown, *pending, retry)
}
