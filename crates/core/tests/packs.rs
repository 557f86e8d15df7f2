//! Rule packs (SPEC §10, Other flows): each pack runs its own rules. The
//! fixtures are the gallery's flows, broken on purpose: what a pack checks
//! is reported, what it does not check is not.

use migraflow_core::pack::Pack;
use migraflow_core::plan::{EdgeKind, NodeKind};
use migraflow_core::{rules, templates, Document};

fn template(id: &str) -> Document {
    templates::by_id(id).expect("template").build()
}

/// The rule codes `doc` is found to break, sorted and deduplicated.
fn codes(doc: &Document) -> Vec<&'static str> {
    let mut codes: Vec<&str> = rules::validate(&doc.plan)
        .iter()
        .map(|f| f.rule.code())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// `doc` without its first rollback edge.
fn without_a_rollback(mut doc: Document) -> Document {
    let rollback = doc
        .plan
        .edges
        .values()
        .find(|e| e.kind == EdgeKind::Rollback)
        .expect("a rollback")
        .id;
    doc.plan.edges.remove(&rollback);
    doc
}

#[test]
fn each_flow_template_passes_its_own_pack() {
    for t in templates::all() {
        let doc = t.build();
        assert_eq!(doc.plan.pack, t.pack, "{}", t.id);
        assert_eq!(codes(&doc), Vec::<&str>::new(), "{}", t.id);
    }
    let packs: Vec<Pack> = templates::all().iter().map(|t| t.pack).collect();
    assert_eq!(packs.iter().filter(|&&p| p == Pack::Delivery).count(), 2);
    assert_eq!(packs.iter().filter(|&&p| p == Pack::Flow).count(), 4);
}

#[test]
fn delivery_wants_a_way_back_and_not_migration_sql() {
    // Failing: a stage without its rollback (MF001).
    let broken = without_a_rollback(template("cicd-pipeline"));
    assert_eq!(codes(&broken), ["MF001"]);

    // A locking statement is a migration's problem (MF014), not a
    // pipeline's: passing under delivery, failing once it is a migration.
    let mut doc = template("cicd-pipeline");
    let stage = doc
        .plan
        .nodes
        .values_mut()
        .find(|n| n.kind == NodeKind::Phase)
        .expect("a stage");
    stage.sql = "CREATE INDEX orders_by_day ON orders (created_at);".to_owned();
    assert_eq!(codes(&doc), Vec::<&str>::new());
    doc.plan.pack = Pack::Migration;
    assert!(codes(&doc).contains(&"MF014"), "{:?}", codes(&doc));

    // An approval without an approver (MF011).
    let mut doc = template("kubernetes-rollout");
    doc.plan
        .nodes
        .values_mut()
        .find(|n| n.kind == NodeKind::Gate)
        .expect("a gate")
        .approver
        .clear();
    assert_eq!(codes(&doc), ["MF011"]);
}

#[test]
fn flow_checks_the_graph_only() {
    // No rollback is no finding in a flow…
    let doc = without_a_rollback(template("user-authentication"));
    assert_eq!(codes(&doc), Vec::<&str>::new());
    // …but a dead end (MF007) and an unlabelled branch (MF010) are.
    let mut doc = template("oauth-pkce");
    let into_end = doc
        .plan
        .edges
        .values()
        .find(|e| doc.plan.nodes[&e.to].kind == NodeKind::End && !doc.plan.nodes[&e.to].aborted)
        .expect("an edge into the end")
        .id;
    doc.plan.edges.remove(&into_end);
    let branch = doc
        .plan
        .edges
        .values_mut()
        .find(|e| e.label == "denies")
        .expect("a labelled branch");
    branch.label.clear();
    // (The success end, cut off, is unreachable: MF006.)
    assert_eq!(codes(&doc), ["MF006", "MF007", "MF010"]);
}
