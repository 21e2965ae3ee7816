//! A Yew app with Folio's viewer as one of its components: the app owns the page (its header,
//! a language switch, a line saying which article the reader opened), Folio shows the news.
//! `trunk serve examples/yew-app/index.html`, then <http://127.0.0.1:8080/>.

use folio_viewer::{DataSource, FolioViewer, Lang, Route, Routing, Theme};
use yew::prelude::*;

#[component]
fn NewsSite() -> Html {
    let lang = use_state(|| Lang::Zh);
    let opened = use_state(|| None::<String>);
    let on_navigate = {
        let opened = opened.clone();
        Callback::from(move |route: Route| {
            opened.set(match route {
                Route::Article { id } => Some(id),
                _ => None,
            })
        })
    };
    let switch = {
        let lang = lang.clone();
        Callback::from(move |_: MouseEvent| {
            lang.set(if *lang == Lang::Zh {
                Lang::En
            } else {
                Lang::Zh
            })
        })
    };
    html! {
        <>
            <header class="site-header">
                <strong>{ "聊城信息港" }</strong>
                <button type="button" onclick={switch}>
                    { if *lang == Lang::Zh { "English interface" } else { "中文界面" } }
                </button>
                <span role="status">
                    { opened.as_deref().map_or_else(|| "Nothing opened yet".to_owned(), |id| format!("Opened: {id}")) }
                </span>
            </header>
            <FolioViewer
                source={DataSource::Url("articles.json".into())}
                lang={Some(*lang)}
                theme={Some(Theme::Auto)}
                routing={Routing::Hash}
                {on_navigate}
            />
        </>
    }
}

fn main() {
    yew::Renderer::<NewsSite>::new().render();
}
