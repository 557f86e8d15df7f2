//! The oracle for the views of SPEC §10: for a plan, what Mermaid's parser
//! must read from each view, restated from the plan and SPEC §10 (not from
//! the exporters), for `tests/e2e/mermaid-render.spec.mjs` to compare with
//! the diagram's database after parsing. Lists are compared as multisets
//! (sorted), so the oracle does not need the exporters' step order.
//!
//! Also the pitfalls of issue 18, each as a small plan rendered with every
//! view.

use migraflow_core::duration::parse_duration;
use migraflow_core::mermaid::View;
use migraflow_core::run::moves::is_no_go_branch;
use migraflow_core::touch::Touch;
use migraflow_core::{Check, CheckKind, Document, EdgeKind, Node, NodeKind, PhaseTag, Point};
use serde_json::{json, Value};

/// A node's text in the views: its trimmed title, or its kind's name.
fn shown(node: &Node) -> String {
    match node.title.trim() {
        "" => node.kind.label().to_owned(),
        title => title.to_owned(),
    }
}

fn sorted(mut items: Vec<Value>) -> Vec<Value> {
    items.sort_by_key(|v| v.to_string());
    items
}

/// `<name>: <threshold>`, either alone, or the fallback when both are empty.
fn check_text(name: &str, threshold: &str, fallback: String) -> String {
    match (name.trim(), threshold.trim()) {
        ("", "") => fallback,
        (n, "") => n.to_owned(),
        ("", t) => t.to_owned(),
        (n, t) => format!("{n}: {t}"),
    }
}

/// Every view's expectation for `doc`.
pub fn expectations(doc: &Document) -> Vec<(View, Value)> {
    vec![
        (View::Gantt, gantt(doc)),
        (View::Sequence, sequence(doc)),
        (View::Requirement, requirement(doc)),
        (View::Timeline, timeline(doc)),
        (View::GitGraph, gitgraph(doc)),
    ]
}

fn labels(doc: &Document) -> Vec<String> {
    doc.plan.nodes.values().map(shown).collect()
}

/// One task per node: a bar as long as a readable planned duration of a
/// phase, otherwise a milestone; `crit` for phases not safe to roll back to.
fn gantt(doc: &Document) -> Value {
    let tasks = doc
        .plan
        .nodes
        .values()
        .map(|n| {
            let seconds = (n.kind == NodeKind::Phase)
                .then(|| parse_duration(&n.planned_duration).ok().flatten())
                .flatten();
            json!({
                "name": shown(n),
                "milestone": seconds.is_none(),
                "seconds": seconds.unwrap_or(0),
                "crit": n.kind == NodeKind::Phase && !n.safe,
            })
        })
        .collect();
    json!({ "view": "gantt", "tasks": sorted(tasks), "labels": labels(doc) })
}

/// One message per system a phase touches (guessed from its tag when it
/// names none), per check, per go criterion, per way back.
fn sequence(doc: &Document) -> Value {
    let plan = &doc.plan;
    let mut messages = Vec::new();
    let mut say = |to: &str, text: String| messages.push(json!({ "to": to, "text": text }));
    for node in plan.nodes.values() {
        match node.kind {
            NodeKind::Phase => {
                let named = if node.touches.is_empty() {
                    Touch::guessed(node.phase).to_vec()
                } else {
                    node.touches.clone()
                };
                let mut to: Vec<&str> = named
                    .iter()
                    .filter(|&&t| t != Touch::Operator)
                    .map(|t| t.as_str())
                    .collect();
                to.sort();
                to.dedup();
                if to.is_empty() {
                    to.push("operator");
                }
                for t in to {
                    say(t, shown(node));
                }
            }
            NodeKind::Verification => {
                if node.checks.is_empty() {
                    say("operator", shown(node));
                }
                for c in &node.checks {
                    let to = match c.kind {
                        CheckKind::ReplicationLag => "replica",
                        CheckKind::RowCount | CheckKind::DataParity => "primary",
                        CheckKind::HealthProbe | CheckKind::ErrorRate => "app",
                        CheckKind::Custom => "operator",
                    };
                    say(to, check_text(&c.name, &c.threshold, shown(node)));
                }
            }
            NodeKind::Gate => {
                say("operator", shown(node));
                let criteria: Vec<&String> = node
                    .go_criteria
                    .iter()
                    .filter(|c| !c.trim().is_empty())
                    .collect();
                if criteria.is_empty() {
                    say("operator", "Go".to_owned());
                }
                for c in criteria {
                    say("operator", c.trim().to_owned());
                }
            }
            NodeKind::Start | NodeKind::End => {}
        }
        let backs: Vec<String> = plan
            .edges
            .values()
            .filter(|e| e.from == node.id)
            .filter(|e| {
                e.kind == EdgeKind::Rollback
                    || (node.kind == NodeKind::Gate && is_no_go_branch(plan, e))
            })
            .map(|e| {
                let target = shown(&plan.nodes[&e.to]);
                match e.label.trim() {
                    "" => format!("Back to {target}"),
                    label => format!("Back to {target} ({label})"),
                }
            })
            .collect();
        if node.kind == NodeKind::Gate && backs.is_empty() {
            say("operator", "Stop".to_owned());
        }
        for back in backs {
            say("operator", back);
        }
    }
    let labels: Vec<Value> = messages.iter().map(|m| m["text"].clone()).collect();
    json!({ "view": "sequence", "messages": sorted(messages), "labels": labels })
}

