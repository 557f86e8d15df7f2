//! Automatic layered layout of a plan (Sugiyama-style), flowing top down
//! or left to right ([`Direction`], a choice of the document).
//!
//! [`auto_layout`] gives every node a position; positions are node centres.
//! Ranks follow the flow (rows top down, columns left to right); the
//! *cross* axis runs along a rank. The steps, each linear or `n log n` in
//! the size of the plan:
//!
//! 1. **Satellites.** Two kinds of node are not ranked but drawn beside
//!    another, its *host*, in the host's rank, so that a plan's main line
//!    is one node per step instead of two:
//!    - a *check beside its phase*: a verification whose only forward
//!      in-edge comes from a phase whose only forward out-edge is that one.
//!      It sits after the phase on the cross axis (right of it top down,
//!      under it left to right), and its forward edges count as the
//!      phase's;
//!    - a *side monitor*: a verification that no forward edge touches,
//!      linked by a validation edge to a node that is not itself one (the
//!      other end of its lowest-id such edge is what it guards). It watches
//!      a state instead of sitting on the path, and sits before the host of
//!      the node it guards (left top down, above left to right).
//! 2. **Cycle breaking.** Only forward edges shape the layout, each taken
//!    between the hosts of its ends (edges inside one host's group drop
//!    out); rollback and validation edges run against or beside the flow
//!    and never rank. A depth-first search (petgraph's `DfsPostOrder`, from
//!    the start nodes first, then from every node in id order) finds the
//!    forward edges that close a cycle: `u → v` is a back edge exactly when
//!    `v` finishes no earlier than `u`. Back edges are ignored.
//! 3. **Ranks.** A node's rank is the length of the longest forward path
//!    reaching it from a source of what remains, a DAG (one pass in petgraph
//!    `toposort` order). So gates stay on the main line, and an aborted end
//!    reached by a gate's no-go lands in the rank after the gate, beside the
//!    way on.
//! 4. **Virtual nodes.** An edge spanning `k > 1` ranks gets `k − 1` virtual
//!    nodes, one in each rank it passes, so that the nodes there make room
//!    for it and the ordering sees it. Plans where many edges jump far (every
//!    gate's no-go going to one aborted end) would need quadratically many,
//!    so at most `VIRTUAL_BUDGET × (nodes + edges)` are made, shortest edges
//!    first; an edge beyond the budget links its ends directly.
//! 5. **Order within ranks.** Ranks start in node id order (creation order:
//!    what was drawn first comes first), then `SWEEP_ROUNDS` rounds of
//!    barycenter sweeps, each forwards then backwards: going forwards, each
//!    rank but the first is sorted by the mean position of each node's
//!    predecessors; going backwards, each rank but the last by the mean
//!    position of its successors. A node with no neighbour on that side
//!    keeps its own position as key, and the sort is stable, so ties keep
//!    their order.
//! 6. **Cross positions.** Rank by rank, each host (with its satellites: a
//!    rigid group) wants the mean cross position of its predecessors (in
//!    the first rank, its slot). Each rank gets the positions closest to
//!    those wishes in weighted least squares that keep its order with
//!    `CROSS_GAP` between neighbouring groups' footprints. With
//!    `zᵢ = yᵢ − oᵢ`, where `oᵢ` is the sum of the spacings before group
//!    `i`, that is isotonic regression, solved exactly in linear time by
//!    pool-adjacent-violators. A group weighs `100^a`, where `a` is the
//!    number of ranks still ahead of it on its longest forward path, capped
//!    at `MAX_WEIGHT_EXPONENT`: of two groups that want the same place, the
//!    one with the longer way ahead keeps it to within a unit, so the main
//!    line stays straight and a short branch (a no-go to an aborted end)
//!    moves aside.
//! 7. **Main positions.** Each rank is as deep as its deepest footprint
//!    along the flow, with `MAIN_GAP` between ranks.
//!
//! Positions are then shifted so the topmost and leftmost centres sit at
//! `ORIGIN` and rounded to whole canvas units. Everything iterates in id
//! order and sorts stably, so a plan always gets the same layout.

