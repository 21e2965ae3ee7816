//! Where the viewer's articles live: a whole catalogue in memory (a data file), or a packed
//! archive read a view at a time. Views ask both the same questions: the site and the channel
//! tree here, lists and articles through [`crate::hooks::use_view`].

#[cfg(feature = "packed")]
use std::rc::Rc;

#[cfg(feature = "packed")]
use folio_core::archive::reader::Archive;
#[cfg(feature = "whole")]
use folio_core::catalogue::SharedCatalogue;
use folio_core::model::{channel_path, Channel, Site};

/// The articles a viewer shows. Compares by identity, so props holding it stay cheap.
#[derive(Clone, Debug)]
pub enum Library {
    /// A data file, loaded and indexed whole.
    #[cfg(feature = "whole")]
    Whole(SharedCatalogue),
    /// A packed archive: its manifest, and the address its files are fetched from.
    #[cfg(feature = "packed")]
    Packed {
        /// The archive read so far.
        archive: Rc<Archive>,
        /// The archive folder's address, ending in `/`.
        base: Rc<str>,
    },
}

impl PartialEq for Library {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            #[cfg(feature = "whole")]
            (Library::Whole(a), Library::Whole(b)) => a == b,
            #[cfg(feature = "packed")]
            (Library::Packed { archive: a, .. }, Library::Packed { archive: b, .. }) => {
                Rc::ptr_eq(a, b)
            }
            #[cfg(all(feature = "packed", feature = "whole"))]
            _ => false,
        }
    }
}

impl Library {
    /// The site.
    pub fn site(&self) -> &Site {
        match self {
            #[cfg(feature = "whole")]
            Library::Whole(catalogue) => catalogue.site(),
            #[cfg(feature = "packed")]
            Library::Packed { archive, .. } => &archive.manifest.site,
        }
    }

    /// Every channel, in file order.
    pub fn channels(&self) -> &[Channel] {
        match self {
            #[cfg(feature = "whole")]
            Library::Whole(catalogue) => catalogue.channels(),
            #[cfg(feature = "packed")]
            Library::Packed { archive, .. } => &archive.manifest.channels,
        }
    }

    /// The channel with this id.
    pub fn channel(&self, id: &str) -> Option<&Channel> {
        self.channels().iter().find(|c| c.id == id)
    }

    /// Top-level channels, in file order.
    pub fn top_channels(&self) -> impl Iterator<Item = &Channel> {
        self.channels().iter().filter(|c| c.parent.is_none())
    }

    /// Direct children of a channel, in file order.
    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Channel> + 'a {
        self.channels()
            .iter()
            .filter(move |c| c.parent.as_deref() == Some(id))
    }

    /// The path from the top-level channel down to `id` (breadcrumb order).
    pub fn channel_path(&self, id: &str) -> Vec<&Channel> {
        channel_path(self.channels(), id)
    }
}

#[cfg(feature = "packed")]
/// The archive address a data source names, when it names a packed archive: a folder (ending
/// in `/`) or its `manifest.json`. Returns the folder's address, ending in `/`.
pub fn archive_base(url: &str) -> Option<&str> {
    if url.ends_with('/') {
        Some(url)
    } else {
        url.strip_suffix(folio_core::archive::MANIFEST)
            .filter(|base| base.is_empty() || base.ends_with('/'))
    }
}

#[cfg(all(test, feature = "packed"))]
mod tests {
    use super::archive_base;

    #[test]
    fn archives_are_folders_or_manifests() {
        assert_eq!(archive_base("archive/"), Some("archive/"));
        assert_eq!(
            archive_base("/a/archive/manifest.json"),
            Some("/a/archive/")
        );
        assert_eq!(archive_base("manifest.json"), Some(""));
        assert_eq!(archive_base("articles.json"), None);
        assert_eq!(archive_base("my-manifest.json"), None);
    }
}
