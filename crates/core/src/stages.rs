//! Stages: named groups of a plan's nodes (Prepare, Expand, Migrate, Cut
//! over, Contract; SPEC §11), and the bands that show them.
//!
//! A stage has no record of its own: it is the set of nodes whose `stage`
//! field names it. So it moves with its nodes, goes with its last node, and
//! is renamed by renaming it on each of them ([`rename`], one undoable
//! step). Mermaid carries it as a `subgraph` (see `mermaid::export_flowchart`
//! and `mermaid::import`).
//!
//! A stage's *band* runs across the whole drawing, like a swimlane: along
//! the flow it covers its nodes' footprints (plus [`PAD`]); across the flow
//! it covers every node, plus a header where its name sits — a column on
//! the left when the plan flows down, a row on top when it flows right. So
//! the name never lands on a node or an edge label, which stay inside the
//! nodes' extent, and consecutive stages read as consecutive bands. Bands of
//! stages that share a rank overlap; they are drawn translucent.

use crate::geometry::{Direction, Point};
use crate::id::NodeId;
use crate::plan::{EdgeKind, NodeKind, PhaseTag, Plan};
use crate::shape::{bounds, Rect};
use rustc_hash::FxHashMap;

/// The stages a zero-downtime migration goes through, offered first.
pub const SUGGESTED: [&str; 5] = ["Prepare", "Expand", "Migrate", "Cut over", "Contract"];

/// Space between a band's edge and the footprints of its nodes.
pub const PAD: f64 = 12.0;
/// The header's depth across the flow: the left column of a top-down plan.
pub const HEADER_COLUMN: f64 = 104.0;
/// The header row on top of a left-to-right plan.
pub const HEADER_ROW: f64 = 30.0;

/// One stage as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub name: String,
    pub rect: Rect,
}

/// The stage names used in `plan`, in node id order of first use.
pub fn names(plan: &Plan) -> Vec<&str> {
    let mut seen = FxHashMap::default();
    let mut out = Vec::new();
    for node in plan.nodes.values().filter(|n| !n.stage.is_empty()) {
        seen.entry(node.stage.as_str()).or_insert_with(|| {
            out.push(node.stage.as_str());
        });
    }
    out
}

/// The band of each stage of `plan` (in [`names`] order), with every node
/// at `at(id)`, for a plan laid out in `direction`. None without stages.
pub fn bands(plan: &Plan, at: impl Fn(NodeId) -> Point, direction: Direction) -> Vec<Band> {
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    let mut members: Vec<(&str, Rect)> = Vec::new();
    for node in plan.nodes.values().filter(|n| !n.stage.is_empty()) {
        let footprint = Rect::around(at(node.id), node.kind);
        match index.get(node.stage.as_str()) {
            Some(&i) => members[i].1 = members[i].1.union(&footprint),
            None => {
                index.insert(node.stage.as_str(), members.len());
                members.push((node.stage.as_str(), footprint));
            }
        }
    }
    let Some(all) = bounds(plan.nodes.values().map(|n| (at(n.id), n.kind))) else {
        return Vec::new();
    };
    members
        .into_iter()
        .map(|(name, own)| {
            let rect = match direction {
                Direction::TopDown => Rect {
                    x: all.x - PAD - HEADER_COLUMN,
                    y: own.y - PAD,
                    width: all.width + 2.0 * PAD + HEADER_COLUMN,
                    height: own.height + 2.0 * PAD,
                },
                Direction::LeftRight => Rect {
                    x: own.x - PAD,
                    y: all.y - PAD - HEADER_ROW,
                    width: own.width + 2.0 * PAD,
                    height: all.height + 2.0 * PAD + HEADER_ROW,
                },
            };
            Band {
                name: name.to_owned(),
                rect,
            }
        })
        .collect()
}

/// The bounds of all bands, to fit and export with the nodes.
pub fn bands_bounds(bands: &[Band]) -> Option<Rect> {
    bands.iter().map(|b| b.rect).reduce(|a, b| a.union(&b))
}

/// The stage a phase's tag suggests, if any.
pub fn for_tag(tag: PhaseTag) -> Option<&'static str> {
    Some(match tag {
        PhaseTag::Audit => SUGGESTED[0],
        PhaseTag::Expand => SUGGESTED[1],
        PhaseTag::DualWrite | PhaseTag::Backfill => SUGGESTED[2],
        PhaseTag::Cutover => SUGGESTED[3],
        PhaseTag::Contract => SUGGESTED[4],
        PhaseTag::Custom => return None,
    })
}

