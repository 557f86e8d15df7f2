//! Banners above the canvas: the first-run welcome on the example plan,
//! and what must not go unnoticed: a stored document that could not be
//! read, a full storage quota, a change made in another tab, repairs made
//! while loading.

use crate::adapters::download::{download_bytes, file_stem};
use crate::adapters::marked::marked;
use crate::editor::{Editor, Tone};
use crate::persistence::{Persistence, Recovery, SharedPlan};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use migraflow_core::drawing::escape;
use migraflow_core::format::to_json;
use migraflow_core::Document;

const WELCOMED: &str = "migraflow.welcomed";

/// Offers the open document as a JSON download.
pub fn download_document(editor: Editor) {
    let doc = editor.document();
    let name = format!("{}.migraflow.json", file_stem(&doc.plan.title));
    if let Err(e) = download_bytes(&name, "application/json", to_json(&doc).as_bytes()) {
        editor.tell(Tone::Error, format!("The download failed: {e}"));
    }
}

/// A banner: its tone and test id, the role it is announced with, its
/// text (markup, user text escaped) and its buttons (`data-banner`
/// action, text).
fn banner(tone: &str, id: &str, role: &str, text: &str, buttons: &[(&str, &str)]) -> String {
    let mut out = format!(
        r#"<div class="banner {tone}" role="{role}" data-testid="{id}"><p>{text}</p><div class="actions">"#
    );
    for (i, (action, label)) in buttons.iter().enumerate() {
        let primary = if i == 0 && buttons.len() > 1 && tone == "info" {
            r#" class="primary""#
        } else {
            ""
        };
        out += &format!(r#"<button{primary} data-banner="{action}">{label}</button>"#);
    }
    out + "</div></div>"
}

/// The share link's banner: the plan it carries, or why it was refused.
fn shared_banner(shared: &SharedPlan) -> String {
    match shared {
        SharedPlan::Ready { document, .. } => banner(
            "info",
            "share-banner",
            "alert",
            &format!(
                "<strong>This link carries the plan “{}”. </strong>Open it as a new document? Your current document stays in the document list.",
                escape(&document.plan.title)
            ),
            &[("open-shared", "Open shared plan"), ("ignore-shared", "Ignore")],
        ),
        SharedPlan::Refused(why) => banner(
            "error",
            "share-banner",
            "alert",
            &escape(why),
            &[("ignore-shared", "Dismiss")],
        ),
    }
}

/// A stored document that could not be read: kept, with its text to
/// download.
fn recovery_banner(r: &Recovery) -> String {
    let kept = match &r.backup_key {
        Some(key) => format!(
            "It is kept untouched, with a copy under the storage key “{}”.",
            escape(key)
        ),
        None => "It is kept untouched (storage had no room for a backup copy).".to_string(),
    };
    banner(
        "error",
        "recovery-banner",
        "alert",
        &format!(
            "<strong>The saved document “{}” could not be opened. </strong>{} {kept}",
            escape(&r.name),
            escape(&r.message)
        ),
        &[
            ("download-unreadable", "Download its text"),
            ("start-fresh", "Start fresh"),
            ("dismiss-recovery", "Dismiss"),
        ],
    )
}

/// Notes made while loading, folded.
fn repairs_banner(repairs: &[String]) -> String {
    let items: String = repairs
        .iter()
        .map(|r| format!("<li>{}</li>", escape(r)))
        .collect();
    format!(
        r#"<div class="banner info" role="status" data-testid="repairs-banner"><details><summary>Loaded with {} note(s) — nothing was lost that could be kept.</summary><ul>{items}</ul></details><div class="actions"><button data-banner="dismiss-repairs">Dismiss</button></div></div>"#,
        repairs.len()
    )
}

/// The banners, each rebuilt only when what it shows changes (a
/// rebuilt alert is announced again, and a folded list would close), as
/// markup under one listener: a view per banner and button cost far more
/// wasm than the text.
#[component]
pub fn Banners() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let persistence = expect_context::<Persistence>();
    // The first screen is the example plan, unsaved: say so once, until
    // dismissed (remembered) or until there is a document of one's own.
    // It floats over the canvas (style/main.css) rather than taking its
    // height: a plan opened while it shows is fitted to the whole canvas.
    let welcomed = RwSignal::new(crate::adapters::local_store::get_json_string(WELCOMED).is_some());
    let welcome = Memo::new(move |_| {
        !welcomed.get()
            && persistence.enabled.get()
            && persistence.current.with(Option::is_none)
            && persistence.documents.with(Vec::is_empty)
    });
    let dismiss = move || {
        welcomed.set(true);
        let _ = LocalStorage::set(WELCOMED, "1");
    };
    let welcome_html = move || {
        welcome.get().then_some(
            r#"<div class="banner info welcome" role="status" data-testid="welcome-banner"><p><strong>Welcome to migraflow. </strong>This is an example: a column renamed without downtime, not saved until you change it. Each step is checked as you draw; badges and the Problems list show what is unsafe, most with a one-click fix. Press ? for shortcuts.</p><div class="actions"><button class="primary" data-banner="blank">Start a blank plan</button><button data-banner="welcomed">Got it</button></div></div>"#,
        )
    };
    let quota = Memo::new(move |_| persistence.quota_full.get());
    let quota_html = move || {
        quota.get().then(|| banner(
            "warning",
            "quota-banner",
            "alert",
            "<strong>Browser storage is full. </strong>Your changes are kept in this tab only until storage has room again. Download the document to keep it safe.",
            &[("download-json", "Download JSON")],
        ))
    };
    let conflict = Memo::new(move |_| persistence.conflict.get());
    let conflict_html = move || {
        conflict.get().then(|| banner(
            "warning",
            "conflict-banner",
            "alert",
            "<strong>This document was changed in another tab. </strong>Autosave is paused so neither version is lost.",
            &[("load-theirs", "Load their version"), ("keep-mine", "Keep mine as a copy")],
        ))
    };
    let click = move |ev: web_sys::MouseEvent| {
        let Some((_, action)) = marked(&ev, "data-banner") else {
            return;
        };
        match action.as_str() {
            "blank" => {
                dismiss();
                persistence.create(Document::new("Untitled migration"));
            }
            "welcomed" => dismiss(),
            "open-shared" => persistence.take_shared(true),
            "ignore-shared" => persistence.take_shared(false),
            "download-unreadable" => {
                if let Some(r) = persistence.recovery.get_untracked() {
                    let file = format!("{}-unreadable.txt", file_stem(&r.name));
                    let _ = download_bytes(&file, "text/plain", r.raw.as_bytes());
                }
            }
            "start-fresh" => persistence.start_fresh(),
            "dismiss-recovery" => persistence.recovery.set(None),
            "download-json" => download_document(editor),
            "load-theirs" => persistence.resolve_conflict(false),
            "keep-mine" => persistence.resolve_conflict(true),
            "dismiss-repairs" => persistence.repairs.set(Vec::new()),
            _ => {}
        }
    };
    view! {
        <div class="banners" on:click=click>
            <div class="contents" inner_html=welcome_html></div>
            <div class="contents" inner_html=move || persistence.shared.with(|s| s.as_ref().map(shared_banner))></div>
            <div class="contents" inner_html=move || persistence.recovery.with(|r| r.as_ref().map(recovery_banner))></div>
            <div class="contents" inner_html=quota_html></div>
            <div class="contents" inner_html=conflict_html></div>
            <div class="contents" inner_html=move || persistence.repairs.with(|r| (!r.is_empty()).then(|| repairs_banner(r)))></div>
        </div>
    }
}
