//! The inspector: edits every field of the selected node or edge. Each
//! committed change (on `change`, i.e. Enter or leaving the field) is one
//! undoable step, so typing a title is one undo, not one per keystroke.
//! It also offers a keyboard way to connect nodes.

use crate::canvas::gesture::connect;
use crate::editor::Editor;
use leptos::prelude::*;
use migraflow_core::drawing::options::options;
use migraflow_core::pack::Pack;
use migraflow_core::{
    Check, CheckKind, Edge, EdgeId, EdgeKind, Edit, Node, NodeId, NodeKind, PhaseTag,
};
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

/// Focuses the first inspector element matching `selector`; false if none.
fn focus_in_inspector(selector: &str) -> bool {
    in_inspector::<web_sys::HtmlElement>(selector).is_some_and(|el| el.focus().is_ok())
}

/// Moves keyboard focus to the inspector's first field (Enter on a node).
pub fn focus_first_field() {
    focus_in_inspector("[data-first-field]");
}

/// Focuses the selected phase's SQL field with line `line` (1-based)
/// selected: where a finding about its SQL points (MF013, MF014).
pub fn focus_sql_line(line: usize) {
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
}

/// Moves keyboard focus to the "connect to" target of the selected node.
pub fn focus_connect_target() -> bool {
    focus_in_inspector("select[data-connect-target]")
}

/// Applies `change` to a copy of node `id` as one undoable step, if it
/// changes anything.
pub(super) fn update_node(editor: Editor, id: NodeId, label: &str, change: impl FnOnce(&mut Node)) {
    let Some(mut node) = editor.plan.with_untracked(|p| p.node(id).cloned()) else {
        return;
    };
    let before = node.clone();
    change(&mut node);
    if node != before {
        editor.apply(label, Edit::UpdateNode(node));
    }
}

fn update_edge(editor: Editor, id: EdgeId, label: &str, change: impl FnOnce(&mut Edge)) {
    let Some(mut edge) = editor.plan.with_untracked(|p| p.edge(id).cloned()) else {
        return;
    };
    let before = edge.clone();
    change(&mut edge);
    if edge != before {
        editor.apply(label, Edit::UpdateEdge(edge));
    }
}

/// One item per non-blank line.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

pub(super) fn input_value(ev: &web_sys::Event) -> String {
    event_target_value(ev)
}

fn checked(ev: &web_sys::Event) -> bool {
    event_target_checked(ev)
}

/// A labelled single-line text field bound to one node field.
pub(super) fn text_field(
    label: &'static str,
    value: impl Fn() -> String + Send + Sync + 'static,
    on_change: impl Fn(String) + 'static,
    first: bool,
) -> AnyView {
    field_view(
        label,
        "",
        Box::new(value),
        Box::new(on_change),
        Field::Line { first, list: None },
    )
}

/// A labelled single-line field offering the options of the `<datalist>`
/// with id `list`.
pub(super) fn listed_field(
    label: &'static str,
    hint: &'static str,
    list: &'static str,
    value: impl Fn() -> String + Send + Sync + 'static,
    on_change: impl Fn(String) + 'static,
) -> AnyView {
    field_view(
        label,
        hint,
        Box::new(value),
        Box::new(on_change),
        Field::Line {
            first: false,
            list: Some(list),
        },
    )
}

/// A labelled multi-line field; `sql` marks the phase's SQL field
/// (monospace, and where [`focus_sql_line`] looks).
fn text_area(
    label: &'static str,
    hint: &'static str,
    value: impl Fn() -> String + Send + Sync + 'static,
    on_change: impl Fn(String) + 'static,
    sql: bool,
) -> AnyView {
    field_view(
        label,
        hint,
        Box::new(value),
        Box::new(on_change),
        Field::Area { sql },
    )
}

/// A labelled checkbox bound to one flag of a node.
pub(super) fn flag_field(
    label: &'static str,
    hint: &'static str,
    value: impl Fn() -> bool + Send + Sync + 'static,
    on_change: impl Fn(bool) + 'static,
) -> AnyView {
    view! {
        <label class="field check">
            <input type="checkbox" prop:checked=value on:change=move |ev| on_change(checked(&ev)) />
            <span>{label}<small>{hint}</small></span>
        </label>
    }
    .into_any()
}

enum Field {
    Line {
        first: bool,
        list: Option<&'static str>,
    },
    Area {
        sql: bool,
    },
}

