//! The inspector: edits every field of the selected node or edge, or the
//! plan's title and rule pack when nothing is selected. Its body is the
//! core's markup (`migraflow_core::drawing::inspector`), set in one DOM
//! call when it differs from what is shown; one listener turns a committed
//! field (`change`: Enter or leaving the field) into the core's edit for it
//! (`migraflow_core::inspect::edit`), one undoable step, so typing a title
//! is one undo, not one per keystroke. It also offers a keyboard way to
//! connect nodes.

use crate::canvas::gesture::connect;
use crate::editor::Editor;
use leptos::prelude::*;
use migraflow_core::drawing::inspector::{markup, FieldValue, Inspector as InspectorMarkup, Value};
use migraflow_core::drawing::options::options;
use migraflow_core::inspect::{edit, Input, Subject};
use migraflow_core::{EdgeKind, NodeId};
use wasm_bindgen::JsCast;

/// The first inspector element matching `selector`, as a `T`.
fn in_inspector<T: JsCast>(selector: &str) -> Option<T> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!(".inspector {selector}"))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<T>().ok())
}

/// Runs `f` once the inspector shows what was just selected: it is
/// rebuilt by an effect, which runs before the next frame.
fn after_render(f: impl FnOnce() + 'static) {
    request_animation_frame(f);
}

/// Moves keyboard focus to the inspector's first field (Enter on a node).
pub fn focus_first_field() {
    after_render(|| {
        if let Some(el) = in_inspector::<web_sys::HtmlElement>("[data-first-field]") {
            let _ = el.focus();
        }
    });
}

/// Focuses the selected phase's SQL field with line `line` (1-based)
/// selected: where a finding about its SQL points (MF013, MF014).
pub fn focus_sql_line(line: usize) {
    after_render(move || {
        let Some(field) = in_inspector::<web_sys::HtmlTextAreaElement>("textarea[data-sql]") else {
            return;
        };
        // Offsets in UTF-16 code units, as the DOM counts them.
        let text = field.value();
        let mut lines = text.split('\n');
        let before: usize = lines
            .by_ref()
            .take(line.saturating_sub(1))
            .map(|l| l.encode_utf16().count() + 1)
            .sum();
        let length = lines.next().map_or(0, |l| l.encode_utf16().count());
        let _ = field.focus();
        let _ = field.set_selection_range(before as u32, (before + length) as u32);
    });
}

/// Moves keyboard focus to the "connect to" target of the selected node;
/// false when no node is inspected.
pub fn focus_connect_target() -> bool {
    let found = in_inspector::<web_sys::HtmlElement>("select[data-connect-target]");
    if let Some(el) = &found {
        let _ = el.focus();
    }
    found.is_some()
}

/// A field's index in its list (`data-i`), if it is one of a list.
fn index_of(el: &web_sys::Element) -> Option<usize> {
    el.get_attribute("data-i")?.parse().ok()
}

/// The element an event came from, if it is a field of the inspector.
fn field_of(ev: &web_sys::Event) -> Option<(web_sys::Element, String, usize)> {
    let (el, key) = crate::adapters::marked::marked(ev, "data-f")?;
    let index = index_of(&el).unwrap_or(0);
    Some((el, key, index))
}

/// What a text field, select or textarea holds.
fn value_of(el: &web_sys::Element) -> String {
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.value()
    } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.value()
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.value()
    } else {
        String::new()
    }
}

/// The field of key `key` and index `index`.
fn field(
    section: &web_sys::HtmlElement,
    key: &str,
    index: Option<usize>,
) -> Option<web_sys::Element> {
    let selector = match index {
        Some(i) => format!(r#"[data-f="{key}"][data-i="{i}"]"#),
        None => format!(r#"[data-f="{key}"]"#),
    };
    section.query_selector(&selector).ok().flatten()
}

/// Shows `value` in `el`: a checkbox's tick, or a field's text.
fn show_value(el: &web_sys::Element, value: &Value) {
    match value {
        Value::Flag(on) => {
            if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                i.set_checked(*on);
            }
        }
        Value::Text(text) => {
            if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                i.set_value(text);
            } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
                s.set_value(text);
            } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                t.set_value(text);
            }
        }
    }
}