/// A stage for each node without one that its role suggests: a tagged
/// phase by its tag, a verification by the phase it checks (its only
/// forward way in). Gates, starts and ends stay between stages.
pub fn suggest(plan: &Plan) -> Vec<(NodeId, &'static str)> {
    let suggested = |id: NodeId| {
        let node = plan.nodes.get(&id)?;
        (node.kind == NodeKind::Phase)
            .then(|| for_tag(node.phase))
            .flatten()
    };
    let mut checked_by: FxHashMap<NodeId, Option<NodeId>> = FxHashMap::default();
    for edge in plan.edges.values().filter(|e| e.kind == EdgeKind::Forward) {
        checked_by
            .entry(edge.to)
            .and_modify(|from| *from = None)
            .or_insert(Some(edge.from));
    }
    plan.nodes
        .values()
        .filter(|n| n.stage.is_empty())
        .filter_map(|n| {
            let stage = match n.kind {
                NodeKind::Phase => suggested(n.id),
                NodeKind::Verification => {
                    checked_by.get(&n.id).copied().flatten().and_then(suggested)
                }
                _ => None,
            }?;
            Some((n.id, stage))
        })
        .collect()
}

/// The edit that renames stage `from` to `to` on every node in it (or
/// takes them out of any stage, for an empty `to`), as one step; `None`
/// when no node is in `from`.
pub fn rename(plan: &Plan, from: &str, to: &str) -> Option<crate::edit::Edit> {
    let edits: Vec<_> = plan
        .nodes
        .values()
        .filter(|n| n.stage == from)
        .map(|n| {
            let mut node = n.clone();
            node.stage = to.trim().to_owned();
            crate::edit::Edit::UpdateNode(node)
        })
        .collect();
    (!edits.is_empty() && from != to).then_some(crate::edit::Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decimal::Num;
    use crate::id::EdgeId;
    use crate::plan::{Edge, Node};
    use expect_test::expect;

    fn plan() -> Plan {
        let mut plan = Plan::new("t");
        let nodes = [
            (1, NodeKind::Start, PhaseTag::Custom),
            (2, NodeKind::Phase, PhaseTag::Expand),
            (3, NodeKind::Verification, PhaseTag::Custom),
            (4, NodeKind::Gate, PhaseTag::Custom),
            (5, NodeKind::Phase, PhaseTag::Backfill),
            (6, NodeKind::Phase, PhaseTag::Custom),
            (7, NodeKind::End, PhaseTag::Custom),
        ];
        for (id, kind, tag) in nodes {
            let mut node = Node::new(NodeId(id), kind, format!("n{id}"));
            node.phase = tag;
            plan.nodes.insert(node.id, node);
        }
        for (id, (from, to)) in [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7)]
            .into_iter()
            .enumerate()
        {
            let id = EdgeId(id as u32 + 1);
            plan.edges.insert(
                id,
                Edge::new(id, EdgeKind::Forward, NodeId(from), NodeId(to)),
            );
        }
        plan
    }

    fn show(bands: &[Band]) -> String {
        bands
            .iter()
            .map(|b| {
                let r = b.rect;
                format!(
                    "{}: {} {} {}×{}\n",
                    b.name,
                    Num(r.x),
                    Num(r.y),
                    Num(r.width),
                    Num(r.height)
                )
            })
            .collect()
    }

    #[test]
    fn suggestions_follow_tags_and_checks_follow_their_phase() {
        let got: Vec<String> = suggest(&plan())
            .iter()
            .map(|(id, s)| format!("{id} {s}"))
            .collect();
        expect![[r#"["n2 Expand", "n3 Expand", "n5 Migrate"]"#]].assert_eq(&format!("{got:?}"));
    }

    #[test]
    fn bands_cover_their_nodes_along_the_flow_and_everything_across() {
        let mut plan = plan();
        for (id, stage) in suggest(&plan.clone()) {
            plan.nodes.get_mut(&id).unwrap().stage = stage.to_owned();
        }
        // One node per row, 100 apart, top down; the check beside its phase.
        let at = |id: NodeId| match id.0 {
            3 => Point::new(300.0, 200.0),
            n => Point::new(100.0, 100.0 * n as f64),
        };
        expect![[r#"
            Expand: -110 156 516×88
            Migrate: -110 456 516×88
        "#]]
        .assert_eq(&show(&bands(&plan, at, Direction::TopDown)));
        expect![[r#"
            Expand: -6 36 412×698
            Migrate: -6 36 212×698
        "#]]
        .assert_eq(&show(&bands(&plan, at, Direction::LeftRight)));
        assert_eq!(names(&plan), ["Expand", "Migrate"]);
    }

    #[test]
    fn renaming_moves_every_member_in_one_step() {
        let mut plan = plan();
        plan.nodes.get_mut(&NodeId(2)).unwrap().stage = "Expand".to_owned();
        plan.nodes.get_mut(&NodeId(3)).unwrap().stage = "Expand".to_owned();
        let Some(crate::edit::Edit::Batch(edits)) = rename(&plan, "Expand", " Grow ") else {
            panic!("no edit");
        };
        assert_eq!(edits.len(), 2);
        assert!(rename(&plan, "Contract", "Grow").is_none());
        assert!(rename(&plan, "Expand", "Expand").is_none());
    }
}
