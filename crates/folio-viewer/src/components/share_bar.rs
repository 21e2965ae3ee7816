//! 分享到: the share bar under an article — WeChat (QR dialog), Weibo, QQ, QZone, Douban, copy
//! link, the system share sheet where the browser has one, X, Facebook, LinkedIn, Telegram,
//! e-mail and print, in the configured order. Nothing is fetched and nothing tracks: network
//! buttons are plain links to each network's share page. The WeChat button opens a modal dialog
//! with the QR code of the link, the 微信扫一扫 hint and the link as text.

use std::rc::Rc;

use folio_core::i18n::{Lang, Msg};
use folio_core::qr::{qr_svg, QrSvg};
use folio_core::share::{share_url, Shared, Target};
use wasm_bindgen::JsCast;
use web_sys::HtmlDialogElement;
use yew::prelude::*;

use crate::platform;

/// Props of [`ShareBar`]: everything it shows comes in them, so it renders the same inside a
/// viewer and as an island of a built page (hydrated on its own, from its props in the page).
#[derive(Properties, PartialEq, Clone)]
pub struct ShareBarProps {
    /// The address being shared.
    pub url: AttrValue,
    /// The title being shared.
    pub title: AttrValue,
    /// The summary being shared (where a network takes one).
    #[prop_or_default]
    pub summary: AttrValue,
    /// Interface language.
    pub lang: Lang,
    /// Share targets, in order.
    pub targets: Rc<[Target]>,
    /// Told when the reader uses a share target, with the shared URL.
    #[prop_or_default]
    pub on_share: Option<Callback<(Target, String)>>,
    /// On a built page, which also reads without JavaScript: say what needs it.
    #[prop_or_default]
    pub built: bool,
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Copied,
    /// Copying failed; the URL is shown so the reader can copy it by hand.
    CopyFailed,
}

