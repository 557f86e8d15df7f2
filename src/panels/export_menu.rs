//! Import and export: JSON (the versioned document), Mermaid (the
//! flowchart and every other view of SPEC §10, one menu item each), SVG
//! and PNG. Downloads are ordinary `<a download>`
//! clicks. Imports open as a new document, so a failed or unwanted import
//! never touches the open one.

use crate::adapters::download::{download_bytes, download_url, file_stem};
use crate::adapters::file_pick::picked_text;
use crate::adapters::marked::marked;
use crate::adapters::png::rasterize;
use crate::adapters::svg_export::{picture, Background, Look, Picture};
use crate::canvas::culling::Culling;
use crate::canvas::gesture::Gestures;
use crate::editor::{Editor, Tone};
use crate::panels::banners::download_document;
use crate::panels::dismiss::Modal;
use crate::persistence::Persistence;
use crate::share_link;
use leptos::prelude::*;
use leptos::task::spawn_local;
use migraflow_core::drawing::escape;
use migraflow_core::format::load_json;
use migraflow_core::mermaid::{import, size_warning, title_untitled, View};

/// Whether the Mermaid import dialog is open.
#[derive(Clone, Copy)]
pub struct MermaidImportOpen(pub RwSignal<bool>);

fn stem(editor: Editor) -> String {
    editor.plan.with_untracked(|p| file_stem(&p.title))
}

/// Downloads the plan drawn as `view`, named as [`View::file_name`] says.
fn export_mermaid(editor: Editor, view: View) {
    let text = view.export(&editor.document());
    let name = view.file_name(&stem(editor));
    match download_bytes(&name, "text/plain", text.as_bytes()) {
        Ok(()) => match size_warning(&text) {
            Some(w) => editor.tell(Tone::Warning, w),
            None => editor.tell(Tone::Info, format!("Exported {name}.")),
        },
        Err(e) => editor.tell(Tone::Error, format!("The download failed: {e}")),
    }
}

/// Renders the standalone picture of the whole plan (culling paused).
async fn whole_picture(
    editor: Editor,
    gestures: Gestures,
    culling: Culling,
    look: Look,
) -> Result<Picture, String> {
    culling.draw_everything().await;
    let title = editor.plan.with_untracked(|p| p.title.clone());
    let pic = gestures
        .svg_element()
        .ok_or_else(|| "the canvas is not ready".to_string())
        .and_then(|svg| picture(&svg, look, &title));
    culling.resume();
    pic
}

fn export_svg(editor: Editor, gestures: Gestures, culling: Culling, look: Look) {
    spawn_local(async move {
        let name = format!("{}.svg", stem(editor));
        let result = whole_picture(editor, gestures, culling, look)
            .await
            .and_then(|p| download_bytes(&name, "image/svg+xml", p.svg.as_bytes()));
        if let Err(e) = result {
            editor.tell(Tone::Error, format!("SVG export failed: {e}"));
        }
    });
}

fn export_png(editor: Editor, gestures: Gestures, culling: Culling, look: Look) {
    spawn_local(async move {
        let name = format!("{}.png", stem(editor));
        let result = match whole_picture(editor, gestures, culling, look).await {
            Ok(pic) => rasterize(&pic).await,
            Err(e) => Err(e),
        };
        match result.and_then(|(url, w, h)| download_url(&name, &url).map(|()| (w, h))) {
            Ok((w, h)) => editor.tell(Tone::Info, format!("Exported {name} ({w}×{h} px).")),
            Err(e) => editor.tell(Tone::Error, format!("PNG export failed: {e}")),
        }
    });
}

