//! Shared by the Mermaid tests and `examples/mermaid_corpus.rs`: the
//! adversarial label corpus and the documents built from it.

#![allow(dead_code)] // each test crate uses a different part

use migraflow_core::{Check, CheckKind, Document, EdgeKind, NodeKind, PhaseTag, Point};

/// Labels that have broken Mermaid output somewhere: markup, every
/// delimiter of the flowchart and stateDiagram grammars, Mermaid keywords,
/// entity codes, directives, KaTeX and icon syntax, line breaks, invisible
/// characters and non-Latin scripts. Each must render as written.
pub const ADVERSARIAL_LABELS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)> javascript:alert(1)",
    "\"double\" and 'single' quotes",
    "\"] --> evil[\"x",
    "brackets [] {} () [[x]] ([y]) {{z}} (((w)))",
    "pipes | a||b |\"|",
    "hash # #35; #quot; &amp; &lt; &#65; #9731;",
    "semicolon; colon: a::b trailing:",
    "`starts with a backtick` and ```fenced```",
    "%% not a comment %%{init: {\"theme\":\"dark\"}}%%",
    "%% migraflow: {\"node\":\"n1\",\"x\":0}",
    "line one\nline two\n\nafter a blank line",
    "end",
    "class",
    "subgraph x\nend",
    "click n1 call alert()",
    "$$x^2$$ fa:fa-car direction TB",
    "style x:y#35;z classDef a:b#c;",
    "-->|x| -.-> ==> A---oB ~~~ @{ shape: rect }",
    "<br/> literal and &lt;br&gt;",
    "   leading and trailing spaces   ",
    "",
    "tab\there, CR\rthere, RTL \u{202e}override\u{202c}, isolate \u{2066}x\u{2069}",
    "emoji 🚀💥👩‍💻 flag 🇩🇪",
    "עברית: העברת עמודה",
    "العربية: ترحيل العمود",
    "中文 数据库迁移, 日本語 データベース, 한국어 데이터베이스",
    "a reasonably long label that goes on and on to see how Mermaid wraps long text in a node",
];

/// Labels with Mermaid's own entity placeholders (`ﬂ°°35¶ß`), which
/// Mermaid.js decodes a second time and so cannot show as written (see
/// `mermaid::escape`); they must still survive export and import.
pub const MERMAID_PLACEHOLDER_LABELS: &[&str] = &["Mermaid placeholders ¶ß ﬂ°°35¶ß ﬂ°lt¶ß", "¶ßﬂ°"];

/// Every label the round-trip tests use.
pub fn all_labels() -> impl Iterator<Item = &'static str> {
    ADVERSARIAL_LABELS
        .iter()
        .chain(MERMAID_PLACEHOLDER_LABELS)
        .copied()
}

/// A plan that uses every node kind, edge kind and node field, with
/// `label` as every piece of user text: the title, each node's title
/// (but start and end), each field, and every edge label but one.
pub fn label_document(label: &str) -> Document {
    let mut doc = Document::new(label);
    let start = doc.add_node(NodeKind::Start, "Start", Point::new(80.0, 120.0));
    let phase = doc.add_node(NodeKind::Phase, label, Point::new(320.0, 120.0));
    let check = doc.add_node(NodeKind::Verification, label, Point::new(560.0, 120.0));
    let gate = doc.add_node(NodeKind::Gate, label, Point::new(800.0, 120.0));
    let end = doc.add_node(NodeKind::End, "Done", Point::new(1040.0, 120.0));
    let node = doc.node_mut(phase);
    node.phase = PhaseTag::DualWrite;
    node.notes = label.to_owned();
    node.entry_conditions = vec![label.to_owned()];
    node.exit_conditions = vec![label.to_owned(), String::new()];
    node.owner = label.to_owned();
    node.sql = label.to_owned();
    doc.node_mut(check).checks = vec![Check {
        kind: CheckKind::RowCount,
        name: label.to_owned(),
        threshold: label.to_owned(),
    }];
    let node = doc.node_mut(gate);
    node.go_criteria = vec![label.to_owned()];
    node.approver = label.to_owned();
    doc.add_edge(EdgeKind::Forward, start, phase, label);
    doc.add_edge(EdgeKind::Validation, phase, check, label);
    doc.add_edge(EdgeKind::Forward, check, gate, "");
    doc.add_edge(EdgeKind::Forward, gate, end, label);
    doc.add_edge(EdgeKind::Rollback, check, start, label);
    doc
}