/// Shows `values`, each in its field.
fn show_values<'a>(section: &web_sys::HtmlElement, values: impl Iterator<Item = &'a FieldValue>) {
    for v in values {
        if let Some(el) = field(section, v.key, v.index) {
            show_value(&el, &v.value);
        }
    }
}

/// Replaces the inspector's fields with `next`, keeping keyboard focus on
/// the field of the same key (where a commit moved it with Tab, or left
/// it), with its caret and any text typed there but not yet committed:
/// text that differs from the value `before` showed.
fn rebuild(section: &web_sys::HtmlElement, before: &[FieldValue], next: &InspectorMarkup) {
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .filter(|el| section.contains(Some(el)));
    let kept = focused.as_ref().and_then(|el| {
        let key = el.get_attribute("data-f")?;
        let index = index_of(el);
        let text = value_of(el);
        let typed = before
            .iter()
            .find(|v| v.key == key && v.index == index)
            .is_some_and(|v| {
                v.value != Value::Text(text.clone()) && !matches!(v.value, Value::Flag(_))
            });
        let caret = el
            .dyn_ref::<web_sys::HtmlInputElement>()
            .and_then(|i| i.selection_start().ok().flatten())
            .or_else(|| {
                el.dyn_ref::<web_sys::HtmlTextAreaElement>()
                    .and_then(|t| t.selection_start().ok().flatten())
            });
        Some((key, index, typed.then_some(text), caret))
    });
    section.set_inner_html(&next.html);
    show_values(section, next.values.iter());
    let Some((key, index, typed, caret)) = kept else {
        return;
    };
    let Some(el) =
        field(section, &key, index).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if let Some(text) = typed {
        show_value(&el, &Value::Text(text));
    }
    let _ = el.focus();
    if let Some(c) = caret {
        if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            let _ = i.set_selection_range(c, c);
        } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            let _ = t.set_selection_range(c, c);
        }
    }
}

