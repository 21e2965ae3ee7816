//! A reading progress bar for the article view: how far the article has been scrolled through.

use folio_core::i18n::{Lang, Msg};
use gloo::events::EventListener;
use gloo::utils::window;
use yew::prelude::*;

/// Props of [`ReadingProgress`].
#[derive(Properties, PartialEq, Clone)]
pub struct ReadingProgressProps {
    /// Interface language.
    pub lang: Lang,
}

/// The article element a progress bar measures: the `.folio-article` of the article view
/// (`.folio-detail`) the bar stands in, found from the bar itself, so the bar needs nothing
/// from its parent and works as an island of a built page too.
const ARTICLE: &str = ".folio-article";

/// Percent of `height` scrolled past, given the element's top relative to the viewport.
pub fn percent_read(top: f64, height: f64, viewport: f64) -> u8 {
    let scrollable = height - viewport;
    if scrollable <= 0.0 {
        return if top <= 0.0 { 100 } else { 0 };
    }
    ((-top / scrollable).clamp(0.0, 1.0) * 100.0).round() as u8
}

/// See the module documentation.
#[component]
pub fn ReadingProgress(props: &ReadingProgressProps) -> Html {
    let percent = use_state_eq(|| 0u8);
    let bar = use_node_ref();
    {
        let (percent, bar) = (percent.clone(), bar.clone());
        use_effect_with((), move |_| {
            let article = bar
                .cast::<web_sys::Element>()
                .and_then(|bar| bar.closest(".folio-detail").ok().flatten())
                .and_then(|detail| detail.query_selector(ARTICLE).ok().flatten());
            let update = move || {
                if let Some(element) = &article {
                    let rect = element.get_bounding_client_rect();
                    let viewport = window()
                        .inner_height()
                        .ok()
                        .and_then(|h| h.as_f64())
                        .unwrap_or(0.0);
                    percent.set(percent_read(rect.top(), rect.height(), viewport));
                }
            };
            update();
            // gloo listeners are passive unless asked otherwise, so scrolling never waits on this.
            let on_scroll = EventListener::new(&window(), "scroll", {
                let update = update.clone();
                move |_| update()
            });
            let on_resize = EventListener::new(&window(), "resize", move |_| update());
            move || drop((on_scroll, on_resize))
        });
    }
    html! {
        <progress ref={bar} class="folio-progress" max="100" value={percent.to_string()}
                  aria-label={Msg::ReadingProgress.text(props.lang)}>{ format!("{}%", *percent) }</progress>
    }
}

#[cfg(test)]
mod tests {
    use super::percent_read;

    #[test]
    fn progress_follows_the_scroll() {
        assert_eq!(percent_read(100.0, 2000.0, 800.0), 0, "not reached yet");
        assert_eq!(percent_read(0.0, 2000.0, 800.0), 0);
        assert_eq!(percent_read(-600.0, 2000.0, 800.0), 50);
        assert_eq!(percent_read(-1200.0, 2000.0, 800.0), 100);
        assert_eq!(percent_read(-5000.0, 2000.0, 800.0), 100);
        assert_eq!(
            percent_read(-10.0, 500.0, 800.0),
            100,
            "an article shorter than the screen"
        );
    }
}
