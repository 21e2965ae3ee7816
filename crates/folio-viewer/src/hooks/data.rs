//! Loading the articles: from a URL (fetched as bytes, so a file in another encoding is named,
//! not garbled) naming a data file or a packed archive (its folder or manifest), from text in
//! the page, or already parsed (hydration). A packed archive loads its manifest here; views
//! fetch the rest as they need it ([`super::use_view`]).

use std::rc::Rc;

#[cfg(feature = "packed")]
use folio_core::archive::reader::Archive;
#[cfg(feature = "whole")]
use folio_core::catalogue::SharedCatalogue;
#[cfg(feature = "whole")]
use folio_core::load::{self, Loaded};
use folio_core::problem::Problem;
use folio_core::Error;
use yew::prelude::*;

#[cfg(feature = "packed")]
use crate::library::archive_base;
use crate::library::Library;
use crate::platform;

/// Loaded data, shared: compares by identity, so props holding it stay cheap to compare.
#[derive(Clone, Debug)]
pub struct LoadedData {
    /// The articles and channels.
    pub library: Library,
    /// What was skipped or ignored on the way, in file order.
    pub problems: Rc<[Problem]>,
}

impl PartialEq for LoadedData {
    fn eq(&self, other: &Self) -> bool {
        self.library == other.library && Rc::ptr_eq(&self.problems, &other.problems)
    }
}

#[cfg(feature = "whole")]
impl From<Loaded> for LoadedData {
    fn from(loaded: Loaded) -> Self {
        LoadedData {
            library: Library::Whole(SharedCatalogue(Rc::new(loaded.catalogue))),
            problems: loaded.problems.into(),
        }
    }
}

/// Opens the packed archive at `base` from its manifest (asked of the server past any cache
/// when `fresh`).
#[cfg(feature = "packed")]
async fn open_archive(base: &str, fresh: bool) -> Result<LoadedData, Error> {
    let manifest = format!("{base}{}", folio_core::archive::MANIFEST);
    let archive = Archive::open(&platform::fetch_bytes(&manifest, fresh).await?)?;
    Ok(LoadedData {
        problems: archive.manifest.problems.clone().into(),
        library: Library::Packed {
            archive: Rc::new(archive),
            base: base.into(),
        },
    })
}

/// Fetches a data file, or a packed archive's manifest.
async fn fetch(url: &str) -> Result<LoadedData, Error> {
    #[cfg(feature = "packed")]
    if let Some(base) = archive_base(url) {
        return open_archive(base, false).await;
    }
    #[cfg(feature = "whole")]
    return platform::fetch_bytes(url, false)
        .await
        .and_then(load::load_owned)
        .map(LoadedData::from);
    // This build reads packed archives only.
    #[cfg(not(feature = "whole"))]
    Err(Error::NotArchive {
        url: url.to_owned(),
    })
}

/// The archive at `base` as its manifest now names it, asked of the server past any cache, when
/// that is another build than `build` (a deploy happened since; build ids have no order, so the
/// manifest's word is taken); `None` when it is the same build or cannot be read.
#[cfg(feature = "packed")]
pub async fn newer_build(base: &str, build: &str) -> Option<LoadedData> {
    let data = open_archive(base, true).await.ok()?;
    match &data.library {
        Library::Packed { archive, .. } if archive.manifest.layout.build != build => Some(data),
        _ => None,
    }
}

/// Where the articles come from.
#[derive(Clone, Debug, PartialEq)]
pub enum DataSource {
    /// A URL to fetch, relative to the page: a data file, or a packed archive's folder (ending
    /// in `/`) or `manifest.json`.
    Url(AttrValue),
    /// The JSON text itself (tests, single-file builds, server rendering).
    #[cfg(feature = "whole")]
    Inline(Rc<str>),
    /// Data already loaded (the standalone page reads it before hydrating its first view).
    #[cfg(feature = "whole")]
    Loaded(LoadedData),
}

