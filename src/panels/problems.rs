//! The problems panel: every finding of live validation, worst first.
//! Clicking one selects its nodes and edges and pans to them (and, for a
//! finding about a phase's SQL, selects its line in the inspector); a quick-fix
//! button applies the fix as one undoable step.
//!
//! Test hooks (SPEC §9): `[data-testid=problems]`, one element per finding
//! with `data-rule` and `data-severity`.

use crate::editor::{Editor, Tone};
use leptos::prelude::*;
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

/// Where the list stops: after the first `SHOWN` causes and what follows
/// from them. Thousands of findings on a broken generated plan would swamp
/// the DOM; the rest are counted instead.
fn shown_end(findings: &[Finding]) -> usize {
    const SHOWN: usize = 300;
    findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.follows.is_none())
        .nth(SHOWN)
        .map_or(findings.len(), |(i, _)| i)
}

#[component]
pub fn ProblemsPanel() -> impl IntoView {
    let editor = expect_context::<Editor>();
    // The findings come grouped by cause (`Finding::follows`): each cause,
    // then what follows from it, folded under it.
    let counts = move || {
        editor.findings.with(|f| {
            let errors = f.iter().filter(|x| x.severity == Severity::Error).count();
            let causes = f.iter().filter(|x| x.follows.is_none()).count();
            (errors, f.len() - errors, causes)
        })
    };
    view! {
        <section class="problems" data-testid="problems" aria-label="Problems">
            <h2>
                "Problems "
                <span class="count" aria-live="polite">
                    {move || {
                        let (e, w, causes) = counts();
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
                    let findings = editor.findings.get();
                    let end = shown_end(&findings);
                    let row = |f: &Finding| view! { <FindingRow finding=f.clone() /> };
                    let mut rows = Vec::new();
                    let mut i = 0;
                    while i < end {
                        let n = findings[i + 1..end].iter().take_while(|f| f.follows == Some(i)).count();
                        let follows = &findings[i + 1..=i + n];
                        rows.push(view! {
                            {row(&findings[i])}
                            {(n > 0).then(|| view! {
                                <li class="follows">
                                    <details>
                                        <summary>{format!("{n} more that follow from it")}</summary>
                                        <ul>{follows.iter().map(row).collect_view()}</ul>
                                    </details>
                                </li>
                            })}
                        });
                        i += 1 + n;
                    }
                    rows
                }}
            </ul>
            {move || {
                let more = editor.findings.with(|f| f.len() - shown_end(f));
                (more > 0).then(|| view! { <p class="more">{format!("… and {more} more")}</p> })
            }}
        </section>
    }
}
