//! A compact text notation for plans in tests, and renderings of plans and
//! findings in the same terms, for `expect!` snapshots.
//!
//! One declaration per line; blank lines and `#` comments are skipped.
//!
//! - Node: `<kind> <name> [tag] ["title"] [flags…]`, kind one of `start`,
//!   `end`, `phase`, `verify`, `gate`; tag a phase tag (`expand`,
//!   `dual_write`…, default `custom`); the title defaults to the name (`""`
//!   leaves it blank). Flags: `unsafe`, `aborted`, `distinct` (a gate's
//!   approver must not be its operator), and `key="value"` with key
//!   `entry`, `exit` (a condition), `check` (a check with that name),
//!   `threshold` and `check_kind` (of the check before it: a
//!   [`crate::plan::CheckKind`] name, checks being `custom` without it),
//!   `go` (a go criterion),
//!   `approver`, `owner`, `sql`, `duration` (planned), `starts` (the
//!   planned start), each repeatable
//!   where the field is a list; `@x,y` places the node there.
//! - Edges: `A -> B` forward, `A ~> B` rollback, `A => B` validation,
//!   chained (`S -> A -> V ~> S`); a quoted string after a node labels the
//!   edge into it (`G -> B "go"`). Nodes are declared before use.
//!
//! Nodes get ids `n1, n2, …` in declaration order and, unless placed, sit
//! 200 units apart on one row; edges get `e1, e2, …`.

use super::validate;
use crate::document::Document;
use crate::finding::{Finding, QuickFix, RuleId};
use crate::geometry::Point;
use crate::id::{EdgeId, NodeId};
use crate::plan::{Check, CheckKind, Edge, EdgeKind, Node, NodeKind, PhaseTag, Plan};
use expect_test::Expect;
use std::collections::BTreeMap;

/// A parsed fixture: the document and the names its nodes were given.
pub(crate) struct Fixture {
    pub doc: Document,
    names: BTreeMap<NodeId, String>,
}

const ARROWS: [(&str, EdgeKind); 3] = [
    ("->", EdgeKind::Forward),
    ("~>", EdgeKind::Rollback),
    ("=>", EdgeKind::Validation),
];

const KINDS: [(&str, NodeKind); 5] = [
    ("start", NodeKind::Start),
    ("end", NodeKind::End),
    ("phase", NodeKind::Phase),
    ("verify", NodeKind::Verification),
    ("gate", NodeKind::Gate),
];

