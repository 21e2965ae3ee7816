//! An in-viewer link: a real `<a href="#/...">` (middle-click and "copy link" work), whose plain
//! left click is handled by the viewer so the view changes without a `hashchange` round trip.

use yew::prelude::*;

use super::use_viewer;
use folio_core::route::Route;

/// Props of [`Link`].
#[derive(Properties, PartialEq)]
pub struct LinkProps {
    /// The view to open.
    pub to: Route,
    /// Extra classes.
    #[prop_or_default]
    pub class: Classes,
    /// `aria-current`, for the link of the view being shown.
    #[prop_or_default]
    pub current: Option<AttrValue>,
    /// Accessible name when the content is not enough.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// The link content.
    #[prop_or_default]
    pub children: Html,
}

/// See the module documentation.
#[component]
pub fn Link(props: &LinkProps) -> Html {
    let viewer = use_viewer();
    let onclick = {
        let to = props.to.clone();
        Callback::from(move |event: MouseEvent| {
            // Leave modified clicks (new tab, new window, download) to the browser.
            if event.button() != 0
                || event.ctrl_key()
                || event.meta_key()
                || event.shift_key()
                || event.alt_key()
            {
                return;
            }
            event.prevent_default();
            viewer.navigator.go(to.clone());
        })
    };
    html! {
        <a href={props.to.to_hash()} class={props.class.clone()} {onclick}
           aria-current={props.current.clone()} aria-label={props.label.clone()}>
            { props.children.clone() }
        </a>
    }
}