/// One non-generic body for every text field: the inspector has a dozen,
/// and one copy of this view code in the wasm instead of a dozen.
fn field_view(
    label: &'static str,
    hint: &'static str,
    value: Box<dyn Fn() -> String + Send + Sync>,
    on_change: Box<dyn Fn(String)>,
    kind: Field,
) -> AnyView {
    let control = match kind {
        Field::Line { first, list } => view! {
            <input
                type="text"
                list=list
                prop:value=value
                data-first-field=first.then_some("")
                on:change=move |ev| on_change(input_value(&ev))
            />
        }
        .into_any(),
        Field::Area { sql } => view! {
            <textarea
                class:mono=sql
                data-sql=sql.then_some("")
                rows="3"
                prop:value=value
                on:change=move |ev| on_change(input_value(&ev))
            ></textarea>
        }
        .into_any(),
    };
    view! {
        <label class="field">
            <span>{label}{(!hint.is_empty()).then(|| view! { <small>{hint}</small> })}</span>
            {control}
        </label>
    }
    .into_any()
}

#[component]
fn NodeInspector(id: NodeId) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let node = Memo::new(move |_| editor.plan.with(|p| p.node(id).cloned()));
    let field =
        move |f: fn(&Node) -> String| move || node.with(|n| n.as_ref().map(f).unwrap_or_default());
    let kind = move || node.with(|n| n.as_ref().map(|n| n.kind));
    let is = move |k: NodeKind| move || kind() == Some(k);

    let connect_target = RwSignal::new(None::<NodeId>);
    let connect_kind = RwSignal::new(EdgeKind::Forward);
    // The other nodes, listed once the list is first focused: thousands of
    // options rebuilt on every plan change would slow every edit down.
    let listed = RwSignal::new(false);
    let others = move || {
        if !listed.get() {
            return options("Choose a node…", &[], None);
        }
        let items: Vec<(u32, String)> = editor.plan.with(|p| {
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
        options(
            "Choose a node…",
            &items,
            connect_target.get_untracked().map(|t| t.0),
        )
    };
    view! {
        <div class="inspector-body" data-inspecting=id.0.to_string()>
            {text_field(
                "Title",
                field(|n| n.title.clone()),
                move |v| update_node(editor, id, "Edit title", |n| n.title = v.trim().to_string()),
                true,
            )}
            <label class="field">
                <span>"Kind"</span>
                <select on:change=move |ev| {
                    if let Some(k) = NodeKind::parse(&input_value(&ev)) {
                        update_node(editor, id, "Change kind", |n| n.kind = k);
                    }
                }>
                    {NodeKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.as_str() selected=move || kind() == Some(k)>{move || editor.plan.with(|p| p.pack.kind_label(k))}</option> })
                        .collect_view()}
                </select>
            </label>
            {crate::panels::stage_field::stage_fields(editor, id, node)}
            <Show when=is(NodeKind::Phase)>
                <label class="field">
                    <span>"Phase"</span>
                    <select on:change=move |ev| {
                        if let Some(t) = PhaseTag::parse(&input_value(&ev)) {
                            update_node(editor, id, "Change phase", |n| n.phase = t);
                        }
                    }>
                        {PhaseTag::ALL
                            .into_iter()
                            .map(|t| {
                                view! {
                                    <option value=t.as_str() selected=move || node.with(|n| n.as_ref().map(|n| n.phase) == Some(t))>
                                        {t.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                {flag_field(
                    "Safe to roll back to",
                    "Clear for a point of no return",
                    move || node.with(|n| n.as_ref().is_some_and(|n| n.safe)),
                    move |on| update_node(editor, id, "Change safe", |n| n.safe = on),
                )}
                {text_field(
                    "Planned duration",
                    field(|n| n.planned_duration.clone()),
                    move |v| update_node(editor, id, "Edit planned duration", |n| n.planned_duration = v.trim().to_string()),
                    false,
                )}
                {crate::panels::view_fields::touches_field(editor, id, node)}
                {text_area(
                    "Entry conditions",
                    "one per line",
                    field(|n| n.entry_conditions.join("\n")),
                    move |v| update_node(editor, id, "Edit entry conditions", |n| n.entry_conditions = lines(&v)),
                    false,
                )}
                {text_area(
                    "Exit conditions",
                    "one per line",
                    field(|n| n.exit_conditions.join("\n")),
                    move |v| update_node(editor, id, "Edit exit conditions", |n| n.exit_conditions = lines(&v)),
                    false,
                )}
                {text_area(
                    "SQL / commands",
                    "",
                    field(|n| n.sql.clone()),
                    move |v| update_node(editor, id, "Edit SQL", |n| n.sql = v),
                    true,
                )}
            </Show>
            <Show when=is(NodeKind::Verification)>
                <ChecksEditor id node />
            </Show>
            <Show when=is(NodeKind::Gate)>
                {text_area(
                    "Go criteria",
                    "one per line",
                    field(|n| n.go_criteria.join("\n")),
                    move |v| update_node(editor, id, "Edit go criteria", |n| n.go_criteria = lines(&v)),
                    false,
                )}
                {text_field(
                    "Approver",
                    field(|n| n.approver.clone()),
                    move |v| update_node(editor, id, "Edit approver", |n| n.approver = v.trim().to_string()),
                    false,
                )}
                {flag_field(
                    "Approver apart from operator",
                    "Whoever entered the gate in a run may not sign it off",
                    move || node.with(|n| n.as_ref().is_some_and(|n| n.distinct_approver)),
                    move |on| update_node(editor, id, "Change approver rule", |n| n.distinct_approver = on),
                )}
            </Show>
            <Show when=is(NodeKind::Start)>
                {crate::panels::view_fields::planned_start_field(editor, id, node)}
            </Show>
            <Show when=is(NodeKind::End)>
                {flag_field(
                    "Aborted end",
                    "The migration was called off",
                    move || node.with(|n| n.as_ref().is_some_and(|n| n.aborted)),
                    move |on| update_node(editor, id, "Change end", |n| n.aborted = on),
                )}
            </Show>
            {text_field(
                "Owner",
                field(|n| n.owner.clone()),
                move |v| update_node(editor, id, "Edit owner", |n| n.owner = v.trim().to_string()),
                false,
            )}
            {text_area(
                "Notes",
                "",
                field(|n| n.notes.clone()),
                move |v| update_node(editor, id, "Edit notes", |n| n.notes = v),
                false,
            )}
            <fieldset class="connect">
                <legend>"Connect to another node"</legend>
                <select
                    aria-label="Target node"
                    data-connect-target=""
                    on:focus=move |_| listed.set(true)
                    on:change=move |ev| connect_target.set(input_value(&ev).parse().ok().map(NodeId))
                    inner_html=others
                ></select>
                <select aria-label="Edge kind" on:change=move |ev| {
                    if let Some(k) = EdgeKind::parse(&input_value(&ev)) {
                        connect_kind.set(k);
                    }
                }>
                    {EdgeKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.as_str()>{k.label()}</option> })
                        .collect_view()}
                </select>
                <button
                    disabled=move || connect_target.get().is_none()
                    on:click=move |_| {
                        if let Some(to) = connect_target.get_untracked() {
                            connect(editor, connect_kind.get_untracked(), id, to);
                        }
                    }
                >
                    "Connect"
                </button>
            </fieldset>
        </div>
    }
}

/// The list of checks of a verification node.
#[component]
fn ChecksEditor(id: NodeId, node: Memo<Option<Node>>) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let count = move || node.with(|n| n.as_ref().map_or(0, |n| n.checks.len()));
    let check = move |i: usize| {
        node.with(|n| {
            n.as_ref()
                .and_then(|n| n.checks.get(i).cloned())
                .unwrap_or_default()
        })
    };
    let edit = move |i: usize, label: &'static str, f: Box<dyn FnOnce(&mut Check)>| {
        update_node(editor, id, label, |n| {
            if let Some(c) = n.checks.get_mut(i) {
                f(c);
            }
        })
    };
    view! {
        <fieldset class="checks">
            <legend>"Checks"</legend>
            {move || {
                (0..count())
                    .map(|i| {
                        view! {
                            <div class="check-row">
                                <select aria-label=format!("Check {} kind", i + 1) on:change=move |ev| {
                                    if let Some(k) = CheckKind::parse(&input_value(&ev)) {
                                        edit(i, "Change check kind", Box::new(move |c| c.kind = k));
                                    }
                                }>
                                    {CheckKind::ALL
                                        .into_iter()
                                        .map(|k| view! { <option value=k.as_str() selected=move || check(i).kind == k>{k.label()}</option> })
                                        .collect_view()}
                                </select>
                                <input
                                    type="text"
                                    placeholder="What is checked"
                                    aria-label=format!("Check {} name", i + 1)
                                    prop:value=move || check(i).name
                                    on:change=move |ev| {
                                        let v = input_value(&ev).trim().to_string();
                                        edit(i, "Edit check", Box::new(move |c| c.name = v));
                                    }
                                />
                                <input
                                    type="text"
                                    placeholder="Threshold, e.g. lag < 5 s"
                                    aria-label=format!("Check {} threshold", i + 1)
                                    prop:value=move || check(i).threshold
                                    on:change=move |ev| {
                                        let v = input_value(&ev).trim().to_string();
                                        edit(i, "Edit threshold", Box::new(move |c| c.threshold = v));
                                    }
                                />
                                <button
                                    aria-label=format!("Remove check {}", i + 1)
                                    on:click=move |_| update_node(editor, id, "Remove check", |n| {
                                        if i < n.checks.len() {
                                            n.checks.remove(i);
                                        }
                                    })
                                >
                                    "×"
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button on:click=move |_| update_node(editor, id, "Add check", |n| n.checks.push(Check::default()))>
                "Add check"
            </button>
        </fieldset>
    }
}

#[component]
fn EdgeInspector(id: EdgeId) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let edge = Memo::new(move |_| editor.plan.with(|p| p.edge(id).cloned()));
    let ends = move || {
        editor.plan.with(|p| {
            let e = p.edge(id)?;
            let name = |n: NodeId| p.node(n).map(|n| n.title.clone()).unwrap_or_default();
            Some(format!("{} → {}", name(e.from), name(e.to)))
        })
    };
    view! {
        <div class="inspector-body" data-inspecting-edge=id.0.to_string()>
            <p class="ends">{ends}</p>
            <label class="field">
                <span>"Kind"</span>
                <select data-first-field="" on:change=move |ev| {
                    if let Some(k) = EdgeKind::parse(&input_value(&ev)) {
                        update_edge(editor, id, "Change edge kind", |e| e.kind = k);
                    }
                }>
                    {EdgeKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.as_str() selected=move || edge.with(|e| e.as_ref().map(|e| e.kind) == Some(k))>{k.label()}</option> })
                        .collect_view()}
                </select>
            </label>
            {text_field(
                "Label / condition",
                move || edge.with(|e| e.as_ref().map(|e| e.label.clone()).unwrap_or_default()),
                move |v| update_edge(editor, id, "Edit edge label", |e| e.label = v.trim().to_string()),
                false,
            )}
            <button class="swap" on:click=move |_| update_edge(editor, id, "Reverse edge", |e| std::mem::swap(&mut e.from, &mut e.to))>
                "Reverse direction"
            </button>
        </div>
    }
}

#[component]
pub fn Inspector() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let title = move || editor.plan.with(|p| p.title.clone());
    view! {
        <section class="inspector" aria-label="Inspector">
            <h2>"Inspector"</h2>
            {move || {
                let sel = editor.selection.get();
                if let Some(id) = sel.single_node() {
                    view! { <NodeInspector id /> }.into_any()
                } else if let Some(id) = sel.single_edge() {
                    view! { <EdgeInspector id /> }.into_any()
                } else if !sel.is_empty() {
                    let n = sel.nodes.len() + sel.edges.len();
                    view! { <p class="empty">{format!("{n} items selected. Delete removes them all.")}</p> }.into_any()
                } else {
                    view! {
                        <div class="inspector-body">
                            {text_field(
                                "Plan title",
                                title,
                                move |v| {
                                    if v.trim() != editor.plan.with_untracked(|p| p.title.clone()) {
                                        editor.apply("Rename plan", Edit::SetTitle(v.trim().to_string()));
                                    }
                                },
                                true,
                            )}
                            <label class="field">
                                <span>"Checked as"<small>"The rule pack: which checks run, and the words used"</small></span>
                                <select
                                    aria-label="Rule pack"
                                    on:change=move |ev| {
                                        if let Some(pack) = Pack::parse(&input_value(&ev)) {
                                            if pack != editor.plan.with_untracked(|p| p.pack) {
                                                editor.apply("Change rule pack", Edit::SetPack(pack));
                                            }
                                        }
                                    }
                                >
                                    {Pack::ALL
                                        .into_iter()
                                        .map(|p| view! { <option value=p.as_str() selected=move || editor.plan.with(|plan| plan.pack) == p>{p.label()}</option> })
                                        .collect_view()}
                                </select>
                            </label>
                            <p class="empty">"Select a node or edge to edit it. Shift-click or shift-drag selects several."</p>
                        </div>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