/// A realistic zero-downtime column rename with ids that have gaps (nodes
/// and edges were deleted), an aborted end, a point of no return, and
/// nodes without a title.
pub fn rename_column() -> Document {
    let mut doc = Document::new("Rename users.email → users.email_address");
    let start = doc.add_node(NodeKind::Start, "Start", Point::new(80.0, 200.0));
    let audit = doc.add_node(NodeKind::Phase, "Schema audit", Point::new(300.0, 200.0));
    let expand = doc.add_node(
        NodeKind::Phase,
        "Add column email_address",
        Point::new(520.0, 200.0),
    );
    let removed = doc.add_node(NodeKind::Phase, "removed", Point::default());
    let dual = doc.add_node(NodeKind::Phase, "Dual-write", Point::new(740.0, 200.0));
    let lag = doc.add_node(NodeKind::Verification, "", Point::new(740.0, 360.0));
    let gate = doc.add_node(
        NodeKind::Gate,
        "Go / no-go: cutover",
        Point::new(960.0, 200.0),
    );
    let cutover = doc.add_node(NodeKind::Phase, "Switch reads", Point::new(1180.0, 200.0));
    let contract = doc.add_node(
        NodeKind::Phase,
        "Drop column email",
        Point::new(1400.0, 200.0),
    );
    let done = doc.add_node(NodeKind::End, "Done", Point::new(1620.0, 200.0));
    let aborted = doc.add_node(NodeKind::End, "Aborted", Point::new(960.0, 400.0));
    doc.plan.nodes.remove(&removed);
    doc.layout.positions.remove(&removed);
    for (id, tag) in [
        (audit, PhaseTag::Audit),
        (expand, PhaseTag::Expand),
        (dual, PhaseTag::DualWrite),
        (cutover, PhaseTag::Cutover),
        (contract, PhaseTag::Contract),
    ] {
        doc.node_mut(id).phase = tag;
    }
    let node = doc.node_mut(expand);
    node.sql = "ALTER TABLE users ADD COLUMN email_address text;".to_owned();
    node.owner = "dba-team".to_owned();
    let node = doc.node_mut(dual);
    node.entry_conditions = vec!["email_address exists on every replica".to_owned()];
    node.exit_conditions = vec!["0 rows differ for 24 h".to_owned()];
    node.notes = "App v2.3 writes both columns.\nReads stay on `email`.".to_owned();
    doc.node_mut(lag).checks = vec![Check {
        kind: CheckKind::ReplicationLag,
        name: "replica lag".to_owned(),
        threshold: "< 5 s".to_owned(),
    }];
    let node = doc.node_mut(gate);
    node.go_criteria = vec!["lag < 5 s".to_owned(), "error rate < 0.1 %".to_owned()];
    node.approver = "SRE on call".to_owned();
    doc.node_mut(contract).safe = false;
    doc.node_mut(aborted).aborted = true;
    doc.add_edge(EdgeKind::Forward, start, audit, "");
    let dropped = doc.add_edge(EdgeKind::Forward, start, expand, "");
    doc.add_edge(EdgeKind::Forward, audit, expand, "schema ok");
    doc.add_edge(EdgeKind::Rollback, expand, start, "drop column");
    doc.add_edge(EdgeKind::Forward, expand, dual, "");
    doc.add_edge(EdgeKind::Validation, dual, lag, "");
    doc.add_edge(EdgeKind::Forward, lag, gate, "lag < 5 s");
    doc.add_edge(EdgeKind::Rollback, lag, expand, "on failure");
    doc.add_edge(EdgeKind::Forward, gate, cutover, "go");
    doc.add_edge(EdgeKind::Forward, gate, aborted, "no-go");
    doc.add_edge(EdgeKind::Rollback, cutover, dual, "switch back");
    doc.add_edge(EdgeKind::Forward, cutover, contract, "");
    doc.add_edge(EdgeKind::Forward, contract, done, "");
    doc.plan.edges.remove(&dropped);
    doc
}

/// A document as readable lines, for expect-tests: the title, one line
/// per node (`n2 phase/dual_write "Dual-write" @ 320,80`) and per edge
/// (`e1 n1 --> n2 "go"`), plus the warnings.
pub fn describe(doc: &Document, warnings: &[String]) -> String {
    let mut out = format!("title {:?}\n", doc.plan.title);
    for node in doc.plan.nodes.values() {
        let kind = match node.phase_tag() {
            Some(tag) => format!("phase/{}", tag.as_str()),
            None => node.kind.as_str().to_owned(),
        };
        let at = doc.layout.at(node.id);
        out += &format!("{} {kind} {:?} @ {},{}", node.id, node.title, at.x, at.y);
        if !node.stage.is_empty() {
            out += &format!(" in {:?}", node.stage);
        }
        out.push('\n');
    }
    for edge in doc.plan.edges.values() {
        let arrow = match edge.kind {
            EdgeKind::Forward => "-->",
            EdgeKind::Rollback => "-.->",
            EdgeKind::Validation => "==>",
        };
        out += &format!(
            "{} {} {arrow} {} {:?}\n",
            edge.id, edge.from, edge.to, edge.label
        );
    }
    for warning in warnings {
        out += &format!("warning: {warning}\n");
    }
    out
}