/// See the module documentation.
#[component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let lang = props.lang;
    let t = |msg: Msg| msg.text(lang);
    let status = use_state_eq(|| Status::Idle);
    // The WeChat dialog's QR code while it is open (`None` when closed; the inner `None` when the
    // link is too long for a QR code).
    let qr = use_state(|| None::<Rc<Option<QrSvg>>>);
    let open = qr.is_some();
    let wechat_button = use_node_ref();
    let dialog = use_node_ref();
    {
        // A modal dialog gives Esc, the backdrop and a focus trap from the browser itself.
        let dialog = dialog.clone();
        use_effect_with(open, move |open| {
            if let (true, Some(element)) = (*open, dialog.cast::<HtmlDialogElement>()) {
                let _ = element.show_modal();
            }
        });
    }
    let url = props.url.to_string();
    // Asked once per article, after rendering (a server cannot know): whether the system share
    // sheet can take this link.
    let can_share = use_state_eq(|| false);
    {
        let can_share = can_share.clone();
        use_effect_with((url.clone(), props.title.clone()), move |(url, title)| {
            can_share.set(platform::can_share(url, title));
        });
    }
    let can_share = *can_share;
    let shared = Shared {
        url: &url,
        title: &props.title,
        summary: &props.summary,
    };

    let on_copy = {
        let (status, url) = (status.clone(), url.clone());
        Callback::from(move |_: MouseEvent| {
            let (status, url) = (status.clone(), url.clone());
            yew::platform::spawn_local(async move {
                status.set(if platform::copy_text(&url).await {
                    Status::Copied
                } else {
                    Status::CopyFailed
                });
            });
        })
    };
    let on_system = {
        let (url, title, text) = (
            url.clone(),
            props.title.to_string(),
            props.summary.to_string(),
        );
        Callback::from(move |_: MouseEvent| {
            let (url, title, text) = (url.clone(), title.clone(), text.clone());
            yew::platform::spawn_local(async move {
                platform::share(&url, &title, &text).await;
            });
        })
    };
    let on_wechat = {
        let (qr, url) = (qr.clone(), url.clone());
        Callback::from(move |_: MouseEvent| qr.set(Some(Rc::new(qr_svg(&url)))))
    };
    // Esc, the close button or a click outside closed the dialog.
    let on_dialog_closed = {
        let (qr, button) = (qr.clone(), wechat_button.clone());
        Callback::from(move |_: Event| {
            qr.set(None);
            // Back to where the reader was.
            if let Some(button) = button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        })
    };
    let close = {
        let dialog = dialog.clone();
        move || {
            if let Some(element) = dialog.cast::<HtmlDialogElement>() {
                element.close();
            }
        }
    };
    let on_close_button = {
        let close = close.clone();
        Callback::from(move |_: MouseEvent| close())
    };
    // A click on the backdrop lands on the dialog element itself, not on its content.
    let on_backdrop = {
        let dialog = dialog.clone();
        Callback::from(move |event: MouseEvent| {
            let on_dialog = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .zip(dialog.cast::<web_sys::Element>())
                .is_some_and(|(target, dialog)| target == dialog);
            if on_dialog {
                close();
            }
        })
    };

    // Tells the host (the `folio-share` event) which target was used, with the shared URL.
    let report = {
        let (on_share, url) = (props.on_share.clone(), url.clone());
        move |target: Target| {
            if let Some(on_share) = &on_share {
                on_share.emit((target, url.clone()));
            }
        }
    };
    let control = |target: Target| -> Html {
        let name = target.name(lang);
        let label = target.label(lang);
        let label = (label != name).then_some(label);
        let class = classes!(
            "folio-share__button",
            format!("folio-share__button--{}", target.key())
        );
        let content =
            html! { <>{ icon(target) }<span class="folio-share__name">{ name }</span></> };
        let reported = {
            let report = report.clone();
            move |callback: Callback<MouseEvent>| {
                let report = report.clone();
                Callback::from(move |event: MouseEvent| {
                    report(target);
                    callback.emit(event);
                })
            }
        };
        if let Some(href) = share_url(target, &shared) {
            let new_window = target != Target::Email;
            let onclick = reported(Callback::noop());
            return html! {
                <li key={target.key()}>
                    <a {class} href={href} aria-label={label} {onclick}
                       target={new_window.then_some("_blank")} rel="noopener noreferrer">{ content }</a>
                </li>
            };
        }
        let (onclick, node) = match target {
            Target::WeChat => (on_wechat.clone(), wechat_button.clone()),
            Target::Copy => (on_copy.clone(), NodeRef::default()),
            Target::System if can_share => (on_system.clone(), NodeRef::default()),
            Target::Print => (
                Callback::from(|_: MouseEvent| platform::print()),
                NodeRef::default(),
            ),
            _ => return html! {},
        };
        let onclick = reported(onclick);
        let haspopup = (target == Target::WeChat).then_some("dialog");
        html! {
            <li key={target.key()}>
                <button type="button" {class} {onclick} ref={node} aria-label={label} aria-haspopup={haspopup}>
                    { content }
                </button>
            </li>
        }
    };
    let message = match &*status {
        Status::Idle => html! {},
        Status::Copied => html! { { t(Msg::LinkCopied) } },
        Status::CopyFailed => html! {
            <>
                { t(Msg::CopyFailed) }
                <input class="folio-share__manual" type="text" readonly=true value={url.clone()}
                       aria-label={t(Msg::LinkLabel)} />
            </>
        },
    };
    html! {
        <section class="folio-share" aria-label={t(Msg::ShareTo).trim_end_matches([':', ':', ' '])}>
            <span class="folio-share__label">{ t(Msg::ShareTo) }</span>
            <ul class="folio-share__list">{ for props.targets.iter().map(|&t| control(t)) }</ul>
            <p class="folio-share__status" role="status" aria-live="polite">{ message }</p>
            if props.built {
                <p class="folio-needs-js">{ t(Msg::ShareNeedsJs) }</p>
            }
            if let Some(code) = &*qr {
                <dialog ref={dialog} class="folio-qr" aria-label={t(Msg::WeChatTitle)}
                        onclick={on_backdrop} onclose={on_dialog_closed}>
                    <div class="folio-qr__body">
                        <h2 class="folio-qr__title">{ t(Msg::WeChatTitle) }</h2>
                        if let Some(code) = &**code {
                            <svg class="folio-qr__code" viewBox={format!("0 0 {0} {0}", code.size)} role="img"
                                 aria-label={t(Msg::QrLabel)} shape-rendering="crispEdges">
                                <rect width={code.size.to_string()} height={code.size.to_string()} fill="#ffffff" />
                                <path d={code.path.clone()} fill="#000000" />
                            </svg>
                        } else {
                            <p class="folio-qr__too-long">{ t(Msg::QrTooLong) }</p>
                        }
                        <p class="folio-qr__hint">{ t(Msg::WeChatHint) }</p>
                        <p class="folio-qr__url"><span class="folio-qr__url-label">{ t(Msg::LinkLabel) }{ ":" }</span>
                            <span class="folio-qr__url-text">{ &url }</span></p>
                        <button type="button" class="folio-qr__close" onclick={on_close_button}>{ t(Msg::Close) }</button>
                    </div>
                </dialog>
            }
        </section>
    }
}