/// One requirement per check (or per verification without checks), each
/// verified by its node; the phases guarding it satisfy it, and the gates
/// after it trace it.
fn requirement(doc: &Document) -> Value {
    let plan = &doc.plan;
    let mut requirements = Vec::new();
    let mut relations = Vec::new();
    for node in plan
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Verification)
    {
        let texts: Vec<String> = if node.checks.is_empty() {
            vec![shown(node)]
        } else {
            node.checks
                .iter()
                .map(|c| check_text(&c.name, &c.threshold, shown(node)))
                .collect()
        };
        let mut phases: Vec<String> = plan
            .edges
            .values()
            .filter(|e| e.to == node.id && e.kind != EdgeKind::Rollback)
            .filter(|e| plan.nodes[&e.from].kind == NodeKind::Phase)
            .map(|e| e.from.to_string())
            .collect();
        phases.sort();
        phases.dedup();
        let mut gates: Vec<String> = plan
            .edges
            .values()
            .filter(|e| e.from == node.id && e.kind == EdgeKind::Forward)
            .filter(|e| plan.nodes[&e.to].kind == NodeKind::Gate)
            .map(|e| e.to.to_string())
            .collect();
        gates.sort();
        gates.dedup();
        for text in texts {
            requirements.push(json!(text));
            relations.push(json!(["verifies", node.id.to_string()]));
            relations.extend(phases.iter().map(|p| json!(["satisfies", p])));
            relations.extend(gates.iter().map(|g| json!(["traces", g])));
        }
    }
    json!({
        "view": "requirement",
        "requirements": sorted(requirements),
        "relations": sorted(relations),
    })
}

/// One period per node with its events.
fn timeline(doc: &Document) -> Value {
    let periods = doc
        .plan
        .nodes
        .values()
        .map(|n| {
            let mut events: Vec<String> = Vec::new();
            match n.kind {
                NodeKind::Phase => {
                    if !n.planned_duration.trim().is_empty() {
                        events.push(format!("Planned {}", n.planned_duration.trim()));
                    }
                    if !n.safe {
                        events.push("Point of no return".to_owned());
                    }
                }
                NodeKind::Verification => events.extend(
                    n.checks
                        .iter()
                        .map(|c| check_text(&c.name, &c.threshold, shown(n))),
                ),
                NodeKind::Gate => {
                    if !n.approver.trim().is_empty() {
                        events.push(format!("Approved by {}", n.approver.trim()));
                    }
                    events.extend(n.go_criteria.iter().map(|c| c.trim().to_owned()));
                }
                _ => {}
            }
            events.retain(|e| !e.is_empty());
            json!({ "period": shown(n), "events": events })
        })
        .collect();
    json!({ "view": "timeline", "periods": sorted(periods), "labels": labels(doc) })
}

/// A commit per node (`n7 <title>`) and a deploy merge per phase, the
/// phase's commit on its lane; a verification's checks as its tags; a
/// `start` commit first when there is no start node.
fn gitgraph(doc: &Document) -> Value {
    let mut commits = Vec::new();
    // A plan without a start node begins with a phase here.
    if !doc.plan.nodes.values().any(|n| n.kind == NodeKind::Start) {
        commits.push(json!({ "id": "start", "branch": "main", "tags": [] }));
    }
    for n in doc.plan.nodes.values() {
        let id = format!("{} {}", n.id, shown(n));
        let tags: Vec<String> = if n.kind == NodeKind::Verification {
            n.checks
                .iter()
                .map(|c| match c.name.trim() {
                    "" => c.threshold.trim().to_owned(),
                    name => name.to_owned(),
                })
                .filter(|t| !t.is_empty())
                .collect()
        } else {
            Vec::new()
        };
        if n.kind == NodeKind::Phase {
            let app = matches!(n.phase, PhaseTag::DualWrite | PhaseTag::Cutover)
                || (n.phase == PhaseTag::Custom
                    && n.touches
                        .iter()
                        .any(|t| matches!(t, Touch::App | Touch::Router | Touch::Worker))
                    && !n.touches.contains(&Touch::Primary));
            let lane = if app { "app" } else { "schema" };
            commits.push(json!({ "id": id, "branch": lane, "tags": tags }));
            commits.push(json!({ "id": format!("deploy {}", n.id), "branch": "main", "tags": [] }));
        } else {
            commits.push(json!({ "id": id, "branch": "main", "tags": tags }));
        }
    }
    json!({ "view": "gitgraph", "commits": sorted(commits), "labels": labels(doc) })
}

