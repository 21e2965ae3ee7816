//! The JSON files of a packed archive (the manifest besides its `site` and `channels`, the
//! `text/` files' links, `ids/` buckets, `rows/names.json`), read by the data file's lenient
//! reader ([`crate::load::raw`]).

use crate::load::raw::{object, Field, Target};

object! {
    /// A facet value with its count.
    RawCount {
        value: "v" => String,
        n: "n" => u64,
    }
}

object! {
    /// A manifest's facet counts.
    RawFacets {
        channels: "channels" => Vec<Field<RawCount>>,
        sources: "sources" => Vec<Field<RawCount>>,
        tags: "tags" => Vec<Field<RawCount>>,
        months: "months" => Vec<Field<RawCount>>,
    }
}

object! {
    /// A packed archive's manifest, besides its `site` and `channels`.
    RawManifest {
        format: "format" => String,
        version: "version" => Vec<Field<u64>>,
        build: "build" => String,
        articles: "articles" => u64,
        chunk: "chunk" => u64,
        rows: "rows" => u64,
        shards: "shards" => u64,
        buckets: "buckets" => u64,
        problems: "problems" => u64,
        facets: "facets" => RawFacets,
    }
}

object! {
    /// A link to another article in a `text/` file.
    RawLink {
        id: "id" => String,
        title: "title" => String,
        published: "published" => String,
    }
}

object! {
    /// An article's links in a `text/` file.
    RawLinks {
        older: "older" => RawLink,
        newer: "newer" => RawLink,
        related: "related" => Vec<Field<RawLink>>,
    }
}

object! {
    /// A `text/` file's links (its articles are read as a data file's).
    RawText {
        links: "links" => Vec<Field<RawLinks>>,
    }
}

object! {
    /// An `ids/` bucket: ids and, at the same places, their numbers.
    RawBucket {
        ids: "ids" => Vec<Field<String>>,
        at: "at" => Vec<Field<u64>>,
    }
}

object! {
    /// `rows/names.json`: the tables of sources and tags.
    RawNames {
        sources: "sources" => Vec<Field<String>>,
        tags: "tags" => Vec<Field<String>>,
    }
}