/// A small inline icon; decorative, since every control has a visible name.
fn icon(target: Target) -> Html {
    let shape = match target {
        Target::WeChat => html! { <>
            <ellipse cx="9" cy="10" rx="7" ry="5.5" /><ellipse cx="15.5" cy="14.5" rx="6" ry="4.5" />
        </> },
        Target::Weibo => html! { <>
            <ellipse cx="10" cy="14" rx="8" ry="5.5" /><path d="M15 4a6 6 0 0 1 6 6" fill="none" stroke="currentColor" stroke-width="2" />
        </> },
        Target::Qq => {
            html! { <path d="M12 3c-3.5 0-5.5 2.6-5.5 6 0 1.2-1.8 3.5-1.8 5.6 0 1 .5 1.3 1.3.6.4 1.2 1 2.2 1.9 3-1.3.5-2 1.1-2 1.8 0 1 2 1.5 6.1 1.5s6.1-.5 6.1-1.5c0-.7-.7-1.3-2-1.8.9-.8 1.5-1.8 1.9-3 .8.7 1.3.4 1.3-.6 0-2.1-1.8-4.4-1.8-5.6C17.5 5.6 15.5 3 12 3z" /> }
        }
        Target::Qzone => {
            html! { <path d="M12 2l2.9 6.6 7.1.6-5.4 4.7 1.7 7-6.3-3.8-6.3 3.8 1.7-7L2 9.2l7.1-.6z" /> }
        }
        Target::Douban => html! { <>
            <rect x="3" y="3" width="18" height="2.5" /><rect x="6" y="8" width="12" height="6" fill="none" stroke="currentColor" stroke-width="2" />
            <rect x="3" y="19" width="18" height="2.5" />
        </> },
        Target::Copy => {
            html! { <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" /> }
        }
        Target::System => {
            html! { <path d="M12 3v12M7 8l5-5 5 5M5 13v7h14v-7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" /> }
        }
        Target::X => {
            html! { <path d="M4 4l16 16M20 4L4 20" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" /> }
        }
        Target::Facebook => {
            html! { <path d="M14 8h3V4h-3a4 4 0 0 0-4 4v3H7v4h3v7h4v-7h3l1-4h-4V8z" /> }
        }
        Target::LinkedIn => html! { <>
            <rect x="3" y="9" width="4" height="12" /><circle cx="5" cy="5" r="2" />
            <path d="M10 9h4v2c.6-1.2 2-2.2 4-2.2 3 0 4 2 4 5.2V21h-4v-6c0-1.5-.5-2.5-2-2.5s-2 1-2 2.5v6h-4z" />
        </> },
        Target::Telegram => html! { <path d="M21 4L3 11l5 2 2 6 3-4 5 4z" /> },
        Target::Email => {
            html! { <path d="M3 6h18v12H3zM3 6l9 7 9-7" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" /> }
        }
        Target::Print => {
            html! { <path d="M7 9V3h10v6M7 17H4v-8h16v8h-3M7 14h10v7H7z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" /> }
        }
    };
    html! {
        <svg class="folio-share__icon" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">{ shape }</svg>
    }
}