/// The "Connect" button of the connect form, enabled once a target is
/// chosen.
fn enable_connect(section: &web_sys::HtmlElement, on: bool) {
    if let Some(button) = section
        .query_selector(r#"button[data-f="connect"]"#)
        .ok()
        .flatten()
    {
        let _ = if on {
            button.remove_attribute("disabled")
        } else {
            button.set_attribute("disabled", "")
        };
    }
}

#[component]
pub fn Inspector() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let section = NodeRef::<leptos::html::Section>::new();
    let subject = Memo::new(move |_| editor.selection.with(|s| s.subject()));
    // "Rename the whole stage": a switch of the form, not of the plan, on
    // for the item it was ticked for, so off again for any other.
    let whole_for = RwSignal::new(None::<Subject>);
    let shown = StoredValue::new(InspectorMarkup::default());
    let committing = StoredValue::new(false);
    let rebuilding = StoredValue::new(false);
    // Shows the markup of the inspected item as the plan is now, if it
    // differs from what is shown. Untracked: also run from a timer, after
    // the component may have gone.
    let refresh = move || {
        let (Some(section), Some(subject), Some(whole)) = (
            section.try_get_untracked().flatten(),
            subject.try_get_untracked(),
            whole_for.try_get_untracked(),
        ) else {
            return;
        };
        let next = editor
            .plan
            .with_untracked(|p| markup(p, subject, whole == Some(subject)));
        let Some(same) = shown.try_with_value(|s| s.html == next.html) else {
            return;
        };
        if same {
            // The same fields: show the values that changed, nothing else.
            shown.with_value(|s| {
                let changed = next.values.iter().zip(&s.values).filter(|(n, o)| n != o);
                show_values(&section, changed.map(|(n, _)| n));
            });
        } else {
            // Removing a focused field that holds typed text makes the
            // browser send its `change`: that text is carried over to the
            // new field, not committed.
            rebuilding.set_value(true);
            shown.with_value(|s| rebuild(&section, &s.values, &next));
            rebuilding.set_value(false);
        }
        shown.set_value(next);
    };
    Effect::new(move |_| {
        editor.plan.track();
        subject.track();
        whole_for.track();
        if section.get().is_none() {
            return;
        }
        // A commit from a field happens while the browser moves focus on
        // (Tab) or handles a click: rebuilt after that task, focus is kept
        // where it went. Any other change shows at once.
        if committing.get_value() {
            committing.set_value(false);
            set_timeout(refresh, std::time::Duration::ZERO);
        } else {
            refresh();
        }
    });

    let change = move |ev: web_sys::Event| {
        if rebuilding.get_value() {
            return;
        }
        let Some((el, key, index)) = field_of(&ev) else {
            return;
        };
        let text = value_of(&el);
        let input = match el.dyn_ref::<web_sys::HtmlInputElement>() {
            Some(i) if i.type_() == "checkbox" => Input::Flag(i.checked()),
            _ => Input::Text(&text),
        };
        let subject = subject.get_untracked();
        match (key.as_str(), input) {
            ("whole-stage", Input::Flag(on)) => {
                committing.set_value(true);
                whole_for.set(on.then_some(subject));
            }
            ("connect-target", _) => {
                if let Some(section) = section.get_untracked() {
                    enable_connect(&section, !text.is_empty());
                }
            }
            ("connect-kind", _) => {}
            _ => {
                let whole = whole_for.get_untracked() == Some(subject);
                committing.set_value(true);
                commit(editor, subject, &key, index, input, whole);
            }
        }
    };
    let click = move |ev: web_sys::MouseEvent| {
        let Some((el, key, index)) = field_of(&ev) else {
            return;
        };
        if el.tag_name() != "BUTTON" {
            return;
        }
        committing.set_value(true);
        if key == "connect" {
            connect_chosen(editor, subject.get_untracked(), &el);
        } else {
            commit(
                editor,
                subject.get_untracked(),
                &key,
                index,
                Input::Click,
                false,
            );
        }
    };
    // The connect form's targets are every other node: listed when the
    // list is focused, as thousands of options rebuilt on every plan change
    // would slow every edit down.
    let focusin = move |ev: web_sys::FocusEvent| {
        let Some((el, key, _)) = field_of(&ev) else {
            return;
        };
        let Subject::Node(id) = subject.get_untracked() else {
            return;
        };
        if key == "connect-target" {
            let chosen = value_of(&el).parse().ok();
            let items: Vec<(u32, String)> = editor.plan.with_untracked(|p| {
                p.nodes
                    .values()
                    .filter(|n| n.id != id)
                    .map(|n| {
                        (
                            n.id.0,
                            format!("{} · {}", n.title, p.pack.kind_label(n.kind)),
                        )
                    })
                    .collect()
            });
            el.set_inner_html(&options("Choose a node…", &items, chosen));
        }
    };
    view! {
        <section
            class="inspector"
            aria-label="Inspector"
            node_ref=section
            on:change=change
            on:click=click
            on:focusin=focusin
        ></section>
    }
}

/// Applies what field `key` committed, as the core reads it.
fn commit(
    editor: Editor,
    subject: Subject,
    key: &str,
    index: usize,
    input: Input,
    whole_stage: bool,
) {
    if let Some((label, change)) = editor
        .plan
        .with_untracked(|p| edit(p, subject, key, index, input, whole_stage))
    {
        editor.apply(label, change);
    }
}

/// Connects the inspected node to the target chosen in the connect form,
/// by the edge kind chosen beside it.
fn connect_chosen(editor: Editor, subject: Subject, button: &web_sys::Element) {
    let Subject::Node(from) = subject else {
        return;
    };
    let Some(form) = button.closest("fieldset").ok().flatten() else {
        return;
    };
    let chosen = |key: &str| {
        form.query_selector(&format!(r#"[data-f="{key}"]"#))
            .ok()
            .flatten()
            .map(|el| value_of(&el))
            .unwrap_or_default()
    };
    let kind = EdgeKind::parse(&chosen("connect-kind")).unwrap_or(EdgeKind::Forward);
    if let Ok(to) = chosen("connect-target").parse() {
        connect(editor, kind, from, NodeId(to));
    }
}