/// Checks that every line of an exported flowchart has one of the fixed
/// forms, with user text only inside the quotes of a label or the strings
/// of a metadata comment, and that label text cannot break out: no `"`,
/// no markup but `<br/>`, no `%%`, no invisible character.
pub fn assert_flowchart_structure(text: &str) {
    let mut lines = text.lines();
    let header = lines.next();
    assert!(
        matches!(header, Some("flowchart LR" | "flowchart TD")),
        "{header:?}"
    );
    for line in lines {
        let line = line
            .strip_prefix("    ")
            .unwrap_or_else(|| panic!("not indented: {line:?}"));
        if let Some(json) = line.strip_prefix("%% migraflow: ") {
            assert!(
                serde_json::from_str::<serde_json::Value>(json).is_ok(),
                "{line}"
            );
            assert!(
                !json.contains('%') && json.chars().all(|c| !c.is_control()),
                "{line}"
            );
        } else if let Some(stage) = line.strip_prefix("subgraph s") {
            // `subgraph s1["Stage"]`: a generated id and a safe label.
            let (digits, label) = stage.split_once("[\"").unwrap_or_else(|| panic!("{line}"));
            assert!(digits.parse::<u32>().is_ok(), "{line}");
            let label = label
                .strip_suffix("\"]")
                .unwrap_or_else(|| panic!("{line}"));
            assert_safe_label(label, line);
        } else if line == "end" {
        } else if let Some(member) = line.strip_prefix("    ") {
            assert_eq!(generated_id(member).1, "", "a stage's member: {line}");
        } else if line.starts_with("classDef ") || line.starts_with("class ") {
            let fixed = |c: char| c.is_ascii_alphanumeric() || " _:#,-".contains(c);
            assert!(line.chars().all(fixed), "{line}");
        } else {
            assert_node_or_edge_line(line);
        }
    }
}

fn assert_node_or_edge_line(line: &str) {
    let (_, rest) = generated_id(line);
    const SHAPES: [(&str, &str); 4] = [
        ("([\"", "\"])"),
        ("[\"", "\"]"),
        ("{{\"", "\"}}"),
        ("{\"", "\"}"),
    ];
    if let Some(label) = SHAPES
        .iter()
        .find_map(|(open, close)| rest.strip_prefix(open)?.strip_suffix(close))
    {
        assert_safe_label(label, line);
        return;
    }
    let rest = rest.strip_prefix(' ').unwrap_or_else(|| panic!("{line}"));
    let rest = ["-->", "-.->", "==>"]
        .iter()
        .find_map(|arrow| rest.strip_prefix(arrow))
        .unwrap_or_else(|| panic!("no arrow: {line}"));
    let target = match rest.strip_prefix("|\"") {
        Some(labelled) => {
            let (label, target) = labelled
                .split_once("\"| ")
                .unwrap_or_else(|| panic!("{line}"));
            assert_safe_label(label, line);
            target
        }
        None => rest.strip_prefix(' ').unwrap_or_else(|| panic!("{line}")),
    };
    assert_eq!(generated_id(target).1, "", "{line}");
}

/// Splits `n123` off the start of `text`.
fn generated_id(text: &str) -> (&str, &str) {
    let digits = text
        .strip_prefix('n')
        .unwrap_or_else(|| panic!("not a generated id: {text}"));
    let len = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    assert!(len > 0, "not a generated id: {text}");
    (&text[..len + 1], &digits[len..])
}

fn assert_safe_label(label: &str, line: &str) {
    let without_breaks = label.replace("<br/>", "");
    assert!(!label.is_empty(), "{line}");
    assert!(!without_breaks.contains(['"', '<', '>', '&']), "{line}");
    assert!(
        !label.contains("%%") && !label.contains("$$") && !label.starts_with('`'),
        "{line}"
    );
    assert!(
        !label
            .chars()
            .any(|c| c.is_control() || c == '\u{2028}' || c == '\u{202e}'),
        "{line}"
    );
}