pub use crate::geometry::Direction;
use crate::geometry::Point;
use crate::graph::PlanGraph;
use crate::id::NodeId;
use crate::plan::{EdgeKind, NodeKind, Plan};
use crate::shape::size;
use petgraph::algo::toposort;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{DfsPostOrder, EdgeRef};
use petgraph::Direction::{Incoming, Outgoing};
use rustc_hash::FxHashMap;

/// The smallest centre of a laid-out plan on each axis.
pub const ORIGIN: Point = Point::new(120.0, 80.0);
/// Space between the footprints of neighbouring groups along a rank:
/// room for an edge, a label or a rollback lane.
const fn cross_gap(direction: Direction) -> f64 {
    match direction {
        Direction::TopDown => 40.0,
        Direction::LeftRight => 56.0,
    }
}
/// Space between the footprints of consecutive ranks: room for a label.
const fn main_gap(direction: Direction) -> f64 {
    match direction {
        Direction::TopDown => 38.0,
        Direction::LeftRight => 56.0,
    }
}
/// The cross extent a virtual node reserves for the edge through it.
const VIRTUAL_EXTENT: f64 = 16.0;
/// Rounds of barycenter sweeps, each one forwards then backwards.
const SWEEP_ROUNDS: usize = 2;
/// Virtual nodes allowed per node and per edge of the plan.
const VIRTUAL_BUDGET: usize = 2;
/// Caps the exponent of the weight `100^a` of step 6, so that weights, and
/// the sums of a few thousand of them, stay exact in an `f64`.
const MAX_WEIGHT_EXPONENT: usize = 6;

/// New positions for every node of the plan, in node id order.
pub fn auto_layout(plan: &Plan, direction: Direction) -> Vec<(NodeId, Point)> {
    let graph = PlanGraph::new(plan);
    let groups = Groups::of(&graph, direction);
    let mut layered = Layered::new(&graph, &groups);
    layered.reduce_crossings();
    let mut positions = layered.place(&graph, &groups, direction);
    positions.sort_by_key(|(id, _)| *id);
    positions
}

/// A node's extent (along the flow, across it) in `direction`.
fn extents(kind: NodeKind, direction: Direction) -> (f64, f64) {
    let (w, h) = size(kind);
    match direction {
        Direction::TopDown => (h, w),
        Direction::LeftRight => (w, h),
    }
}

/// Every node's host (itself unless it is a satellite) and each host's
/// satellites with their cross offsets from it (step 1).
struct Groups {
    host: Vec<NodeIndex>,
    /// Satellites of each host, with their cross offset from the host.
    members: FxHashMap<NodeIndex, Vec<(NodeIndex, f64)>>,
    /// How far each host's group reaches before and after its centre.
    reach: FxHashMap<NodeIndex, (f64, f64)>,
}

