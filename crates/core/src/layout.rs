//! Automatic layered layout of a plan (Sugiyama-style), flowing left to right.
//!
//! [`auto_layout`] gives every node a position; positions are node centres.
//! The steps, each linear or `n log n` in the size of the plan:
//!
//! 1. **Side monitors.** A verification node that no forward edge touches,
//!    linked by a validation edge to a node that is not itself such a
//!    verification, watches a state instead of sitting on the path: it is a
//!    *side monitor*. It is not ranked; it is drawn in the column of the node
//!    it guards (the other end of its lowest-id such validation edge), under
//!    it.
//! 2. **Cycle breaking.** Only forward edges shape the layout; rollback and
//!    validation edges run against or beside the flow and never rank. A
//!    depth-first search (petgraph's `DfsPostOrder`, from the start nodes
//!    first, then from every node in id order) finds the forward edges that
//!    close a cycle: in a depth-first search, `u → v` is a back edge exactly
//!    when `v` finishes no earlier than `u`. Back edges are ignored.
//! 3. **Ranks.** A node's rank is the length of the longest forward path
//!    reaching it from a source of what remains, a DAG (one pass in petgraph
//!    `toposort` order). The rank is the column:
//!    `x = ORIGIN.x + rank × RANK_SPACING`.
//! 4. **Virtual nodes.** An edge spanning `k > 1` ranks gets `k − 1` virtual
//!    nodes, one in each rank it passes, so that the nodes there make room
//!    for it and the ordering sees it. Plans where many edges jump far (every
//!    gate's no-go going to one aborted end) would need quadratically many,
//!    so at most `VIRTUAL_BUDGET × (nodes + edges)` are made, shortest edges
//!    first; an edge beyond the budget links its ends directly.
//! 5. **Order within ranks.** Ranks start in node id order (creation order:
//!    what was drawn first sits higher), then `SWEEP_ROUNDS` rounds of
//!    barycenter sweeps, each right then left: going right, each rank but
//!    the first is sorted by the mean position of each node's predecessors;
//!    going left, each rank but the last by the mean position of its
//!    successors. A node with no neighbour on that side keeps its own
//!    position as key, and the sort is stable, so ties keep their order. An
//!    edge that skipped the virtual-node budget counts its far end's
//!    position as if it were adjacent.
//! 6. **Heights.** Rank by rank from the left, each node wants the mean
//!    height of its predecessors (in the first rank, its slot); a side
//!    monitor wants its guarded node's height plus one row per monitor of
//!    that node up to and including itself. Each rank gets the heights
//!    closest to those wishes in weighted least squares that keep its order
//!    and at least `ROW_SPACING` between neighbours. With
//!    `zᵢ = yᵢ − i × ROW_SPACING` that is isotonic regression, solved exactly
//!    in linear time by pool-adjacent-violators. A node weighs `10^a`,
//!    where `a` is the number of ranks still ahead of it on its longest
//!    forward path, capped at `MAX_WEIGHT_EXPONENT` (a side monitor weighs
//!    1): of two nodes that want the same place, the one with the longer way
//!    ahead keeps it to within a unit, so the main line stays straight and a
//!    short branch (a no-go to an aborted end) moves aside. Branches with
//!    equally long ways ahead share the move evenly.
//!
//! Heights are then shifted so the topmost node sits at `ORIGIN.y` and
//! rounded to whole canvas units. Everything iterates in id order and sorts
//! stably, so a plan always gets the same layout.

use crate::geometry::Point;
use crate::graph::PlanGraph;
use crate::id::NodeId;
use crate::plan::{EdgeKind, NodeKind, Plan};
use petgraph::algo::toposort;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{DfsPostOrder, EdgeFiltered, EdgeRef, IntoEdgeReferences, IntoNeighbors};
use petgraph::Direction::{self, Incoming, Outgoing};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Distance between the centres of two neighbouring ranks (columns).
pub const RANK_SPACING: f64 = 240.0;
/// Smallest distance between the centres of two nodes in one rank.
pub const ROW_SPACING: f64 = 130.0;
/// The centre of a node in the first rank placed topmost.
pub const ORIGIN: Point = Point::new(120.0, 80.0);
/// Rounds of barycenter sweeps, each one rightwards then leftwards (so the
/// first rank follows the rest too): "a few" sweeps in all.
const SWEEP_ROUNDS: usize = 2;
/// Virtual nodes allowed per node and per edge of the plan.
const VIRTUAL_BUDGET: usize = 2;
/// Caps the exponent of the weight `10^a` of step 6, so that weights, and
/// the sums of a few thousand of them, stay exact in an `f64`.
const MAX_WEIGHT_EXPONENT: usize = 12;

