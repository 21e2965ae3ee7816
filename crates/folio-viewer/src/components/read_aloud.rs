//! 朗读 (read aloud): the article's title and body read by the browser's speech synthesis, in a
//! voice of the article's language (`folio_core::speech` chooses it and cuts the text into
//! sentences), with play, pause and stop; the block being read is marked
//! (`data-folio-reading`) and kept in view. Where the browser cannot speak, or has no voice for
//! the language, a message says so and nothing else happens. On a built page it is an island.

use folio_core::i18n::{Lang, Msg};
use folio_core::speech;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::platform::{self, Spoken};

/// Props of [`ReadAloud`].
#[derive(Properties, PartialEq, Clone)]
pub struct ReadAloudProps {
    /// The interface language (the article's own is its element's `lang`).
    pub lang: Lang,
}

/// Where the reading is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Idle,
    Playing,
    Paused,
}

/// The attribute that marks the block being read.
const READING: &str = "data-folio-reading";

/// The article's blocks to read, in order (title, paragraphs, headings, quotes), from the
/// article around `node`, with the article's language.
fn blocks(node: &NodeRef) -> Option<(Vec<web_sys::Element>, String)> {
    let article = node
        .cast::<web_sys::Element>()?
        .closest(".folio-detail")
        .ok()??
        .query_selector(".folio-article")
        .ok()??;
    let lang = article
        .get_attribute("lang")
        .unwrap_or_else(|| "zh-CN".to_owned());
    let found = article
        .query_selector_all(".folio-article__title, .folio-article__body > :is(p, h2), .folio-article__body blockquote")
        .ok()?;
    let elements = (0..found.length())
        .filter_map(|at| found.item(at)?.dyn_into::<web_sys::Element>().ok())
        .collect();
    Some((elements, lang))
}

/// See the module documentation.
#[component]
pub fn ReadAloud(props: &ReadAloudProps) -> Html {
    let lang = props.lang;
    let mode = use_state_eq(|| Mode::Idle);
    let note = use_state_eq(|| None::<Msg>);
    let node = use_node_ref();
    let reading = use_mut_ref(Vec::<web_sys::Element>::new);
    // Leaving the article stops the reading.
    use_effect_with((), |_| platform::speech_stop);

    let unmark = {
        let reading = reading.clone();
        move || {
            for element in reading.borrow().iter() {
                let _ = element.remove_attribute(READING);
            }
        }
    };
    let told = {
        let (mode, note, reading, unmark) =
            (mode.clone(), note.clone(), reading.clone(), unmark.clone());
        Callback::from(move |event: Spoken| {
            unmark();
            match event {
                Spoken::Block(at) => {
                    if let Some(element) = reading.borrow().get(at) {
                        let _ = element.set_attribute(READING, "");
                        platform::keep_in_view(element);
                    }
                }
                Spoken::Done => mode.set(Mode::Idle),
                Spoken::Failed => {
                    // Stopped a task later: this runs inside a handler the stop drops.
                    wasm_bindgen_futures::spawn_local(async { platform::speech_stop() });
                    mode.set(Mode::Idle);
                    note.set(Some(Msg::NoVoice));
                }
            }
        })
    };
    let on_play = {
        let (mode, note, node, reading) =
            (mode.clone(), note.clone(), node.clone(), reading.clone());
        Callback::from(move |_: MouseEvent| match *mode {
            Mode::Playing => {
                platform::speech_pause();
                mode.set(Mode::Paused);
            }
            Mode::Paused => {
                platform::speech_resume();
                mode.set(Mode::Playing);
            }
            Mode::Idle => {
                let Some((elements, text_lang)) = blocks(&node) else {
                    return;
                };
                let (mode, note, reading, told) =
                    (mode.clone(), note.clone(), reading.clone(), told.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    // Some browsers (Chrome) list their voices only a moment after the first
                    // ask: wait for them rather than read in whatever voice is the default.
                    let mut voices = platform::voices();
                    for _ in 0..10 {
                        if !matches!(&voices, Some(list) if list.is_empty()) {
                            break;
                        }
                        platform::sleep(200).await;
                        voices = platform::voices();
                    }
                    let Some(voices) = voices else {
                        note.set(Some(Msg::NoSpeech));
                        return;
                    };
                    // A system still listing no voice reads with its default one for the
                    // language, or fails (then the message says so).
                    let voice = speech::choose_voice(&voices, &text_lang);
                    if voice.is_none() && !voices.is_empty() {
                        note.set(Some(Msg::NoVoice));
                        return;
                    }
                    let pieces = elements
                        .iter()
                        .enumerate()
                        .flat_map(|(at, element)| {
                            let text = element.text_content().unwrap_or_default();
                            speech::pieces(&text)
                                .into_iter()
                                .map(move |piece| (at, piece))
                        })
                        .collect();
                    *reading.borrow_mut() = elements;
                    note.set(None);
                    mode.set(Mode::Playing);
                    platform::speak(pieces, &text_lang, voice, told);
                });
            }
        })
    };
    let on_stop = {
        let mode = mode.clone();
        Callback::from(move |_: MouseEvent| {
            platform::speech_stop();
            unmark();
            mode.set(Mode::Idle);
        })
    };
    let label = match *mode {
        Mode::Idle => Msg::ReadAloud,
        Mode::Playing => Msg::ReadPause,
        Mode::Paused => Msg::ReadResume,
    };
    html! {
        <div ref={node} class="folio-read-aloud" role="group" aria-label={Msg::ReadAloud.text(lang)} lang={lang.tag()}>
            <button type="button" class="folio-read-aloud__play" onclick={on_play}>{ label.text(lang) }</button>
            if *mode != Mode::Idle {
                <button type="button" class="folio-read-aloud__stop" onclick={on_stop}>{ Msg::ReadStop.text(lang) }</button>
            }
            <p class="folio-read-aloud__note" role="status">{ note.map(|msg| msg.text(lang)) }</p>
        </div>
    }
}