/// The pitfalls of issue 18, each a small plan, every text in a place
/// where it once broke a view.
pub fn pitfall_documents() -> Vec<(String, Document)> {
    let pitfalls: [(&str, &[&str]); 8] = [
        // Sequence: `;` fails to parse, `#` silently cuts the message.
        (
            "sequence-semicolon-hash",
            &["a; b", "a # b", "#35; and #59;"],
        ),
        // Timeline and journey: `:` splits events; Gantt: ends a name.
        ("colon", &["Expand: add column", "a::b", "trailing:"]),
        // Gantt: a name read as a statement.
        (
            "gantt-keywords",
            &[
                "section x",
                "title y",
                "click n1 call alert()",
                "2026-01-01 deploy",
                "excludes weekends",
                "x%y",
            ],
        ),
        // Sequence: participants and blocks named by keywords.
        (
            "sequence-keywords",
            &["end", "box", "loop", "critical", "option no-go"],
        ),
        // Timeline: a period read as a statement or a comment.
        (
            "timeline-keywords",
            &["title x", "section y", "z%%q", "d # e"],
        ),
        // Requirement: `:` and `<` unquoted fail; `direction TB` anywhere.
        (
            "requirement-text",
            &["a: b < c", "x direction TB y", "{ \"quoted\" }"],
        ),
        // Git graph: ids must be unique (same titles) and quoted.
        (
            "gitgraph-duplicates",
            &["Deploy", "Deploy", "\"quoted\" id"],
        ),
        // Sections and tags made of keywords and delimiters.
        (
            "delimiters",
            &["[a] {b} (c) |d|", "-->> ->> --x", "<b>bold</b> &amp;"],
        ),
    ];
    let mut out: Vec<(String, Document)> = pitfalls
        .iter()
        .map(|(name, titles)| (format!("pitfall-{name}"), chain(titles)))
        .collect();
    // Gantt: the first task needs a date, and durations are one unit; git
    // graph: the first step is on a lane not yet created (no start node).
    let mut doc = Document::new("No start node");
    let app = doc.add_node(NodeKind::Phase, "Deploy app v2", Point::new(0.0, 0.0));
    doc.node_mut(app).phase = PhaseTag::Cutover;
    doc.node_mut(app).planned_duration = "1h30m".to_owned();
    let schema = doc.add_node(NodeKind::Phase, "Backfill", Point::new(200.0, 0.0));
    doc.node_mut(schema).phase = PhaseTag::Backfill;
    doc.node_mut(schema).planned_duration = "1d 2h 3m 4s".to_owned();
    doc.add_edge(EdgeKind::Forward, app, schema, "");
    out.push(("pitfall-gantt-first-task".to_owned(), doc));
    out
}

/// Start → a phase per title (touching every system, the last one not
/// safe) → a verification whose checks are the titles → a gate whose go
/// criteria are the titles → end, with a rollback from the verification.
fn chain(titles: &[&str]) -> Document {
    let mut doc = Document::new(titles.join(" "));
    let start = doc.add_node(NodeKind::Start, "Start", Point::new(0.0, 0.0));
    doc.node_mut(start).planned_start = "2026-03-01 22:00".to_owned();
    let mut last = start;
    for (k, title) in titles.iter().enumerate() {
        let phase = doc.add_node(NodeKind::Phase, title, Point::new(200.0 * k as f64, 0.0));
        let node = doc.node_mut(phase);
        node.phase = PhaseTag::ALL[k % PhaseTag::ALL.len()];
        node.touches = Touch::ALL.to_vec();
        node.planned_duration = "45m".to_owned();
        node.safe = k + 1 < titles.len();
        doc.add_edge(EdgeKind::Forward, last, phase, title);
        last = phase;
    }
    let check = doc.add_node(NodeKind::Verification, titles[0], Point::new(0.0, 200.0));
    doc.node_mut(check).checks = titles
        .iter()
        .map(|t| Check {
            kind: CheckKind::ReplicationLag,
            name: (*t).to_owned(),
            threshold: (*t).to_owned(),
        })
        .collect();
    let gate = doc.add_node(NodeKind::Gate, titles[0], Point::new(200.0, 200.0));
    doc.node_mut(gate).go_criteria = titles.iter().map(|t| (*t).to_owned()).collect();
    doc.node_mut(gate).approver = titles[0].to_owned();
    let end = doc.add_node(NodeKind::End, "Done", Point::new(400.0, 200.0));
    let aborted = doc.add_node(NodeKind::End, titles[0], Point::new(400.0, 400.0));
    doc.node_mut(aborted).aborted = true;
    doc.add_edge(EdgeKind::Validation, last, check, "");
    doc.add_edge(EdgeKind::Forward, check, gate, "");
    doc.add_edge(EdgeKind::Forward, gate, end, "go");
    doc.add_edge(EdgeKind::Forward, gate, aborted, "no-go");
    doc.add_edge(EdgeKind::Rollback, check, start, titles[0]);
    doc
}