/// New positions for every node of the plan, in node id order.
pub fn auto_layout(plan: &Plan) -> Vec<(NodeId, Point)> {
    let graph = PlanGraph::new(plan);
    let monitors = side_monitors(&graph);
    let mut layered = Layered::new(&graph, &monitors);
    layered.reduce_crossings();
    let mut positions = layered.place(&monitors);
    positions.sort_by_key(|(id, _)| *id);
    positions
}

/// Side monitors (see the module doc), each with the node it is drawn under.
fn side_monitors(graph: &PlanGraph<'_>) -> BTreeMap<NodeIndex, NodeIndex> {
    let off_path_check = |v: NodeIndex| {
        graph.node(v).kind == NodeKind::Verification
            && graph
                .edges(v, Outgoing)
                .chain(graph.edges(v, Incoming))
                .all(|(edge, _)| edge.kind != EdgeKind::Forward)
    };
    let mut guarded = BTreeMap::new();
    let validations = graph
        .graph()
        .edge_references()
        .filter(|e| e.weight().kind == EdgeKind::Validation);
    for edge in validations {
        for (monitor, node) in [
            (edge.target(), edge.source()),
            (edge.source(), edge.target()),
        ] {
            if off_path_check(monitor) && !off_path_check(node) {
                guarded.entry(monitor).or_insert(node);
            }
        }
    }
    guarded
}

/// When each node finishes in a depth-first search over the forward edges
/// of the whole plan that starts at the start nodes.
fn finishing_order(graph: &PlanGraph<'_>) -> Vec<usize> {
    let forward = graph.forward();
    let starts = graph
        .indices()
        .filter(|&v| graph.node(v).kind == NodeKind::Start);
    let mut search = DfsPostOrder::empty(&forward);
    let mut finish = vec![0; graph.node_count()];
    let mut clock = 0;
    for root in starts.chain(graph.indices()) {
        search.move_to(root);
        while let Some(v) = search.next(&forward) {
            finish[v.index()] = clock;
            clock += 1;
        }
    }
    finish
}

/// The forward DAG drawn in ranks, with virtual nodes on long edges.
struct Layered {
    /// `Some(id)` for a plan node (at its [`PlanGraph`] index), `None` for
    /// a virtual node. Side monitors are vertices without edges.
    graph: DiGraph<Option<NodeId>, ()>,
    rank: Vec<usize>,
    /// The vertices of each rank, top to bottom; side monitors are not in
    /// a rank until [`Layered::place`].
    rows: Vec<Vec<NodeIndex>>,
}

/// One place in a rank: a ranked vertex or a side monitor.
enum Slot {
    Ranked(NodeIndex),
    Monitor {
        vertex: NodeIndex,
        under: NodeIndex,
        /// 1 for the first monitor under `under`, 2 for the next, …
        depth: usize,
    },
}

impl Layered {
    /// Ranks the plan's forward edges and adds virtual nodes (steps 2–4).
    fn new(plan: &PlanGraph<'_>, monitors: &BTreeMap<NodeIndex, NodeIndex>) -> Layered {
        let finish = finishing_order(plan);
        let dag = EdgeFiltered::from_fn(plan.graph(), |e| {
            e.weight().kind == EdgeKind::Forward
                && finish[e.target().index()] < finish[e.source().index()]
        });
        let order = toposort(&dag, None).expect("back edges were left out");
        let mut rank = vec![0; plan.node_count()];
        for &v in &order {
            for w in dag.neighbors(v) {
                rank[w.index()] = rank[w.index()].max(rank[v.index()] + 1);
            }
        }
        let subdivided = edges_to_subdivide(&dag, &rank, plan.graph().edge_count());
        let mut graph = DiGraph::with_capacity(plan.node_count(), plan.graph().edge_count());
        for v in plan.indices() {
            graph.add_node(Some(plan.node(v).id));
        }
        for edge in dag.edge_references() {
            let (mut from, to) = (edge.source(), edge.target());
            if subdivided[edge.id().index()] {
                for r in rank[from.index()] + 1..rank[to.index()] {
                    let virtual_node = graph.add_node(None);
                    rank.push(r);
                    graph.add_edge(from, virtual_node, ());
                    from = virtual_node;
                }
            }
            graph.add_edge(from, to, ());
        }
        let mut rows = vec![Vec::new(); rank.iter().max().map_or(0, |r| r + 1)];
        for v in graph.node_indices().filter(|v| !monitors.contains_key(v)) {
            rows[rank[v.index()]].push(v);
        }
        Layered { graph, rank, rows }
    }

