//! The data file as it comes, typed just enough to validate it: each field is read as the type
//! the loader expects, or noted as absent, `null` or of another type. Values of another type are
//! skipped over without being built (`IgnoredAny`), so reading never builds a tree of the whole
//! file: memory follows what is kept, and the Wasm carries no generic JSON value type.

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

/// A field as found: the expected type, `null`, or anything else.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Field<T> {
    /// Not in the object.
    #[default]
    Absent,
    /// `null`.
    Null,
    /// A value of the expected type.
    Value(T),
    /// A value of another JSON type (not kept).
    Other,
}

impl<T> Field<T> {
    /// The value, when one of the expected type is there.
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(value) => Some(value),
            _ => None,
        }
    }
}

/// Something a JSON value is read into. Reading goes through this one trait object, so the JSON
/// parser's code exists once in the Wasm, not once per field type.
pub trait Target {
    /// A string came.
    fn string(&mut self, _text: &str) {
        self.other();
    }
    /// A whole number of zero or more came.
    fn count(&mut self, _n: u64) {
        self.other();
    }
    /// `null` came.
    fn null(&mut self);
    /// A value of a type this target does not take came.
    fn other(&mut self);
    /// A list starts; false when this target does not take lists.
    fn begin_list(&mut self) -> bool {
        false
    }
    /// The target of the list's next item (the item is added now and removed again by
    /// [`Target::drop_item`] when the list turns out to have ended).
    fn item(&mut self) -> &mut dyn Target {
        unreachable!("item() is only called after begin_list() returned true")
    }
    /// Removes the item added last.
    fn drop_item(&mut self) {}
    /// An object starts; false when this target does not take objects.
    fn begin_object(&mut self) -> bool {
        false
    }
    /// The target of a key of the object; `None` for a key this type does not know, which it
    /// notes (the value is skipped).
    fn field(&mut self, _key: &str) -> Option<&mut dyn Target> {
        None
    }
}

impl Target for Field<String> {
    fn string(&mut self, text: &str) {
        *self = Field::Value(text.to_owned());
    }
    fn null(&mut self) {
        *self = Field::Null;
    }
    fn other(&mut self) {
        *self = Field::Other;
    }
}

impl Target for Field<u64> {
    fn count(&mut self, n: u64) {
        *self = Field::Value(n);
    }
    fn null(&mut self) {
        *self = Field::Null;
    }
    fn other(&mut self) {
        *self = Field::Other;
    }
}

impl<T> Target for Field<Vec<Field<T>>>
where
    Field<T>: Target,
{
    fn null(&mut self) {
        *self = Field::Null;
    }
    fn other(&mut self) {
        *self = Field::Other;
    }
    fn begin_list(&mut self) -> bool {
        *self = Field::Value(Vec::new());
        true
    }
    fn item(&mut self) -> &mut dyn Target {
        let Field::Value(items) = self else {
            unreachable!("begin_list() made this a list");
        };
        items.push(Field::Absent);
        let last = items.len() - 1;
        &mut items[last]
    }
    fn drop_item(&mut self) {
        if let Field::Value(items) = self {
            items.pop();
        }
    }
}

/// Reads one JSON value into a [`Target`].
pub struct Seed<'t>(pub &'t mut dyn Target);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.0.other();
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.0.other();
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<(), E> {
        self.0.count(n);
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.0.other();
        Ok(())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.0.string(text);
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.null();
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.null();
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.0.begin_list() {
            while seq.next_element_seed(Seed(self.0.item()))?.is_some() {}
            // The last item was added for an element that did not come.
            self.0.drop_item();
        } else {
            self.0.other();
            while seq.next_element::<IgnoredAny>()?.is_some() {}
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let known = self.0.begin_object();
        if !known {
            self.0.other();
        }
        while let Some(Key(key)) = map.next_key::<Key>()? {
            match known.then(|| self.0.field(&key)).flatten() {
                Some(target) => map.next_value_seed(Seed(target))?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// An object key, borrowed from the text when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(key)))
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads JSON text into a field of type `T`: `Other` unless the text holds one.
pub fn read<T>(text: &str) -> Result<Field<T>, serde_json::Error>
where
    Field<T>: Target,
{
    let mut field: Field<T> = Field::Absent;
    read_into(text, &mut field)?;
    Ok(field)
}

/// Reads JSON text into any target.
pub fn read_into(text: &str, target: &mut dyn Target) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    Seed(target).deserialize(&mut deserializer)?;
    deserializer.end()
}

/// Defines an object type read field by field: its known fields (each a [`Field`] of the given
/// type) and, in order, the keys it does not know.
macro_rules! object {
    ($(#[$doc:meta])* $name:ident { $($field:ident: $key:literal => $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct $name {
            $(
                #[doc = concat!("`", $key, "`")]
                pub $field: Field<$ty>,
            )*
            /// Keys Folio does not know, in file order.
            pub unknown: Vec<String>,
        }

        impl Target for Field<$name> {
            fn null(&mut self) {
                *self = Field::Null;
            }
            fn other(&mut self) {
                *self = Field::Other;
            }
            fn begin_object(&mut self) -> bool {
                *self = Field::Value($name::default());
                true
            }
            fn field(&mut self, key: &str) -> Option<&mut dyn Target> {
                let Field::Value(object) = self else {
                    return None;
                };
                match key {
                    $($key => Some(&mut object.$field),)*
                    _ => {
                        object.unknown.push(key.to_owned());
                        None
                    }
                }
            }
        }
    };
}
pub(crate) use object;

object! {
    /// The `site` object.
    RawSite {
        name: "name" => String,
        url: "url" => String,
        copyright: "copyright" => String,
    }
}

object! {
    /// One entry of `channels`.
    RawChannel {
        id: "id" => String,
        name: "name" => String,
        parent: "parent" => String,
    }
}

object! {
    /// One entry of an article's `authors`.
    RawAuthor {
        name: "name" => String,
        role: "role" => String,
    }
}

object! {
    /// One block of an article's `body`; which fields count depends on its `type`.
    RawBlock {
        kind: "type" => String,
        text: "text" => String,
        src: "src" => String,
        alt: "alt" => String,
        caption: "caption" => String,
        cite: "cite" => String,
    }
}

object! {
    /// One entry of `articles`.
    RawArticle {
        id: "id" => String,
        title: "title" => String,
        subtitle: "subtitle" => String,
        channel: "channel" => String,
        published: "published" => String,
        source: "source" => String,
        views: "views" => u64,
        editor: "editor" => String,
        authors: "authors" => Vec<Field<RawAuthor>>,
        summary: "summary" => String,
        body: "body" => Vec<Field<RawBlock>>,
        tags: "tags" => Vec<Field<String>>,
        related: "related" => Vec<Field<String>>,
    }
}

object! {
    /// The whole file.
    RawFile {
        site: "site" => RawSite,
        channels: "channels" => Vec<Field<RawChannel>>,
        articles: "articles" => Vec<Field<RawArticle>>,
    }
}