/// Puts the PNG on the clipboard (Excalidraw, draw.io). The clipboard item
/// is made at once, in the click, with a promise of the image: the browser
/// allows the write only while the click's user activation lasts, and
/// drawing the PNG takes longer.
fn copy_png(editor: Editor, gestures: Gestures, culling: Culling, look: Look) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let png = wasm_bindgen_futures::future_to_promise(async move {
        let picture = whole_picture(editor, gestures, culling, look).await?;
        crate::adapters::png::rasterize_blob(&picture)
            .await
            .map(Into::into)
            .map_err(|e| wasm_bindgen::JsValue::from_str(&e))
    });
    let items = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&items, &"image/png".into(), &png);
    let item = match web_sys::ClipboardItem::new_with_record_from_str_to_blob_promise(&items) {
        Ok(item) => item,
        Err(_) => {
            return editor.tell(
                Tone::Error,
                "This browser cannot put images on the clipboard; use Export PNG.",
            )
        }
    };
    let written = window
        .navigator()
        .clipboard()
        .write(&js_sys::Array::of1(&item));
    spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(written).await {
            Ok(_) => editor.tell(Tone::Info, "Copied the picture as PNG."),
            Err(e) => editor.tell(
                Tone::Error,
                format!(
                    "The PNG could not be copied ({}); use Export PNG.",
                    crate::adapters::download::describe(e)
                ),
            ),
        }
    });
}

/// Puts a link carrying the whole document on the clipboard.
fn copy_share_link(editor: Editor) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let base = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    let clipboard = window.navigator().clipboard();
    let document = editor.document();
    spawn_local(async move {
        let url = match share_link::make(&document).await {
            Ok(fragment) => format!("{base}#{fragment}"),
            Err(e) => return editor.tell(Tone::Error, e),
        };
        match wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&url)).await {
            Ok(_) => editor.tell(
                Tone::Info,
                format!("Share link copied ({} characters).", url.len()),
            ),
            Err(_) => {
                // No clipboard permission: show the link to copy by hand.
                let _ = web_sys::window()
                    .map(|w| w.prompt_with_message_and_default("Copy this share link:", &url));
            }
        }
    });
}

/// Opens a picked JSON file as a new document; refusals are shown and
/// change nothing.
fn import_json(editor: Editor, persistence: Persistence, ev: web_sys::Event) {
    spawn_local(async move {
        match picked_text(&ev).await {
            Ok(Some((name, text))) => match load_json(&text) {
                Ok(loaded) => {
                    let notes = loaded.warnings.iter().map(ToString::to_string).collect();
                    persistence.create_with_notes(loaded.document, notes);
                    editor.tell(Tone::Info, format!("Imported {name} as a new document."));
                }
                Err(e) => editor.tell(Tone::Error, format!("“{name}” was not imported. {e}")),
            },
            Ok(None) => {}
            Err(e) => editor.tell(Tone::Error, format!("Not imported: {e}.")),
        }
    });
}

/// Closes the `<details>` menu an event came from.
pub fn close_menu(ev: &web_sys::MouseEvent) {
    use wasm_bindgen::JsCast;
    let menu = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("details").ok().flatten())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDetailsElement>().ok());
    if let Some(menu) = menu {
        menu.set_open(false);
    }
}

#[component]
pub fn ImportMenu() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let persistence = expect_context::<Persistence>();
    let mermaid_open = expect_context::<MermaidImportOpen>().0;
    // Fixed markup under two listeners: the file input acts on change,
    // "Import Mermaid" on click.
    let click = move |ev: web_sys::MouseEvent| {
        if marked(&ev, "data-import-mermaid").is_some() {
            close_menu(&ev);
            mermaid_open.set(true);
        }
    };
    view! {
        <details class="menu">
            <summary>"Import"</summary>
            <div
                class="menu-items"
                role="menu"
                on:change=move |ev| import_json(editor, persistence, ev)
                on:click=click
                inner_html=r#"<label class="file-button" role="menuitem"><span>Import JSON</span><input class="visually-hidden" type="file" accept=".json,application/json" aria-label="Import JSON"></label><button role="menuitem" aria-haspopup="dialog" data-import-mermaid="">Import Mermaid</button>"#
            ></div>
        </details>
    }
}