    /// Orders each rank (step 5).
    fn reduce_crossings(&mut self) {
        let mut slot = vec![0.0; self.graph.node_count()];
        for row in &self.rows {
            number_slots(row, &mut slot);
        }
        for _ in 0..SWEEP_ROUNDS {
            for row in self.rows.iter_mut().skip(1) {
                sort_by_barycenter(&self.graph, row, &mut slot, Incoming);
            }
            for row in self.rows.iter_mut().rev().skip(1) {
                sort_by_barycenter(&self.graph, row, &mut slot, Outgoing);
            }
        }
    }

    /// Final positions of plan nodes and side monitors (step 6).
    fn place(&self, monitors: &BTreeMap<NodeIndex, NodeIndex>) -> Vec<(NodeId, Point)> {
        let mut monitors_under: FxHashMap<NodeIndex, Vec<NodeIndex>> = FxHashMap::default();
        for (&monitor, &guarded) in monitors {
            monitors_under.entry(guarded).or_default().push(monitor);
        }
        let ahead = self.ranks_ahead();
        let mut height = vec![0.0; self.graph.node_count()];
        let mut placed = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let slots: Vec<Slot> = row
                .iter()
                .flat_map(|&v| {
                    let under = monitors_under.get(&v).map_or(&[][..], Vec::as_slice);
                    let monitors =
                        under
                            .iter()
                            .enumerate()
                            .map(move |(k, &vertex)| Slot::Monitor {
                                vertex,
                                under: v,
                                depth: k + 1,
                            });
                    std::iter::once(Slot::Ranked(v)).chain(monitors)
                })
                .collect();
            let mut wanted: Vec<f64> = Vec::with_capacity(slots.len());
            let mut weight = Vec::with_capacity(slots.len());
            let mut wanted_of_ranked = FxHashMap::default();
            for (i, slot) in slots.iter().enumerate() {
                let (want, w) = match *slot {
                    Slot::Ranked(v) => {
                        let (sum, count) = self
                            .graph
                            .neighbors_directed(v, Incoming)
                            .fold((0.0, 0usize), |(sum, count), p| {
                                (sum + height[p.index()], count + 1)
                            });
                        let want = if count == 0 {
                            i as f64 * ROW_SPACING
                        } else {
                            sum / count as f64
                        };
                        wanted_of_ranked.insert(v, want);
                        (
                            want,
                            10f64.powi(ahead[v.index()].min(MAX_WEIGHT_EXPONENT) as i32),
                        )
                    }
                    Slot::Monitor { under, depth, .. } => {
                        (wanted_of_ranked[&under] + depth as f64 * ROW_SPACING, 1.0)
                    }
                };
                wanted.push(want);
                weight.push(w);
            }
            let x = ORIGIN.x + r as f64 * RANK_SPACING;
            for (slot, y) in slots.iter().zip(spread(&wanted, &weight)) {
                let (Slot::Ranked(vertex) | Slot::Monitor { vertex, .. }) = *slot;
                height[vertex.index()] = y;
                if let Some(id) = self.graph[vertex] {
                    placed.push((id, Point::new(x, y)));
                }
            }
        }
        let top = placed
            .iter()
            .map(|(_, p)| p.y)
            .fold(f64::INFINITY, f64::min);
        for (_, p) in &mut placed {
            p.y = (p.y - top + ORIGIN.y).round();
        }
        placed
    }

    /// For each vertex, the number of ranks still ahead of it on its
    /// longest forward path.
    fn ranks_ahead(&self) -> Vec<usize> {
        let mut ahead = vec![0; self.graph.node_count()];
        for v in self.rows.iter().rev().flatten() {
            ahead[v.index()] = self
                .graph
                .neighbors(*v)
                .map(|w| ahead[w.index()] + self.rank[w.index()] - self.rank[v.index()])
                .max()
                .unwrap_or(0);
        }
        ahead
    }
}