impl Fixture {
    pub fn parse(text: &str) -> Fixture {
        let mut fixture = Fixture {
            doc: Document::new("fixture"),
            names: BTreeMap::new(),
        };
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let tokens = tokens(line);
            if tokens.get(1).is_some_and(|token| arrow(token).is_some()) {
                fixture.add_edges(&tokens);
            } else {
                fixture.add_node(&tokens);
            }
        }
        fixture
    }

    pub fn id(&self, name: &str) -> NodeId {
        self.names
            .iter()
            .find(|(_, n)| n.as_str() == name)
            .map(|(id, _)| *id)
            .unwrap_or_else(|| panic!("fixture node {name} is not declared"))
    }

    fn add_node(&mut self, tokens: &[String]) {
        let [kind, name, flags @ ..] = tokens else {
            panic!("a node line needs a kind and a name: {tokens:?}");
        };
        let kind = KINDS
            .iter()
            .find(|(word, _)| word == kind)
            .unwrap_or_else(|| panic!("unknown node kind {kind}"))
            .1;
        let mut node = Node::new(self.doc.plan.next_node_id(), kind, name.as_str());
        let mut at = Point::new(200.0 * self.names.len() as f64, 0.0);
        for flag in flags {
            if let Some(place) = flag.strip_prefix('@') {
                let coordinate = |text: &str| -> f64 {
                    text.parse()
                        .unwrap_or_else(|_| panic!("not a position: {flag}"))
                };
                let (x, y) = place
                    .split_once(',')
                    .unwrap_or_else(|| panic!("not a position: {flag}"));
                at = Point::new(coordinate(x), coordinate(y));
            } else if let Some(title) = unquote(flag) {
                node.title = title.to_string();
            } else if let Some(tag) = PhaseTag::parse(flag) {
                node.phase = tag;
            } else if flag == "unsafe" {
                node.safe = false;
            } else if flag == "aborted" {
                node.aborted = true;
            } else if flag == "distinct" {
                node.distinct_approver = true;
            } else {
                let (key, value) = flag
                    .split_once('=')
                    .and_then(|(key, value)| Some((key, unquote(value)?.to_string())))
                    .unwrap_or_else(|| panic!("unknown node flag {flag}"));
                match key {
                    "entry" => node.entry_conditions.push(value),
                    "exit" => node.exit_conditions.push(value),
                    "check" => node.checks.push(Check {
                        name: value,
                        ..Check::default()
                    }),
                    "threshold" => {
                        node.checks
                            .last_mut()
                            .expect("a threshold follows its check")
                            .threshold = value
                    }
                    "check_kind" => {
                        node.checks
                            .last_mut()
                            .expect("a check kind follows its check")
                            .kind = CheckKind::parse(&value)
                            .unwrap_or_else(|| panic!("unknown check kind {value}"))
                    }
                    "go" => node.go_criteria.push(value),
                    "approver" => node.approver = value,
                    "owner" => node.owner = value,
                    "sql" => node.sql = value,
                    "duration" => node.planned_duration = value,
                    "starts" => node.planned_start = value,
                    _ => panic!("unknown node flag {key}"),
                }
            }
        }
        self.names.insert(node.id, name.clone());
        self.doc.insert_node(node, at);
    }

    fn add_edges(&mut self, tokens: &[String]) {
        let mut from = self.id(&tokens[0]);
        let mut rest = &tokens[1..];
        while let [arrow_token, to, tail @ ..] = rest {
            let kind = arrow(arrow_token).unwrap_or_else(|| panic!("not an arrow: {arrow_token}"));
            let to = self.id(to);
            let (label, tail) = match tail {
                [label, tail @ ..] if unquote(label).is_some() => {
                    (unquote(label).unwrap_or_default(), tail)
                }
                _ => ("", tail),
            };
            self.doc.add_edge(kind, from, to, label);
            from = to;
            rest = tail;
        }
        assert!(rest.is_empty(), "dangling tokens in an edge line: {rest:?}");
    }

    /// A node's fixture name, or its id for a node added since parsing.
    fn name(&self, id: NodeId) -> String {
        self.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// An edge as written in the notation (`A ~> B`), or its id if it no
    /// longer exists.
    fn edge_name(&self, plan: &Plan, id: EdgeId) -> String {
        plan.edge(id)
            .map_or_else(|| id.to_string(), |edge| self.edge_line(edge))
    }

    fn edge_line(&self, edge: &Edge) -> String {
        let arrow = ARROWS
            .iter()
            .find(|(_, kind)| *kind == edge.kind)
            .map_or("?", |(a, _)| a);
        let mut line = format!("{} {arrow} {}", self.name(edge.from), self.name(edge.to));
        if !edge.label.is_empty() {
            line += &format!(" {:?}", edge.label);
        }
        line
    }

    /// Findings one per entry: ids, fix, then the message on its own line.
    pub fn render_findings(&self, plan: &Plan, findings: &[Finding]) -> String {
        let mut out = String::new();
        for finding in findings {
            let nodes: Vec<String> = finding.nodes.iter().map(|&id| self.name(id)).collect();
            let edges: Vec<String> = finding
                .edges
                .iter()
                .map(|&id| self.edge_name(plan, id))
                .collect();
            out += &format!(
                "{} {} [{}] [{}]",
                finding.rule.code(),
                finding.severity.as_str(),
                nodes.join(", "),
                edges.join(", ")
            );
            if let Some(fix) = &finding.fix {
                out += &format!(" fix: {}", self.fix_name(plan, fix));
            }
            out += &format!("\n    {}\n", finding.message);
        }
        out
    }

    fn fix_name(&self, plan: &Plan, fix: &QuickFix) -> String {
        match *fix {
            QuickFix::AddRollback { from } => format!("add rollback from {}", self.name(from)),
            QuickFix::RetargetRollback { edge } => {
                format!("retarget {}", self.edge_name(plan, edge))
            }
            QuickFix::InsertVerification { edge } => {
                format!("insert verification into {}", self.edge_name(plan, edge))
            }
            QuickFix::SplitCollapsed { node } => format!("split {}", self.name(node)),
            QuickFix::AddConcurrently { node, at } => {
                format!("add CONCURRENTLY to {} at byte {at}", self.name(node))
            }
            QuickFix::AddNotValid {
                node,
                at,
                statement_end,
                ref validate,
            } => format!(
                "add NOT VALID to {} at byte {at}, then {validate:?} at byte {statement_end}",
                self.name(node)
            ),
            QuickFix::InsertGate { before } => format!("insert gate before {}", self.name(before)),
            QuickFix::AddNoGo { gate } => format!("add a no-go way to {}", self.name(gate)),
            QuickFix::AddLagCheck { backfill } => {
                format!("add a replication-lag check to {}", self.name(backfill))
            }
        }
    }

    /// A plan in the notation, with positions (`@x,y`); nodes added since
    /// parsing are named by id.
    pub fn render_plan(&self, doc: &Document) -> String {
        let mut out = String::new();
        for node in doc.plan.nodes.values() {
            out += &self.node_line(node);
            let at = doc.layout.at(node.id);
            out += &format!(" @{},{}\n", at.x, at.y);
        }
        for edge in doc.plan.edges.values() {
            out += &self.edge_line(edge);
            out.push('\n');
        }
        out
    }

    fn node_line(&self, node: &Node) -> String {
        let kind = KINDS
            .iter()
            .find(|(_, k)| *k == node.kind)
            .map_or("?", |(word, _)| word);
        let name = self.name(node.id);
        let mut line = format!("{kind} {name}");
        if !node.phase.is_custom() {
            line += &format!(" {}", node.phase.as_str());
        }
        if node.title != name {
            line += &format!(" {:?}", node.title);
        }
        if !node.safe {
            line += " unsafe";
        }
        if node.aborted {
            line += " aborted";
        }
        let flags = [
            ("entry", &node.entry_conditions),
            ("exit", &node.exit_conditions),
            ("go", &node.go_criteria),
        ];
        for (key, values) in flags {
            for value in values {
                line += &format!(" {key}={value:?}");
            }
        }
        for check in &node.checks {
            line += &format!(" check={:?}", check.name);
            if check.kind != CheckKind::Custom {
                line += &format!(" check_kind={:?}", check.kind.as_str());
            }
        }
        for (key, value) in [("approver", &node.approver), ("owner", &node.owner)] {
            if !value.is_empty() {
                line += &format!(" {key}={value:?}");
            }
        }
        line
    }
}

/// Asserts the findings of one rule on a fixture.
pub(crate) fn check_rule(rule: RuleId, text: &str, expect: Expect) {
    let fixture = Fixture::parse(text);
    let findings: Vec<Finding> = validate(&fixture.doc.plan)
        .into_iter()
        .filter(|finding| finding.rule == rule)
        .collect();
    expect.assert_eq(&fixture.render_findings(&fixture.doc.plan, &findings));
}

fn arrow(token: &str) -> Option<EdgeKind> {
    ARROWS
        .iter()
        .find(|(a, _)| *a == token)
        .map(|(_, kind)| *kind)
}

fn unquote(token: &str) -> Option<&str> {
    token.strip_prefix('"')?.strip_suffix('"')
}

/// Splits a line on whitespace outside double quotes.
pub(crate) fn tokens(line: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c.is_whitespace() && !quoted {
            if !current.is_empty() {
                tokens.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}