/// What an Export menu item does, by its `data-export`.
#[derive(Clone, Copy)]
enum Export {
    Json,
    View(View),
    Png,
    CopyPng,
    Svg,
    ShareLink,
}

impl Export {
    /// The menu's own items, in their order; runbook mode adds its own
    /// after Export SVG.
    fn items() -> impl Iterator<Item = Export> {
        let views = View::ALL.into_iter().map(Export::View);
        std::iter::once(Export::Json).chain(views).chain([
            Export::Png,
            Export::CopyPng,
            Export::Svg,
        ])
    }

    fn key(self) -> String {
        match self {
            Export::Json => "json".into(),
            Export::View(v) => format!("view-{}", v.as_str()),
            Export::Png => "png".into(),
            Export::CopyPng => "copy-png".into(),
            Export::Svg => "svg".into(),
            Export::ShareLink => "share".into(),
        }
    }

    fn label(self) -> String {
        match self {
            Export::Json => "Export JSON".into(),
            Export::View(v) => v.menu_item(),
            Export::Png => "Export PNG".into(),
            Export::CopyPng => "Copy PNG".into(),
            Export::Svg => "Export SVG".into(),
            Export::ShareLink => "Copy share link".into(),
        }
    }

    fn parse(key: &str) -> Option<Export> {
        Export::items()
            .chain([Export::ShareLink])
            .find(|e| e.key() == key)
    }

    fn button(self) -> String {
        format!(
            r#"<button role="menuitem" data-export="{}">{}</button>"#,
            self.key(),
            self.label()
        )
    }
}

