//! The problems panel: every finding of live validation, worst first.
//! Clicking one selects its nodes and edges and pans to them (and, for a
//! finding about a phase's SQL, selects its line in the inspector); a quick-fix
//! button applies the fix as one undoable step.
//!
//! Test hooks (SPEC §9): `[data-testid=problems]`, one element per finding
//! with `data-rule` and `data-severity`.

use crate::editor::{Editor, Tone};
use leptos::prelude::*;
use migraflow_core::cause::group_by_cause;
use migraflow_core::fix::edit_for;
use migraflow_core::{Finding, QuickFix, Severity};

fn apply_fix(editor: Editor, fix: &QuickFix) {
    let edit = editor
        .plan
        .with_untracked(|p| edit_for(fix, p, &editor.geometry));
    match edit {
        Some(edit) => {
            editor.apply(fix.label(), edit);
        }
        None => editor.tell(
            Tone::Info,
            "That fix no longer applies to the plan as it is now.",
        ),
    }
}

#[component]
fn FindingRow(finding: Finding) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let primary = finding.primary();
    let Finding {
        rule,
        severity,
        message,
        hint,
        fix,
        sql_line,
        ..
    } = finding;
    // A finding about SQL also shows its line in the inspector's SQL field.
    let reveal = move |_| {
        if let Some(item) = primary {
            editor.reveal(item);
        }
        if let Some(line) = sql_line {
            // After the inspector has shown the newly selected phase.
            request_animation_frame(move || crate::panels::inspector::focus_sql_line(line));
        }
    };
    let tooltip = hint.clone();
    let icon = match severity {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "ℹ",
    };
    view! {
        <li class=format!("finding {}", severity.as_str()) data-rule=rule.code() data-severity=severity.as_str()>
            <button class="finding-main" on:click=reveal title=tooltip>
                <span class="sev" aria-hidden="true">{icon}</span>
                <span class="rule">{rule.code()}</span>
                <span class="message">{message}</span>
                <span class="hint">{hint}</span>
            </button>
            {fix
                .map(|fix| {
                    let label = fix.label();
                    view! {
                        <button class="quick-fix" on:click=move |_| apply_fix(editor, &fix) aria-label=format!("Quick fix: {label}")>
                            {label}
                        </button>
                    }
                })}
        </li>
    }
}

#[component]
pub fn ProblemsPanel() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let counts = move || {
        editor.findings.with(|f| {
            let errors = f.iter().filter(|x| x.severity == Severity::Error).count();
            (errors, f.len() - errors)
        })
    };
    // Thousands of findings on a broken generated plan would swamp the DOM:
    // show the first few hundred and say how many more there are.
    const SHOWN: usize = 300;
    let groups = Memo::new(move |_| {
        editor
            .plan
            .with(|plan| editor.findings.with(|f| group_by_cause(plan, f)))
    });
    view! {
        <section class="problems" data-testid="problems" aria-label="Problems">
            <h2>
                "Problems "
                <span class="count" aria-live="polite">
                    {move || {
                        let (e, w) = counts();
                        let causes = groups.with(Vec::len);
                        if e + w == 0 {
                            "none — the plan passes every check".to_string()
                        } else if causes < e + w {
                            format!("{e} errors, {w} warnings from {causes} {}", if causes == 1 { "cause" } else { "causes" })
                        } else {
                            format!("{e} errors, {w} warnings")
                        }
                    }}
                </span>
            </h2>
            <ul>
                {move || {
                    let groups = groups.get();
                    let findings = editor.findings.get();
                    let row = |i: usize| view! { <FindingRow finding=findings[i].clone() /> };
                    groups
                        .into_iter()
                        .take(SHOWN)
                        .map(|group| {
                            let n = group.follows.len();
                            view! {
                                {row(group.root)}
                                {(n > 0).then(|| view! {
                                    <li class="follows">
                                        <details>
                                            <summary>{format!("{n} more that follow from it")}</summary>
                                            <ul>{group.follows.into_iter().map(row).collect_view()}</ul>
                                        </details>
                                    </li>
                                })}
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {move || {
                // Counted in findings, like the header: those of the groups
                // not shown.
                let more: usize = groups.with(|g| g.iter().skip(SHOWN).map(|g| 1 + g.follows.len()).sum());
                (more > 0).then(|| view! { <p class="more">{format!("… and {more} more")}</p> })
            }}
        </section>
    }
}