/// Which edges of the DAG get virtual nodes (step 4), by edge index out of
/// `edge_count`.
fn edges_to_subdivide<G>(dag: G, rank: &[usize], edge_count: usize) -> Vec<bool>
where
    G: IntoEdgeReferences<NodeId = NodeIndex, EdgeId = petgraph::graph::EdgeIndex>,
{
    let mut long: Vec<(usize, usize)> = dag
        .edge_references()
        .map(|e| {
            (
                rank[e.target().index()] - rank[e.source().index()],
                e.id().index(),
            )
        })
        .filter(|&(span, _)| span > 1)
        .collect();
    long.sort_unstable();
    let mut budget = VIRTUAL_BUDGET * (rank.len() + edge_count);
    let mut subdivided = vec![false; edge_count];
    for (span, edge) in long {
        if span - 1 > budget {
            break;
        }
        budget -= span - 1;
        subdivided[edge] = true;
    }
    subdivided
}

/// Records each vertex's position within its rank.
fn number_slots(row: &[NodeIndex], slot: &mut [f64]) {
    for (i, v) in row.iter().enumerate() {
        slot[v.index()] = i as f64;
    }
}

/// Stably sorts one rank by the mean position of each vertex's neighbours
/// `toward` one side (step 5).
fn sort_by_barycenter(
    graph: &DiGraph<Option<NodeId>, ()>,
    row: &mut Vec<NodeIndex>,
    slot: &mut [f64],
    toward: Direction,
) {
    let key = |v: NodeIndex| {
        let (sum, count) = graph
            .neighbors_directed(v, toward)
            .fold((0.0, 0usize), |(sum, count), w| {
                (sum + slot[w.index()], count + 1)
            });
        if count == 0 {
            slot[v.index()]
        } else {
            sum / count as f64
        }
    };
    let mut keyed: Vec<(f64, NodeIndex)> = row.iter().map(|&v| (key(v), v)).collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    *row = keyed.into_iter().map(|(_, v)| v).collect();
    number_slots(row, slot);
}

