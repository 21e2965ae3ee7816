//! Islands: the parts of a built page that need code. A page `folio build` writes is a whole
//! document (it reads, links and paginates without JavaScript); only these parts become
//! interactive, each on its own, hydrated from the props written beside it — no data file, no
//! view to recompute, no whole-page hydration.
//!
//! The page's contract is this type: the build renders each island inside the viewer's HTML as
//! an element whose `data-folio-island` holds the island as JSON ([`Island::html`]); the island
//! Wasm (`folio-islands`, `src/islands_main.rs`) reads every such element back into an
//! [`Island`] and hydrates its component with the same props ([`hydrate_all`]), so both sides
//! render the same tree by construction.

use std::rc::Rc;

use folio_core::i18n::Lang;
use folio_core::share::Target;
use serde::{Deserialize, Serialize};
use yew::prelude::*;

use super::not_found::MissingPath;
use super::reader_settings::ReaderSettings;
use super::reading_progress::ReadingProgress;
use super::share_bar::{ShareBar, ShareBarProps};

/// The attribute that marks an island and holds its props.
pub const ATTRIBUTE: &str = "data-folio-island";

/// One island of a built page, with everything it renders from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Island {
    /// 分享到: the share bar of an article (QR dialog, copy, system share sheet, print).
    Share {
        /// The article's canonical address.
        url: String,
        /// Its title.
        title: String,
        /// Its summary.
        summary: String,
        /// The page's language tag.
        lang: String,
        /// Share target keys, in order, comma-separated.
        targets: String,
    },
    /// 阅读设置: theme and text size, remembered, applied to the page.
    Settings {
        /// The page's language tag.
        lang: String,
    },
    /// 朗读: reads the article aloud (feature `speech`).
    Read {
        /// The page's language tag.
        lang: String,
    },
    /// The reading progress bar of an article.
    Progress {
        /// The page's language tag.
        lang: String,
    },
    /// The not-found page's detail, naming the address it was served at.
    Missing {
        /// The page's language tag.
        lang: String,
    },
}

/// A language tag back to the language (the default for one Folio does not know).
fn lang(tag: &str) -> Lang {
    Lang::from_tag(tag).unwrap_or_default()
}

impl Island {
    /// The share bar's island.
    pub fn share(props: &ShareBarProps) -> Island {
        Island::Share {
            url: props.url.to_string(),
            title: props.title.to_string(),
            summary: props.summary.to_string(),
            lang: props.lang.tag().to_owned(),
            targets: props
                .targets
                .iter()
                .map(|t| t.key())
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    fn share_props(&self) -> Option<ShareBarProps> {
        match self {
            Island::Share {
                url,
                title,
                summary,
                lang: tag,
                targets,
            } => Some(ShareBarProps {
                url: url.clone().into(),
                title: title.clone().into(),
                summary: summary.clone().into(),
                lang: lang(tag),
                targets: Rc::from(Target::parse_list(targets).0),
                on_share: None,
                built: true,
            }),
            _ => None,
        }
    }

    /// The island's component with its props.
    fn component(&self) -> Html {
        match self {
            Island::Share { .. } => match self.share_props() {
                Some(props) => html! { <ShareBar ..props /> },
                None => Html::default(),
            },
            Island::Settings { lang: tag } => html! { <ReaderSettings lang={lang(tag)} /> },
            Island::Progress { lang: tag } => html! { <ReadingProgress lang={lang(tag)} /> },
            #[cfg(any(feature = "speech", not(target_arch = "wasm32")))]
            Island::Read { lang: tag } => {
                use super::read_aloud::ReadAloud;
                html! { <ReadAloud lang={lang(tag)} /> }
            }
            #[cfg(not(any(feature = "speech", not(target_arch = "wasm32"))))]
            Island::Read { .. } => Html::default(),
            Island::Missing { lang: tag } => html! { <MissingPath lang={lang(tag)} /> },
        }
    }

    /// The island as the page holds it: its element, marked with its props, around its
    /// component.
    pub fn html(&self) -> Html {
        let props = serde_json::to_string(self).unwrap_or_default();
        html! {
            <div class="folio-island" data-folio-island={props}>{ self.component() }</div>
        }
    }

    /// Takes over the island's HTML in `root` (its element).
    #[cfg(feature = "hydration")]
    pub fn hydrate(&self, root: web_sys::Element) {
        use super::not_found::MissingPathProps;
        use super::reader_settings::ReaderSettingsProps;
        use super::reading_progress::ReadingProgressProps;

        fn take_over<C>(root: web_sys::Element, props: C::Properties)
        where
            C: BaseComponent,
        {
            // The island lives as long as the page.
            std::mem::forget(yew::Renderer::<C>::with_root_and_props(root, props).hydrate());
        }
        match self {
            Island::Share { .. } => {
                if let Some(props) = self.share_props() {
                    take_over::<ShareBar>(root, props);
                }
            }
            Island::Settings { lang: tag } => {
                take_over::<ReaderSettings>(root, ReaderSettingsProps { lang: lang(tag) })
            }
            Island::Progress { lang: tag } => {
                take_over::<ReadingProgress>(root, ReadingProgressProps { lang: lang(tag) })
            }
            #[cfg(feature = "speech")]
            Island::Read { lang: tag } => {
                use super::read_aloud::{ReadAloud, ReadAloudProps};
                take_over::<ReadAloud>(root, ReadAloudProps { lang: lang(tag) })
            }
            // A build without speech leaves the control as the page's HTML.
            #[cfg(not(feature = "speech"))]
            Island::Read { .. } => {}
            Island::Missing { lang: tag } => {
                take_over::<MissingPath>(root, MissingPathProps { lang: lang(tag) })
            }
        }
    }
}

/// Hydrates every island of the document; returns how many. An element whose props cannot be
/// read (a page of another Folio version, a hand edit) is named in the console and left as the
/// HTML it is: the page still reads, and the other islands still work.
#[cfg(feature = "hydration")]
pub fn hydrate_all(document: &web_sys::Document) -> usize {
    use wasm_bindgen::JsCast;

    let Ok(found) = document.query_selector_all(&format!("[{ATTRIBUTE}]")) else {
        return 0;
    };
    let mut hydrated = 0;
    for at in 0..found.length() {
        let Some(element) = found
            .item(at)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let text = element.get_attribute(ATTRIBUTE).unwrap_or_default();
        match serde_json::from_str::<Island>(&text) {
            Ok(island) => {
                island.hydrate(element);
                hydrated += 1;
            }
            Err(error) => {
                gloo::console::warn!(format!("Folio: island {at} not hydrated: {error}: {text}"))
            }
        }
    }
    hydrated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn props_round_trip_through_the_page() {
        let props = ShareBarProps {
            url: "https://news.example.cn/article/a/".into(),
            title: "聊城\"实施\"</div>".into(),
            summary: "s".into(),
            lang: Lang::En,
            targets: Rc::from(vec![Target::WeChat, Target::Copy]),
            on_share: None,
            built: true,
        };
        let island = Island::share(&props);
        let text = serde_json::to_string(&island).unwrap();
        let back: Island = serde_json::from_str(&text).unwrap();
        assert_eq!(back, island);
        assert!(back.share_props() == Some(props));
        assert!(serde_json::from_str::<Island>(r#"{"kind":"nothing"}"#).is_err());
    }
}