/// The picture settings below the items: background, PNG scale, padding,
/// heading and legend; read when a picture is made. Fixed options (no view
/// code per option); the values are read back by `match`, never parsed as
/// floats (wasm size, see migraflow_core::decimal).
fn picture_settings() -> String {
    let backgrounds: String = Background::ALL
        .into_iter()
        .map(|b| format!(r#"<option value="{0}">{0}</option>"#, b.as_str()))
        .collect();
    format!(
        r#"<label class="field"><span>PNG/SVG background</span><select aria-label="Export background" name="background">{backgrounds}</select></label><label class="field"><span>PNG scale</span><select aria-label="PNG scale" name="scale"><option value="1">1×</option><option value="2" selected>2×</option><option value="3">3×</option><option value="4">4×</option></select></label><label class="field"><span>Padding</span><select aria-label="Export padding" name="padding"><option value="none">none</option><option value="normal" selected>normal</option><option value="wide">wide</option></select></label><label class="field check"><input type="checkbox" checked name="header"><span>Heading and legend</span></label>{}"#,
        Export::ShareLink.button()
    )
}

/// The look chosen in the menu around `el`.
fn chosen_look(el: &web_sys::Element) -> Look {
    use wasm_bindgen::JsCast;
    let Some(menu) = el.closest(".menu-items").ok().flatten() else {
        return Look::default();
    };
    let field = |name: &str| {
        menu.query_selector(&format!("[name={name}]"))
            .ok()
            .flatten()
    };
    let chosen = |name: &str| {
        field(name)
            .and_then(|f| f.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .map(|s| s.value())
            .unwrap_or_default()
    };
    Look {
        background: Background::parse(&chosen("background")),
        scale: match chosen("scale").as_str() {
            "1" => 1.0,
            "3" => 3.0,
            "4" => 4.0,
            _ => 2.0,
        },
        padding: match chosen("padding").as_str() {
            "none" => 4.0,
            "wide" => 64.0,
            _ => 24.0,
        },
        header: field("header")
            .and_then(|f| f.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_none_or(|i| i.checked()),
    }
}

/// The Export menu. Its items and settings are fixed markup under one
/// listener, which reads what was clicked from `data-export` and the
/// picture's look from the settings at that moment.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let gestures = expect_context::<Gestures>();
    let culling = expect_context::<Culling>();
    let items: String = Export::items().map(Export::button).collect();
    let click = move |ev: web_sys::MouseEvent| {
        let Some((el, key)) = marked(&ev, "data-export") else {
            return;
        };
        let Some(export) = Export::parse(&key) else {
            return;
        };
        let look = chosen_look(&el);
        close_menu(&ev);
        match export {
            Export::Json => download_document(editor),
            Export::View(v) => export_mermaid(editor, v),
            Export::Png => export_png(editor, gestures, culling, look),
            Export::CopyPng => copy_png(editor, gestures, culling, look),
            Export::Svg => export_svg(editor, gestures, culling, look),
            Export::ShareLink => copy_share_link(editor),
        }
    };
    view! {
        <details class="menu">
            <summary>"Export"</summary>
            <div class="menu-items" role="menu" on:click=click>
                <div class="contents" inner_html=items></div>
                {crate::runbook_slots::export_items(editor)}
                <div class="contents" inner_html=picture_settings()></div>
            </div>
        </details>
    }
}

/// The Mermaid import dialog: paste text or pick a `.mmd` file. Errors name
/// the line and column; the open document is never changed. Its fields are
/// fixed markup, read when "Import" is pressed.
#[component]
pub fn MermaidImport() -> impl IntoView {
    use wasm_bindgen::JsCast;
    let editor = expect_context::<Editor>();
    let persistence = expect_context::<Persistence>();
    let open = expect_context::<MermaidImportOpen>().0;
    // The picked file's name, which titles a chart that has no title.
    let file_name = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    // What was typed or picked, kept when the dialog is closed without an
    // import and shown again when it opens.
    let draft = StoredValue::new(String::new());
    let area = || {
        document()
            .query_selector(".mermaid-input")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    };
    let run = move || {
        let text = area().map(|a| a.value()).unwrap_or_default();
        match import(&text) {
            Ok(mut imported) => {
                let n = imported.document.plan.nodes.len();
                file_name.with_untracked(|f| title_untitled(&mut imported.document, f.as_deref()));
                persistence.create_with_notes(imported.document, imported.warnings);
                error.set(None);
                file_name.set(None);
                draft.set_value(String::new());
                open.set(false);
                editor.tell(
                    Tone::Info,
                    format!("Imported a Mermaid flowchart of {n} nodes as a new document."),
                );
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let from_file = move |ev: web_sys::Event| {
        spawn_local(async move {
            match picked_text(&ev).await {
                Ok(Some((name, t))) => {
                    if let Some(a) = area() {
                        a.set_value(&t);
                    }
                    draft.set_value(t);
                    file_name.set(Some(name));
                }
                Ok(None) => {}
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let click = move |ev: web_sys::MouseEvent| {
        if marked(&ev, "data-import").is_some() {
            run();
        }
    };
    let error_html = move || {
        error.with(|e| {
            e.as_ref()
                .map(|e| format!(r#"<p class="import-error" role="alert">{}</p>"#, escape(e)))
        })
    };
    view! {
        <Modal open label="Import Mermaid" close_label="Close Mermaid import">
                // The text after a line break of the markup's own: HTML
                // drops the first one after `<textarea>`.
                <div class="contents" on:input=move |_| draft.set_value(area().map(|a| a.value()).unwrap_or_default()) inner_html=move || format!("<p class=\"empty\">Paste a Mermaid flowchart (graph/flowchart) or pick a file. It opens as a new document.</p><textarea class=\"mono mermaid-input\" rows=\"14\" aria-label=\"Mermaid text\">\n{}</textarea>", draft.with_value(|d| escape(d)))></div>
                <div class="contents" inner_html=error_html></div>
                <div class="actions" on:click=click on:change=from_file inner_html=r#"<label class="file-button"><span>Open .mmd file</span><input type="file" accept=".mmd,.md,.txt,text/plain" aria-label="Open Mermaid file"></label><button class="primary" data-import="">Import</button>"#></div>
        </Modal>
    }
}
