//! The problems panel: every finding of live validation, worst first.
//! Clicking one selects its nodes and edges and pans to them (and, for a
//! finding about a phase's SQL, selects its line in the inspector); a quick-fix
//! button applies the fix as one undoable step.
//!
//! Test hooks (SPEC §9): `[data-testid=problems]`, one element per finding
//! with `data-rule` and `data-severity`.

use crate::editor::{Editor, Tone};
use leptos::prelude::*;
use migraflow_core::drawing::{escape, escape_attr};
use migraflow_core::fix::edit_for;
use migraflow_core::{Finding, QuickFix, Severity};
use std::fmt::Write;

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

/// One finding as a list item: the button that reveals it, and its quick
/// fix if it has one; `index` is its place in the findings (`data-finding`).
fn row(out: &mut String, index: usize, finding: &Finding) {
    let severity = finding.severity.as_str();
    let icon = match finding.severity {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "ℹ",
    };
    let code = finding.rule.code();
    let _ = write!(
        out,
        r#"<li class="finding {severity}" data-rule="{code}" data-severity="{severity}" data-finding="{index}"><button class="finding-main" title="{}"><span class="sev" aria-hidden="true">{icon}</span><span class="rule">{code}</span><span class="message">{}</span><span class="hint">{}</span></button>"#,
        escape_attr(&finding.hint),
        escape(&finding.message),
        escape(&finding.hint)
    );
    if let Some(fix) = &finding.fix {
        let label = escape_attr(fix.label());
        let _ = write!(
            out,
            r#"<button class="quick-fix" aria-label="Quick fix: {label}">{label}</button>"#
        );
    }
    out.push_str("</li>");
}

/// The list's items: each cause, then what follows from it folded under
/// it, up to [`shown_end`]. Markup under one listener: a view per row and
/// button cost far more wasm than the text.
fn rows(findings: &[Finding]) -> String {
    let end = shown_end(findings);
    let mut out = String::new();
    let mut i = 0;
    while i < end {
        let n = findings[i + 1..end]
            .iter()
            .take_while(|f| f.follows == Some(i))
            .count();
        row(&mut out, i, &findings[i]);
        if n > 0 {
            let _ = write!(
                out,
                r#"<li class="follows"><details><summary>{n} more that follow from it</summary><ul>"#
            );
            for (j, f) in findings.iter().enumerate().skip(i + 1).take(n) {
                row(&mut out, j, f);
            }
            out.push_str("</ul></details></li>");
        }
        i += 1 + n;
    }
    out
}

/// Reveals finding `index` (selects its subject and pans to it; a finding
/// about SQL also shows its line in the inspector's SQL field), or applies
/// its quick fix.
fn act(editor: Editor, index: usize, fix: bool) {
    let Some(finding) = editor.findings.with_untracked(|f| f.get(index).cloned()) else {
        return;
    };
    if fix {
        if let Some(fix) = &finding.fix {
            apply_fix(editor, fix);
        }
        return;
    }
    if let Some(item) = finding.primary() {
        editor.reveal(item);
    }
    if let Some(line) = finding.sql_line {
        crate::panels::inspector::focus_sql_line(line);
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
    let click = move |ev: web_sys::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(button) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("button").ok().flatten())
        else {
            return;
        };
        let index = button
            .closest("[data-finding]")
            .ok()
            .flatten()
            .and_then(|li| li.get_attribute("data-finding"))
            .and_then(|i| i.parse().ok());
        if let Some(index) = index {
            act(editor, index, button.class_name() == "quick-fix");
        }
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
            <ul on:click=click inner_html=move || editor.findings.with(|f| rows(f))></ul>
            {move || {
                let more = editor.findings.with(|f| f.len() - shown_end(f));
                (more > 0).then(|| view! { <p class="more">{format!("… and {more} more")}</p> })
            }}
        </section>
    }
}