impl Groups {
    fn of(graph: &PlanGraph<'_>, direction: Direction) -> Groups {
        let n = graph.node_count();
        let mut host: Vec<NodeIndex> = (0..n).map(NodeIndex::new).collect();
        let forward_in = |v: NodeIndex| {
            graph
                .edges(v, Incoming)
                .filter(|(e, _)| e.kind == EdgeKind::Forward)
                .map(|(_, other)| other)
                .filter(move |&u| u != v)
        };
        let forward_out = |v: NodeIndex| {
            graph
                .edges(v, Outgoing)
                .filter(|(e, _)| e.kind == EdgeKind::Forward)
                .map(|(_, other)| other)
                .filter(move |&u| u != v)
        };
        let mut after: Vec<Vec<NodeIndex>> = vec![Vec::new(); n];
        let mut before: Vec<Vec<NodeIndex>> = vec![Vec::new(); n];
        for v in graph.indices() {
            if graph.node(v).kind != NodeKind::Verification {
                continue;
            }
            let mut from = forward_in(v);
            let (Some(p), None) = (from.next(), from.next()) else {
                continue;
            };
            let mut out = forward_out(p);
            if graph.node(p).kind == NodeKind::Phase
                && out.next() == Some(v)
                && out.next().is_none()
            {
                host[v.index()] = p;
                after[p.index()].push(v);
            }
        }
        let off_path_check = |v: NodeIndex| {
            graph.node(v).kind == NodeKind::Verification
                && graph
                    .edges(v, Outgoing)
                    .chain(graph.edges(v, Incoming))
                    .all(|(edge, _)| edge.kind != EdgeKind::Forward)
        };
        let mut guarded: Vec<Option<NodeIndex>> = vec![None; n];
        let mut validations: Vec<_> = graph
            .graph()
            .edge_references()
            .filter(|e| e.weight().kind == EdgeKind::Validation)
            .map(|e| (e.weight().edge.id, e.source(), e.target()))
            .collect();
        validations.sort_unstable_by_key(|(id, _, _)| *id);
        for (_, a, b) in validations {
            for (monitor, node) in [(b, a), (a, b)] {
                if guarded[monitor.index()].is_none()
                    && off_path_check(monitor)
                    && !off_path_check(node)
                {
                    guarded[monitor.index()] = Some(node);
                }
            }
        }
        for v in graph.indices() {
            if let Some(node) = guarded[v.index()] {
                let h = host[node.index()];
                host[v.index()] = h;
                before[h.index()].push(v);
            }
        }
        let gap = cross_gap(direction);
        let cross = |v: NodeIndex| extents(graph.node(v).kind, direction).1;
        let mut members = FxHashMap::default();
        let mut reach = FxHashMap::default();
        for h in graph.indices().filter(|&v| host[v.index()] == v) {
            let half = cross(h) / 2.0;
            let (mut low, mut high) = (half, half);
            let mut list = Vec::new();
            for &v in &after[h.index()] {
                list.push((v, high + gap + cross(v) / 2.0));
                high += gap + cross(v);
            }
            for &v in &before[h.index()] {
                list.push((v, -(low + gap + cross(v) / 2.0)));
                low += gap + cross(v);
            }
            reach.insert(h, (low, high));
            if !list.is_empty() {
                members.insert(h, list);
            }
        }
        Groups {
            host,
            members,
            reach,
        }
    }

    fn is_host(&self, v: NodeIndex) -> bool {
        self.host[v.index()] == v
    }
}

/// The forward edges between hosts, as a graph over the plan's indices.
fn host_graph(plan: &PlanGraph<'_>, groups: &Groups) -> DiGraph<(), ()> {
    let mut graph = DiGraph::with_capacity(plan.node_count(), plan.graph().edge_count());
    for _ in plan.indices() {
        graph.add_node(());
    }
    for e in plan.graph().edge_references() {
        if e.weight().kind != EdgeKind::Forward {
            continue;
        }
        let (a, b) = (
            groups.host[e.source().index()],
            groups.host[e.target().index()],
        );
        if a != b {
            graph.add_edge(a, b, ());
        }
    }
    graph
}

/// When each node finishes in a depth-first search over the host graph
/// that starts at the start nodes.
fn finishing_order(plan: &PlanGraph<'_>, hosts: &DiGraph<(), ()>) -> Vec<usize> {
    let starts = plan
        .indices()
        .filter(|&v| plan.node(v).kind == NodeKind::Start);
    let mut search = DfsPostOrder::empty(hosts);
    let mut finish = vec![0; plan.node_count()];
    let mut clock = 0;
    for root in starts.chain(plan.indices()) {
        search.move_to(root);
        while let Some(v) = search.next(hosts) {
            finish[v.index()] = clock;
            clock += 1;
        }
    }
    finish
}

/// The forward DAG drawn in ranks, with virtual nodes on long edges.
struct Layered {
    /// A vertex per plan node (at its [`PlanGraph`] index), then the
    /// virtual nodes. Satellites are vertices without edges.
    graph: DiGraph<(), ()>,
    rank: Vec<usize>,
    /// The hosts and virtual vertices of each rank, in order.
    rows: Vec<Vec<NodeIndex>>,
}

