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
    members(plan).into_iter().map(|(name, _)| name).collect()
}

/// Each stage with its nodes in id order, the stages in [`names`] order;
/// one pass over the nodes, however many stages there are.
pub fn members(plan: &Plan) -> Vec<(&str, Vec<NodeId>)> {
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    let mut out: Vec<(&str, Vec<NodeId>)> = Vec::new();
    for node in plan.nodes.values().filter(|n| !n.stage.is_empty()) {
        let i = *index.entry(node.stage.as_str()).or_insert_with(|| {
            out.push((node.stage.as_str(), Vec::new()));
            out.len() - 1
        });
        out[i].1.push(node.id);
    }
    out
}

/// The band of each stage of `plan` (in [`names`] order), with every node
/// at `at(id)`, for a plan laid out in `direction`; across the flow a band
/// also covers `beyond` (what the edges draw outside the nodes: rollback
/// lanes, labels). None without stages.
pub fn bands(
    plan: &Plan,
    at: impl Fn(NodeId) -> Point,
    direction: Direction,
    beyond: Option<Rect>,
) -> Vec<Band> {
    let members: Vec<(&str, Rect)> = members(plan)
        .into_iter()
        .filter_map(|(name, ids)| {
            let own = bounds(
                ids.iter()
                    .filter_map(|id| Some((at(*id), plan.nodes.get(id)?.kind))),
            )?;
            Some((name, own))
        })
        .collect();
    if members.is_empty() {
        return Vec::new();
    }
    let Some(nodes) = bounds(plan.nodes.values().map(|n| (at(n.id), n.kind))) else {
        return Vec::new();
    };
    let all = beyond.map_or(nodes, |b| nodes.union(&b));
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

/// The index in [`SUGGESTED`] of the stage a phase's tag suggests.
fn tag_stage(tag: PhaseTag) -> Option<usize> {
    Some(match tag {
        PhaseTag::Audit => 0,
        PhaseTag::Expand => 1,
        PhaseTag::DualWrite | PhaseTag::Backfill => 2,
        PhaseTag::Cutover => 3,
        PhaseTag::Contract => 4,
        PhaseTag::Custom => return None,
    })
}

/// A stage for each node without one that its role suggests, so that
/// stages follow the flow and never go back: a tagged phase takes the
/// later of its tag's stage and the stage reached before it (an index
/// built after the backfill stays in Migrate, not back in Expand); a
/// verification takes the stage of the phase it checks (its only forward
/// way in). Gates, starts and ends stay between stages.
///
/// Nodes are visited in flow order ([`crate::flow_order`]); the stage
/// reached at a node is the latest over its forward predecessors visited
/// before it, and its own.
pub fn suggest(plan: &Plan) -> Vec<(NodeId, &'static str)> {
    let mut reached: FxHashMap<NodeId, usize> = FxHashMap::default();
    let mut suggested: FxHashMap<NodeId, usize> = FxHashMap::default();
    let mut before: FxHashMap<NodeId, Vec<NodeId>> = FxHashMap::default();
    for edge in plan.edges.values().filter(|e| e.kind == EdgeKind::Forward) {
        before.entry(edge.to).or_default().push(edge.from);
    }
    let predecessors = |id: NodeId| before.get(&id).map(Vec::as_slice).unwrap_or_default();
    for item in crate::flow_order::flow_order(plan) {
        let crate::flow_order::Item::Node(id) = item else {
            continue;
        };
        let Some(node) = plan.nodes.get(&id) else {
            continue;
        };
        let earlier = predecessors(id)
            .iter()
            .filter_map(|p| reached.get(p))
            .max()
            .copied();
        let own = match node.kind {
            NodeKind::Phase => tag_stage(node.phase).map(|t| t.max(earlier.unwrap_or(0))),
            NodeKind::Verification => match predecessors(id) {
                [phase] => suggested.get(phase).copied(),
                _ => None,
            },
            _ => None,
        };
        if let Some(stage) = own {
            suggested.insert(id, stage);
        }
        if let Some(level) = own.max(earlier) {
            reached.insert(id, level);
        }
    }
    plan.nodes
        .values()
        .filter(|n| n.stage.is_empty())
        .filter_map(|n| Some((n.id, SUGGESTED[*suggested.get(&n.id)?])))
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
        .assert_eq(&show(&bands(&plan, at, Direction::TopDown, None)));
        expect![[r#"
            Expand: -6 36 412×698
            Migrate: -6 36 212×698
        "#]]
        .assert_eq(&show(&bands(&plan, at, Direction::LeftRight, None)));
        // A rollback lane out to the right widens every band across.
        let lane = Rect {
            x: 400.0,
            y: 100.0,
            width: 50.0,
            height: 10.0,
        };
        let wide = bands(&plan, at, Direction::TopDown, Some(lane));
        assert_eq!(wide[0].rect.width, 516.0 + 56.0);
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
