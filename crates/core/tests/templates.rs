//! The template gallery: every template validates without a finding, is
//! fully laid out, and has the content a reviewer expects (a gate before
//! every cutover, SQL in every expand and contract phase).

use expect_test::expect;
use migraflow_core::graph::PlanGraph;
use migraflow_core::plan::{EdgeKind, NodeKind, PhaseTag, Plan};
use migraflow_core::{rules, templates, Document, Node};
use petgraph::algo::has_path_connecting;
use petgraph::visit::NodeFiltered;
use std::collections::BTreeSet;
use std::fmt::Write;

/// Every template with its built document.
fn gallery() -> Vec<(&'static str, Document)> {
    templates::all().iter().map(|t| (t.id, t.build())).collect()
}

/// `4 phase, 2 gate`: how many of each kind, in kind order.
fn tally<K: PartialEq + Copy>(kinds: &[K], all: &[K], name: impl Fn(K) -> &'static str) -> String {
    all.iter()
        .map(|&k| (kinds.iter().filter(|&&x| x == k).count(), name(k)))
        .filter(|&(n, _)| n > 0)
        .map(|(n, name)| format!("{n} {name}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn the_gallery_lists_each_template_once_column_rename_first() {
    let mut text = String::new();
    for template in templates::all() {
        let Document { plan, layout } = template.build();
        let nodes: Vec<NodeKind> = plan.nodes.values().map(|n| n.kind).collect();
        let edges: Vec<EdgeKind> = plan.edges.values().map(|e| e.kind).collect();
        // Phases in the order the layout ranks them along the flow.
        let along = |at: migraflow_core::Point| match layout.direction {
            migraflow_core::geometry::Direction::TopDown => at.y,
            migraflow_core::geometry::Direction::LeftRight => at.x,
        };
        let mut phases: Vec<(f64, &str)> = plan
            .nodes
            .values()
            .filter_map(|n| Some((along(layout.at(n.id)), n.phase_tag()?.as_str())))
            .collect();
        phases.sort_by(|a, b| a.0.total_cmp(&b.0));
        let phases: Vec<&str> = phases.into_iter().map(|(_, tag)| tag).collect();
        writeln!(
            text,
            "{}: {}\n  nodes: {}\n  edges: {}\n  phases: {}",
            template.id,
            template.name,
            tally(&nodes, &NodeKind::ALL, NodeKind::as_str),
            tally(&edges, &EdgeKind::ALL, EdgeKind::as_str),
            phases.join(" → "),
        )
        .unwrap();
    }
    expect![[r#"
        column-rename: Zero-downtime column rename
          nodes: 1 start, 3 end, 6 phase, 7 verification, 2 gate
          edges: 17 forward, 12 rollback, 1 validation
          phases: audit → expand → dual_write → backfill → cutover → contract
        split-table: Split a table
          nodes: 1 start, 3 end, 6 phase, 6 verification, 2 gate
          edges: 17 forward, 6 rollback
          phases: audit → expand → dual_write → backfill → cutover → contract
        change-column-type: Change a column's type
          nodes: 1 start, 2 end, 7 phase, 8 verification, 2 gate
          edges: 18 forward, 9 rollback, 1 validation
          phases: audit → expand → dual_write → backfill → expand → cutover → contract
        add-foreign-key: Add a foreign-key constraint
          nodes: 1 start, 2 end, 5 phase, 6 verification, 1 gate
          edges: 14 forward, 6 rollback, 1 validation
          phases: audit → backfill → expand → expand → custom
        nosql-document-shape: NoSQL document-shape migration
          nodes: 1 start, 3 end, 6 phase, 7 verification, 2 gate
          edges: 17 forward, 7 rollback, 1 validation
          phases: audit → expand → dual_write → backfill → cutover → contract
        onprem-to-cloud: On-premise → managed cloud database
          nodes: 1 start, 3 end, 5 phase, 6 verification, 2 gate
          edges: 15 forward, 6 rollback, 1 validation
          phases: audit → expand → backfill → cutover → contract
        event-schema-evolution: Event-schema evolution
          nodes: 1 start, 3 end, 5 phase, 6 verification, 2 gate
          edges: 15 forward, 6 rollback, 1 validation
          phases: audit → expand → dual_write → cutover → contract
        cicd-pipeline: CI/CD pipeline with a canary
          nodes: 1 start, 2 end, 4 phase, 4 verification, 1 gate
          edges: 11 forward, 4 rollback
          phases: custom → custom → custom → custom
        kubernetes-rollout: Kubernetes blue-green rollout
          nodes: 1 start, 2 end, 4 phase, 4 verification, 1 gate
          edges: 11 forward, 4 rollback
          phases: custom → custom → custom → custom
        oauth-pkce: OAuth 2.0 authorization code with PKCE
          nodes: 1 start, 4 end, 6 phase, 2 verification, 3 gate
          edges: 15 forward
          phases: custom → custom → custom → custom → custom → custom
        user-authentication: User authentication: login, session, logout
          nodes: 1 start, 3 end, 6 phase, 3 gate
          edges: 13 forward, 2 rollback
          phases: custom → custom → custom → custom → custom → custom
        microservices-order: Microservices: an order as a saga
          nodes: 1 start, 3 end, 9 phase, 2 gate
          edges: 14 forward
          phases: custom → custom → custom → custom → custom → custom → custom → custom → custom
        rest-request: REST API request lifecycle
          nodes: 1 start, 5 end, 4 phase, 4 gate
          edges: 13 forward
          phases: custom → custom → custom → custom
    "#]]
    .assert_eq(&text);

    let ids: BTreeSet<&str> = templates::all().iter().map(|t| t.id).collect();
    assert_eq!(ids.len(), templates::all().len(), "template ids are unique");
    for template in templates::all() {
        assert_eq!(
            templates::by_id(template.id).map(|t| t.id),
            Some(template.id)
        );
        assert!(!template.summary.trim().is_empty(), "{}", template.id);
    }
    assert!(templates::by_id("no-such-template").is_none());
}

#[test]
fn every_template_validates_without_findings() {
    for (id, doc) in gallery() {
        let findings = rules::validate(&doc.plan);
        let report: Vec<String> = findings
            .iter()
            .map(|f| format!("{} {}: {}", f.rule.code(), f.severity.as_str(), f.message))
            .collect();
        assert!(findings.is_empty(), "{id}:\n{}", report.join("\n"));
    }
}

#[test]
fn every_node_has_a_title_and_its_own_position() {
    for (id, doc) in gallery() {
        assert!(!doc.plan.title.trim().is_empty(), "{id}: plan title");
        let mut seen = BTreeSet::new();
        for node in doc.plan.nodes.values() {
            assert!(
                !node.title.trim().is_empty(),
                "{id}: {} has no title",
                node.id
            );
            let at = doc.layout.positions.get(&node.id);
            let at = at.unwrap_or_else(|| panic!("{id}: {} has no position", node.id));
            assert!(
                seen.insert((at.x as i64, at.y as i64)),
                "{id}: {} shares its position",
                node.id
            );
        }
        assert_eq!(doc.layout.positions.len(), doc.plan.nodes.len(), "{id}");
    }
}

#[test]
fn a_gate_stands_on_every_path_to_a_cutover() {
    for (id, doc) in gallery() {
        let graph = PlanGraph::new(&doc.plan);
        let start = graph
            .indices()
            .find(|&v| graph.node(v).kind == NodeKind::Start)
            .expect("a start");
        let forward = graph.forward();
        let without_gates =
            NodeFiltered::from_fn(&forward, |v| graph.node(v).kind != NodeKind::Gate);
        for cutover in graph
            .indices()
            .filter(|&v| graph.node(v).phase_tag() == Some(PhaseTag::Cutover))
        {
            assert!(
                !has_path_connecting(&without_gates, start, cutover, None),
                "{id}: {:?} is reachable without passing a gate",
                graph.node(cutover).title
            );
        }
    }
}

#[test]
fn expand_and_contract_phases_carry_their_commands() {
    for (id, doc) in gallery() {
        for node in phases(&doc.plan, &[PhaseTag::Expand, PhaseTag::Contract]) {
            assert!(
                !node.sql.trim().is_empty(),
                "{id}: {:?} has no SQL",
                node.title
            );
        }
    }
}

#[test]
fn contract_phases_are_points_of_no_return() {
    for (id, doc) in gallery() {
        for node in phases(&doc.plan, &[PhaseTag::Contract]) {
            assert!(!node.safe, "{id}: {:?} is marked safe", node.title);
        }
    }
}

#[test]
fn building_a_template_twice_gives_the_same_document() {
    for template in templates::all() {
        assert_eq!(template.build(), template.build(), "{}", template.id);
    }
}

/// The phases of the plan tagged with one of `tags`.
fn phases<'p>(plan: &'p Plan, tags: &'p [PhaseTag]) -> impl Iterator<Item = &'p Node> {
    plan.nodes
        .values()
        .filter(|n| n.phase_tag().is_some_and(|tag| tags.contains(&tag)))
}