/// The state of the data.
#[derive(Clone, Debug, PartialEq)]
pub enum DataState {
    /// Still fetching.
    Loading,
    /// Nothing can be shown: the file could not be fetched, decoded or read.
    Failed(Error),
    /// Loaded.
    Ready(LoadedData),
}

impl DataState {
    fn from_result(result: Result<LoadedData, Error>) -> DataState {
        match result {
            Ok(loaded) => DataState::Ready(loaded),
            Err(error) => DataState::Failed(error),
        }
    }

    /// The state a source gives without fetching: loaded for text and parsed data (the same
    /// natively and in the browser, so server rendering and hydration agree), loading for a URL.
    fn immediate(source: &DataSource) -> DataState {
        match source {
            DataSource::Url(_) => DataState::Loading,
            #[cfg(feature = "whole")]
            DataSource::Inline(text) => {
                DataState::from_result(load::load(text).map(LoadedData::from))
            }
            #[cfg(feature = "whole")]
            DataSource::Loaded(data) => DataState::Ready(data.clone()),
        }
    }
}

/// Loads and validates the data whenever the source changes, and returns it with a callback
/// that fetches it again (the retry button of a failed fetch) and one that replaces it (a newer
/// build of a packed archive). A response for a source that has since been replaced is dropped.
#[hook]
pub fn use_data(source: &DataSource) -> (DataState, Callback<()>, Callback<LoadedData>) {
    let state = use_state_eq(|| DataState::immediate(source));
    let attempt = use_state_eq(|| 0_u32);
    let generation = use_mut_ref(|| 0_u64);
    let first = use_mut_ref(|| true);
    {
        let state = state.clone();
        use_effect_with((source.clone(), *attempt), move |(source, _)| {
            *generation.borrow_mut() += 1;
            let current = *generation.borrow();
            #[cfg_attr(not(feature = "whole"), allow(unused_variables))]
            let first = first.replace(false);
            match source.clone() {
                // The initialiser already holds what text and parsed data give.
                #[cfg(feature = "whole")]
                DataSource::Inline(_) | DataSource::Loaded(_) if first => {}
                #[cfg(feature = "whole")]
                DataSource::Inline(_) | DataSource::Loaded(_) => {
                    state.set(DataState::immediate(source))
                }
                DataSource::Url(url) => {
                    state.set(DataState::Loading);
                    yew::platform::spawn_local(async move {
                        let next = DataState::from_result(fetch(&url).await);
                        // Reading the data and rendering it are two tasks, not one long one.
                        platform::next_task().await;
                        if *generation.borrow() == current {
                            state.set(next);
                        }
                    });
                }
            }
        });
    }
    let retry = use_callback(attempt.clone(), |(), attempt| attempt.set(**attempt + 1));
    // Only another build of the archive on screen replaces it: not data of a source since
    // replaced, and not the same build found twice (its files would be fetched again). Several
    // failed files of a pruned build each report the newer build, through callbacks made
    // before it was taken: the last build taken is remembered here, not in their snapshots.
    let taken = use_mut_ref(|| None::<(Rc<str>, String)>);
    let replace = use_callback(state.clone(), move |data: LoadedData, state| {
        #[cfg(feature = "packed")]
        if let (
            DataState::Ready(LoadedData {
                library: Library::Packed { archive, base },
                ..
            }),
            Library::Packed {
                archive: newer,
                base: newer_base,
            },
        ) = (&**state, &data.library)
        {
            let build = &newer.manifest.layout.build;
            let known = taken
                .borrow()
                .as_ref()
                .is_some_and(|(at, taken)| at == newer_base && taken == build);
            if base == newer_base && archive.manifest.layout.build != *build && !known {
                *taken.borrow_mut() = Some((newer_base.clone(), build.clone()));
                state.set(DataState::Ready(data));
            }
        }
        #[cfg(not(feature = "packed"))]
        let _ = (data, state, &taken);
    });
    ((*state).clone(), retry, replace)
}