impl Layered {
    /// Ranks the hosts' forward edges and adds virtual nodes (steps 2–4).
    fn new(plan: &PlanGraph<'_>, groups: &Groups) -> Layered {
        let hosts = host_graph(plan, groups);
        let finish = finishing_order(plan, &hosts);
        let mut dag = DiGraph::<(), ()>::with_capacity(hosts.node_count(), hosts.edge_count());
        for _ in hosts.node_indices() {
            dag.add_node(());
        }
        for e in hosts.edge_references() {
            if finish[e.target().index()] < finish[e.source().index()] {
                dag.add_edge(e.source(), e.target(), ());
            }
        }
        let order = toposort(&dag, None).expect("back edges were left out");
        let mut rank = vec![0; plan.node_count()];
        for &v in &order {
            for w in dag.neighbors(v) {
                rank[w.index()] = rank[w.index()].max(rank[v.index()] + 1);
            }
        }
        let subdivided = edges_to_subdivide(&dag, &rank);
        let mut graph = dag.clone();
        graph.clear_edges();
        for edge in dag.edge_references() {
            let (mut from, to) = (edge.source(), edge.target());
            if subdivided[edge.id().index()] {
                for r in rank[from.index()] + 1..rank[to.index()] {
                    let virtual_node = graph.add_node(());
                    rank.push(r);
                    graph.add_edge(from, virtual_node, ());
                    from = virtual_node;
                }
            }
            graph.add_edge(from, to, ());
        }
        let mut rows = vec![Vec::new(); rank.iter().max().map_or(0, |r| r + 1)];
        let real = plan.node_count();
        for v in graph.node_indices() {
            if v.index() >= real || groups.is_host(v) {
                rows[rank[v.index()]].push(v);
            }
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

    /// Final positions of every plan node (steps 6 and 7).
    fn place(
        &self,
        plan: &PlanGraph<'_>,
        groups: &Groups,
        direction: Direction,
    ) -> Vec<(NodeId, Point)> {
        let real = plan.node_count();
        let ahead = self.ranks_ahead();
        let gap = cross_gap(direction);
        let reach = |v: NodeIndex| {
            if v.index() < real {
                groups.reach[&v]
            } else {
                (VIRTUAL_EXTENT / 2.0, VIRTUAL_EXTENT / 2.0)
            }
        };
        let mut cross = vec![0.0; self.graph.node_count()];
        let mut main = Vec::with_capacity(self.rows.len());
        let mut depth_before = 0.0;
        let mut at = 0.0;
        for (r, row) in self.rows.iter().enumerate() {
            let mut wanted = Vec::with_capacity(row.len());
            let mut weight = Vec::with_capacity(row.len());
            let mut offset = Vec::with_capacity(row.len());
            let mut o = 0.0;
            for (i, &v) in row.iter().enumerate() {
                if i > 0 {
                    o += reach(row[i - 1]).1 + gap + reach(v).0;
                }
                offset.push(o);
                let (sum, count) = self
                    .graph
                    .neighbors_directed(v, Incoming)
                    .fold((0.0, 0usize), |(sum, count), p| {
                        (sum + cross[p.index()], count + 1)
                    });
                wanted.push(if count == 0 { o } else { sum / count as f64 });
                weight.push(100f64.powi(ahead[v.index()].min(MAX_WEIGHT_EXPONENT) as i32));
            }
            for (&v, c) in row.iter().zip(spread(&wanted, &weight, &offset)) {
                cross[v.index()] = c;
            }
            // Step 7: the rank's depth along the flow.
            let depth = row
                .iter()
                .filter(|v| v.index() < real)
                .flat_map(|&h| {
                    let satellites = groups.members.get(&h).map_or(&[][..], Vec::as_slice);
                    std::iter::once(h).chain(satellites.iter().map(|(s, _)| *s))
                })
                .map(|v| extents(plan.node(v).kind, direction).0)
                .fold(0.0, f64::max);
            if r > 0 {
                at += depth_before / 2.0 + main_gap(direction) + depth / 2.0;
            }
            depth_before = depth;
            main.push(at);
        }
        let mut placed = Vec::with_capacity(real);
        for row in &self.rows {
            for &h in row.iter().filter(|v| v.index() < real) {
                let m = main[self.rank[h.index()]];
                placed.push((plan.node(h).id, m, cross[h.index()]));
                for &(s, offset) in groups.members.get(&h).into_iter().flatten() {
                    placed.push((plan.node(s).id, m, cross[h.index()] + offset));
                }
            }
        }
        let min_cross = placed.iter().map(|p| p.2).fold(f64::INFINITY, f64::min);
        placed
            .into_iter()
            .map(|(id, m, c)| {
                let c = c - min_cross;
                let at = match direction {
                    Direction::TopDown => Point::new(ORIGIN.x + c, ORIGIN.y + m),
                    Direction::LeftRight => Point::new(ORIGIN.x + m, ORIGIN.y + c),
                };
                (id, Point::new(at.x.round(), at.y.round()))
            })
            .collect()
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

/// Which edges of the DAG get virtual nodes (step 4), by edge index.
fn edges_to_subdivide(dag: &DiGraph<(), ()>, rank: &[usize]) -> Vec<bool> {
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
    let mut budget = VIRTUAL_BUDGET * (rank.len() + dag.edge_count());
    let mut subdivided = vec![false; dag.edge_count()];
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
    graph: &DiGraph<(), ()>,
    row: &mut Vec<NodeIndex>,
    slot: &mut [f64],
    toward: petgraph::Direction,
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

/// Cross positions for one rank, in order: the closest to `wanted` in
/// least squares weighted by `weight` that keep each one at least
/// `offset[i] − offset[i − 1]` after the one before (step 6).
fn spread(wanted: &[f64], weight: &[f64], offset: &[f64]) -> Vec<f64> {
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
    for ((&y, &w), &o) in wanted.iter().zip(weight).zip(offset) {
        let mut pool = Pool {
            weight: w,
            weighted_sum: w * (y - o),
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
        .zip(offset)
        .map(|(z, o)| z + o)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::shape::Rect;
    use expect_test::{expect, Expect};
    use proptest::prelude::*;
    use std::collections::BTreeMap;

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

    /// One line per rank, along the flow: `main: name@cross …`, in order.
    fn check_in(direction: Direction, spec: &str, expect: Expect) {
        let (plan, names) = plan_of(spec);
        let mut ranks: BTreeMap<i64, Vec<(f64, &str)>> = BTreeMap::new();
        for (id, at) in auto_layout(&plan, direction) {
            let (main, cross) = match direction {
                Direction::TopDown => (at.y, at.x),
                Direction::LeftRight => (at.x, at.y),
            };
            ranks
                .entry(main as i64)
                .or_default()
                .push((cross, &names[&id]));
        }
        let mut text = String::new();
        for (main, mut rank) in ranks {
            rank.sort_by(|a, b| a.0.total_cmp(&b.0));
            let nodes: Vec<String> = rank.iter().map(|(c, n)| format!("{n}@{c}")).collect();
            text += &format!("{main}: {}\n", nodes.join(" "));
        }
        expect.assert_eq(&text);
    }

    /// Left to right: one line per column, `x: name@y …`, top to bottom.
    fn check(spec: &str, expect: Expect) {
        check_in(Direction::LeftRight, spec, expect);
    }

    #[test]
    fn a_chain_is_one_straight_row() {
        check(
            "s>p p>v v>e",
            expect![[r#"
                120: s@80
                340: p@80 v@197
                560: e@80
            "#]],
        );
    }

    #[test]
    fn top_down_a_check_sits_right_of_its_phase_and_a_no_go_aside() {
        check_in(
            Direction::TopDown,
            "s>p p>v v>g g>p2 g>e2 p2>v2 v2>e1 p=vlag",
            expect![[r#"
                80: s@348
                172: vlag@120 p@348 v@576
                284: g@348
                396: p2@344 v2@572 e2@776
                488: e1@344
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
                120: s@200
                340: p1@80 p2@200 p3@320
                584: v@200
                804: e@200
            "#]],
        );
    }

    #[test]
    fn the_long_branch_stays_straight_and_a_no_go_gives_way() {
        check(
            "s>p v>g p>v g>p2 g>e2 p2>v2 v2>e1",
            expect![[r#"
                120: s@82
                340: p@82 v@199
                574: g@82
                808: p2@80 v2@197 e2@304
                1028: e1@80
            "#]],
        );
    }

    #[test]
    fn rollback_and_validation_edges_do_not_rank() {
        check(
            "s>p p>v v>e v~s p=v e~p",
            expect![[r#"
                120: s@80
                340: p@80 v@197
                560: e@80
            "#]],
        );
    }

    #[test]
    fn side_monitors_sit_before_the_host_of_what_they_guard() {
        check(
            "s>p p>v v>e p=vlag vlag~s p=verr v=vmon",
            expect![[r#"
                120: s@425
                340: vmon@80 verr@194 vlag@308 p@425 v@542
                560: e@425
            "#]],
        );
    }

    #[test]
    fn a_forward_cycle_is_ranked_without_its_back_edge() {
        check(
            "s>p1 p1>v1 v1>p2 p2>v2 v2>p1 v2>e",
            expect![[r#"
                120: s@80
                340: p1@80 v1@197
                584: p2@80 v2@197
                804: e@80
            "#]],
        );
    }

    #[test]
    fn a_long_edge_makes_room_through_the_ranks_it_spans() {
        check(
            "s>v v>p p>v2 v2>e v>e",
            expect![[r#"
                120: s@185
                340: v@185
                584: p@80 v2@197
                804: e@185
            "#]],
        );
    }

    #[test]
    fn barycenter_sweeps_undo_a_crossing_in_id_order() {
        check(
            "s pa pb v1 v2 s>v2 pa>v1 pb>v1",
            expect![[r#"
                120: s@80 pa@190 pb@310
                364: v2@80 v1@250
            "#]],
        );
    }

    #[test]
    fn nodes_without_forward_edges_stack_in_the_first_rank() {
        check(
            "s>p p>v v>e pstray estray estray~s",
            expect![[r#"
                120: s@80 pstray@190 estray@300
                364: p@80 v@197
                584: e@80
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
        let positions = auto_layout(&plan, Direction::LeftRight);
        assert_positions_are_distinct(&plan, &positions);
    }

    /// Every node is placed once, and no two footprints overlap.
    fn assert_positions_are_distinct(plan: &Plan, positions: &[(NodeId, Point)]) {
        let ids: Vec<NodeId> = positions.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, plan.nodes.keys().copied().collect::<Vec<_>>());
        let mut rects: Vec<Rect> = positions
            .iter()
            .map(|(id, at)| Rect::around(*at, plan.nodes[id].kind))
            .collect();
        rects.sort_by(|a, b| a.x.total_cmp(&b.x));
        for (i, a) in rects.iter().enumerate() {
            for b in rects[i + 1..].iter().take_while(|b| b.x < a.right()) {
                assert!(!a.inflated(-0.5).intersects(b), "{a:?} overlaps {b:?}");
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
            for direction in Direction::ALL {
                let positions = auto_layout(&plan, direction);
                assert_positions_are_distinct(&plan, &positions);
                prop_assert_eq!(&positions, &auto_layout(&plan, direction));
                let top = positions.iter().map(|(_, p)| p.y).fold(f64::INFINITY, f64::min);
                let left = positions.iter().map(|(_, p)| p.x).fold(f64::INFINITY, f64::min);
                prop_assert_eq!((left, top), (ORIGIN.x, ORIGIN.y));
            }
        }

        /// With forward edges turned to run from lower to higher id (so no
        /// cycle), every forward edge runs with the flow, or across it from
        /// a phase to the check beside it.
        #[test]
        fn forward_edges_of_an_acyclic_plan_run_with_the_flow(mut plan in arbitrary_plan()) {
            for e in plan.edges.values_mut().filter(|e| e.kind == EdgeKind::Forward) {
                (e.from, e.to) = (e.from.min(e.to), e.from.max(e.to));
            }
            for direction in Direction::ALL {
                let main = |p: Point| match direction {
                    Direction::TopDown => p.y,
                    Direction::LeftRight => p.x,
                };
                let at: BTreeMap<NodeId, Point> = auto_layout(&plan, direction).into_iter().collect();
                for e in plan.edges.values() {
                    if e.kind == EdgeKind::Forward && e.from != e.to {
                        let (a, b) = (main(at[&e.from]), main(at[&e.to]));
                        let beside = a == b
                            && plan.nodes[&e.from].kind == NodeKind::Phase
                            && plan.nodes[&e.to].kind == NodeKind::Verification;
                        prop_assert!(a < b || beside, "{:?}", e);
                    }
                }
            }
        }
    }
}