/// Heights for one rank, top to bottom: the closest to `wanted` in least
/// squares weighted by `weight` that keep the order with at least
/// `ROW_SPACING` between neighbours (step 6).
fn spread(wanted: &[f64], weight: &[f64]) -> Vec<f64> {
    // A run of neighbours pushed together; all share one shifted height z.
    struct Pool {
        weight: f64,
        weighted_sum: f64,
        len: usize,
    }
    impl Pool {
        fn z(&self) -> f64 {
            self.weighted_sum / self.weight
        }
    }
    let mut pools: Vec<Pool> = Vec::with_capacity(wanted.len());
    for (i, (&y, &w)) in wanted.iter().zip(weight).enumerate() {
        let mut pool = Pool {
            weight: w,
            weighted_sum: w * (y - i as f64 * ROW_SPACING),
            len: 1,
        };
        while pools.last().is_some_and(|before| before.z() > pool.z()) {
            let before = pools.pop().expect("checked above");
            pool = Pool {
                weight: before.weight + pool.weight,
                weighted_sum: before.weighted_sum + pool.weighted_sum,
                len: before.len + pool.len,
            };
        }
        pools.push(pool);
    }
    pools
        .iter()
        .flat_map(|pool| std::iter::repeat_n(pool.z(), pool.len))
        .enumerate()
        .map(|(i, z)| z + i as f64 * ROW_SPACING)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use expect_test::{expect, Expect};
    use proptest::prelude::*;

    /// Builds a plan from whitespace-separated tokens: `a>b` a forward edge,
    /// `a~b` a rollback, `a=b` a validation edge, a bare `a` just the node.
    /// Nodes get ids in order of first mention; the first letter of a name
    /// gives its kind: `s`tart, `e`nd, `p`hase, `v`erification, `g`ate.
    fn plan_of(spec: &str) -> (Plan, BTreeMap<NodeId, String>) {
        let mut doc = Document::new("layout test");
        let mut ids: BTreeMap<String, NodeId> = BTreeMap::new();
        let mut node = |doc: &mut Document, name: &str| {
            *ids.entry(name.to_string()).or_insert_with(|| {
                let kind = match &name[..1] {
                    "s" => NodeKind::Start,
                    "e" => NodeKind::End,
                    "p" => NodeKind::Phase,
                    "v" => NodeKind::Verification,
                    "g" => NodeKind::Gate,
                    other => panic!("no node kind starts with {other:?}"),
                };
                doc.add_node(kind, name, Point::default())
            })
        };
        for token in spec.split_whitespace() {
            match token.split_once(['>', '~', '=']) {
                Some((from, to)) => {
                    let kind = match token.as_bytes()[from.len()] {
                        b'>' => EdgeKind::Forward,
                        b'~' => EdgeKind::Rollback,
                        _ => EdgeKind::Validation,
                    };
                    let (from, to) = (node(&mut doc, from), node(&mut doc, to));
                    doc.add_edge(kind, from, to, "");
                }
                None => {
                    node(&mut doc, token);
                }
            }
        }
        let names = doc
            .plan
            .nodes
            .values()
            .map(|n| (n.id, n.title.clone()))
            .collect();
        (doc.plan, names)
    }

    /// One line per column, left to right: `x: name@y …`, top to bottom.
    fn check(spec: &str, expect: Expect) {
        let (plan, names) = plan_of(spec);
        let mut columns: BTreeMap<i64, Vec<(f64, &str)>> = BTreeMap::new();
        for (id, at) in auto_layout(&plan) {
            columns
                .entry(at.x as i64)
                .or_default()
                .push((at.y, &names[&id]));
        }
        let mut text = String::new();
        for (x, mut column) in columns {
            column.sort_by(|a, b| a.0.total_cmp(&b.0));
            let nodes: Vec<String> = column.iter().map(|(y, n)| format!("{n}@{y}")).collect();
            text += &format!("{x}: {}\n", nodes.join(" "));
        }
        expect.assert_eq(&text);
    }

    #[test]
    fn a_chain_is_one_straight_row() {
        check(
            "s>p p>v v>e",
            expect![[r#"
                120: s@80
                360: p@80
                600: v@80
                840: e@80
            "#]],
        );
    }

    #[test]
    fn an_empty_plan_has_no_positions() {
        check("", expect![[""]]);
    }

    #[test]
    fn a_fan_out_spreads_evenly_and_the_merge_sits_between() {
        check(
            "s>p1 s>p2 s>p3 p1>v p2>v p3>v v>e",
            expect![[r#"
                120: s@210
                360: p1@80 p2@210 p3@340
                600: v@210
                840: e@210
            "#]],
        );
    }

    #[test]
    fn the_long_branch_stays_straight_and_a_no_go_gives_way() {
        check(
            "s>p v>g p>v g>p2 g>e2 p2>v2 v2>e1",
            expect![[r#"
                120: s@81
                360: p@81
                600: v@81
                840: g@81
                1080: p2@80 e2@210
                1320: v2@80
                1560: e1@80
            "#]],
        );
    }

    #[test]
    fn rollback_and_validation_edges_do_not_rank() {
        check(
            "s>p p>v v>e v~s p=v e~p",
            expect![[r#"
                120: s@80
                360: p@80
                600: v@80
                840: e@80
            "#]],
        );
    }

    #[test]
    fn a_side_monitor_sits_under_the_node_it_guards() {
        check(
            "s>p p>v v>e p=vlag vlag~s p=verr v=vmon",
            expect![[r#"
                120: s@80
                360: p@80 vlag@210 verr@340
                600: v@80 vmon@210
                840: e@80
            "#]],
        );
    }

    #[test]
    fn a_forward_cycle_is_ranked_without_its_back_edge() {
        check(
            "s>p1 p1>v1 v1>p2 p2>v2 v2>p1 v2>e",
            expect![[r#"
                120: s@80
                360: p1@80
                600: v1@80
                840: p2@80
                1080: v2@80
                1320: e@80
            "#]],
        );
    }

    #[test]
    fn a_long_edge_makes_room_through_the_ranks_it_spans() {
        check(
            "s>v v>p p>v2 v2>e v>e",
            expect![[r#"
                120: s@145
                360: v@145
                600: p@80
                840: v2@80
                1080: e@145
            "#]],
        );
    }

    #[test]
    fn barycenter_sweeps_undo_a_crossing_in_id_order() {
        check(
            "s pa pb v1 v2 s>v2 pa>v1 pb>v1",
            expect![[r#"
                120: s@80 pa@210 pb@340
                360: v2@80 v1@275
            "#]],
        );
    }

    #[test]
    fn nodes_without_forward_edges_stack_in_the_first_rank() {
        check(
            "s>p p>v v>e pstray estray estray~s",
            expect![[r#"
                120: s@80 pstray@210 estray@340
                360: p@80
                600: v@80
                840: e@80
            "#]],
        );
    }

    /// 5,000 nodes: a chain of phases and checks with a fan-out of ends
    /// hanging off its middle.
    #[test]
    fn a_big_chain_with_a_fan_out_gets_distinct_positions() {
        let mut spec = String::from("s>p0");
        for i in 0..1250 {
            spec += &format!(" p{i}>v{i} v{i}>p{}", i + 1);
        }
        for i in 0..2498 {
            spec += &format!(" v600>e{i}");
        }
        let (plan, _) = plan_of(&spec);
        assert_eq!(plan.nodes.len(), 5000);
        let positions = auto_layout(&plan);
        assert_positions_are_distinct(&plan, &positions);
    }

    /// Every node is placed once, and nodes sharing a column keep
    /// (almost, after rounding) a full row apart.
    fn assert_positions_are_distinct(plan: &Plan, positions: &[(NodeId, Point)]) {
        let ids: Vec<NodeId> = positions.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, plan.nodes.keys().copied().collect::<Vec<_>>());
        let mut columns: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
        for (_, at) in positions {
            columns.entry(at.x as i64).or_default().push(at.y);
        }
        for (x, mut ys) in columns {
            ys.sort_by(f64::total_cmp);
            for pair in ys.windows(2) {
                assert!(
                    pair[1] - pair[0] >= ROW_SPACING - 1.0,
                    "column {x}: {pair:?}"
                );
            }
        }
    }

    /// A random plan: `n` nodes of any kind, edges of any kind where forward
    /// edges may also point backwards (cycles).
    fn arbitrary_plan() -> impl Strategy<Value = Plan> {
        (1usize..40).prop_flat_map(|n| {
            let kinds = prop::collection::vec(0..NodeKind::ALL.len(), n);
            let edges = prop::collection::vec((0..n, 0..n, 0..EdgeKind::ALL.len()), 0..3 * n);
            (kinds, edges).prop_map(|(kinds, edges)| {
                let mut doc = Document::new("random");
                let ids: Vec<NodeId> = kinds
                    .iter()
                    .map(|&k| doc.add_node(NodeKind::ALL[k], "n", Point::default()))
                    .collect();
                for (from, to, kind) in edges {
                    doc.add_edge(EdgeKind::ALL[kind], ids[from], ids[to], "");
                }
                doc.plan
            })
        })
    }

    proptest! {
        #[test]
        fn every_plan_gets_distinct_deterministic_positions(plan in arbitrary_plan()) {
            let positions = auto_layout(&plan);
            assert_positions_are_distinct(&plan, &positions);
            prop_assert_eq!(&positions, &auto_layout(&plan));
            let top = positions.iter().map(|(_, p)| p.y).fold(f64::INFINITY, f64::min);
            prop_assert_eq!(top, ORIGIN.y);
        }

        /// With forward edges turned to run from lower to higher id (so no
        /// cycle), every forward edge runs left to right.
        #[test]
        fn forward_edges_of_an_acyclic_plan_run_rightwards(mut plan in arbitrary_plan()) {
            for e in plan.edges.values_mut().filter(|e| e.kind == EdgeKind::Forward) {
                (e.from, e.to) = (e.from.min(e.to), e.from.max(e.to));
            }
            let at: BTreeMap<NodeId, Point> = auto_layout(&plan).into_iter().collect();
            for e in plan.edges.values() {
                if e.kind == EdgeKind::Forward && e.from != e.to {
                    prop_assert!(at[&e.from].x < at[&e.to].x, "{:?}", e);
                }
            }
        }
    }
}
