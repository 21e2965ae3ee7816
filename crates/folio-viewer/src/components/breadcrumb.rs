//! 您所在的位置:site > channel > column, each a link, as on the portal's article pages.

use yew::prelude::*;

use super::link::Link;
use super::use_viewer;
use folio_core::i18n::Msg;
use folio_core::route::Route;

/// Props of [`Breadcrumb`].
#[derive(Properties, PartialEq)]
pub struct BreadcrumbProps {
    /// The channel whose path is shown.
    pub channel: AttrValue,
    /// True when the breadcrumb's last step is the page itself (a channel list).
    #[prop_or_default]
    pub last_is_current: bool,
}

/// See the module documentation.
#[component]
pub fn Breadcrumb(props: &BreadcrumbProps) -> Html {
    let viewer = use_viewer();
    let path = viewer.catalogue.channel_path(&props.channel);
    let last = path.len().saturating_sub(1);
    let steps = path.iter().enumerate().map(|(i, channel)| {
        let current = (props.last_is_current && i == last).then(|| AttrValue::from("page"));
        html! {
            <li key={channel.id.clone()} class="folio-breadcrumb__step">
                <Link to={Route::channel(&channel.id)} {current}>{ &channel.name }</Link>
            </li>
        }
    });
    html! {
        <nav class="folio-breadcrumb" aria-label={viewer.t(Msg::YouAreHere).trim_end_matches([':', ':', ' '])}>
            <span class="folio-breadcrumb__prefix">{ viewer.t(Msg::YouAreHere) }</span>
            <ol class="folio-breadcrumb__list">
                <li class="folio-breadcrumb__step">
                    <Link to={Route::default()}>{ &viewer.catalogue.site().name }</Link>
                </li>
                { for steps }
            </ol>
        </nav>
    }
}
