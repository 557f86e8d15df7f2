//! Generated plans of any size, for benchmarks and demos (`?generate=N`).
//!
//! The shape is a large migration of many tables at once: the start fans
//! out into parallel lanes, one per table, that join at a final go/no-go
//! gate before the end. A lane is a sequence of steps, each a phase
//! followed by its verification; the phases cycle through audit → expand →
//! dual-write → backfill → cutover (and round again), and the last phase
//! of a lane that has cut over is a contract. A go/no-go gate follows the
//! verification before every cutover and, now and then, another one; a
//! gate's "no-go" edge goes to the shared aborted end. Backfill phases
//! also get a replication-lag side monitor (validation edge), or where
//! the lane has no room left, a lag check in their verification. Every
//! verification and monitor rolls back to the last checkpoint before its
//! phase: the start, or an expand or cutover phase (schema added but
//! unused; reads switched with the old data intact), as runbooks do.
//! Contract phases are points of no return: nothing a rollback could
//! restore lies between them and the end of their lane, so the contract
//! itself rolls back (stopping before the drop) and the checks after it
//! do not (MF015). That gives about 1.5 edges per node, a third of them
//! rollbacks, and a plan with no findings.
//!
//! Positions form a layered grid: lanes are rows, steps are columns, the
//! start sits left of the middle row and the ends right of it, so even
//! 5,000 nodes read as a wide block of parallel rows. Everything is
//! deterministic: a fixed-seed xorshift decides where the extra gates go.

use crate::document::Document;
use crate::geometry::{Geometry, Point};
use crate::id::NodeId;
use crate::plan::{Check, CheckKind, EdgeKind, NodeKind, PhaseTag};

/// Horizontal distance between columns of the grid.
const COLUMN: f64 = 220.0;
/// Vertical distance between lanes.
const ROW: f64 = 160.0;
/// Below this many nodes besides start and end, the plan is one lane
/// without gates.
const MIN_NODES_FOR_GATES: usize = 8;
/// Lanes ≈ √(lane nodes / this): 5,000 nodes make 58 lanes of about 86,
/// a grid with the proportions of a screen.
const LANE_SHAPE: f64 = 1.5;
/// One extra gate for about this many steps.
const EXTRA_GATE_ODDS: u64 = 5;

/// The phases of a lane, round and round; a contract comes last.
const PHASE_CYCLE: [PhaseTag; 5] = [
    PhaseTag::Audit,
    PhaseTag::Expand,
    PhaseTag::DualWrite,
    PhaseTag::Backfill,
    PhaseTag::Cutover,
];

const TABLES: [&str; 12] = [
    "orders",
    "customers",
    "invoices",
    "payments",
    "shipments",
    "products",
    "accounts",
    "sessions",
    "events",
    "reviews",
    "coupons",
    "carts",
];

/// A deterministic plan of exactly `nodes` nodes (see the module doc).
pub fn generated_plan(nodes: usize) -> Document {
    let mut doc = Document::new(format!("Generated plan ({nodes} nodes)"));
    if nodes == 0 {
        return doc;
    }
    let lane_nodes = nodes.saturating_sub(2);
    // Gates need the final gate and the aborted end their "no-go" goes to.
    let with_gates = lane_nodes >= MIN_NODES_FOR_GATES;
    let lanes = if with_gates {
        let wanted = (lane_nodes as f64 / LANE_SHAPE).sqrt().round() as usize;
        wanted.clamp(1, lane_nodes / 3)
    } else {
        1
    };
    let middle = Point::new(0.0, ROW * (lanes - 1) as f64 / 2.0);
    let start = doc.add_node(NodeKind::Start, "Start", middle);
    if nodes == 1 {
        return doc;
    }
    let aborted = with_gates.then(|| {
        let id = doc.add_node(NodeKind::End, "Migration aborted", Point::default());
        doc.node_mut(id).aborted = true;
        id
    });

    let mut generator = Generator {
        doc,
        random: XorShift(0x9E37_79B9_7F4A_7C15),
        aborted,
    };
    let budget = lane_nodes - 2 * usize::from(with_gates);
    let mut lane_ends = Vec::with_capacity(lanes);
    for lane in 0..lanes {
        let share = budget / lanes + usize::from(lane < budget % lanes);
        lane_ends.push(generator.lane(start, lane, lanes, share));
    }

    let last_column = lane_ends.iter().map(|end| end.column).max().unwrap_or(1);
    let end_x = COLUMN * (last_column + usize::from(with_gates)) as f64;
    let end = generator.doc.add_node(
        NodeKind::End,
        "Migration complete",
        Point::new(end_x, middle.y - ROW / 4.0),
    );
    let exit = match aborted {
        Some(aborted) => {
            let at = Point::new(end_x, middle.y + ROW / 2.0);
            generator.doc.layout.set_position(aborted, Some(at));
            let at = Point::new(end_x - COLUMN, middle.y);
            let gate = generator.gate("Go/no-go: finish the migration", at);
            generator.forward(gate, end, "go");
            gate
        }
        None => end,
    };
    for lane_end in &lane_ends {
        generator.forward(lane_end.node, exit, &lane_end.label);
    }
    generator.doc
}

/// Where a lane stops: its last node, the label its way out needs, and the
/// first free column.
struct LaneEnd {
    node: NodeId,
    label: String,
    column: usize,
}

struct Generator {
    doc: Document,
    random: XorShift,
    /// The aborted end, when the plan has gates.
    aborted: Option<NodeId>,
}

impl Generator {
    /// Lane `lane` of `lanes`, exactly `budget` nodes long, from `start`.
    fn lane(&mut self, start: NodeId, lane: usize, lanes: usize, budget: usize) -> LaneEnd {
        let table = match lane / TABLES.len() {
            0 => TABLES[lane].to_string(),
            round => format!("{}_{}", TABLES[lane % TABLES.len()], round + 1),
        };
        let y = ROW * lane as f64;
        let at = |column: usize| Point::new(COLUMN * column as f64, y);
        // The start's edges into several lanes are branches: label them.
        let mut label = if lanes > 1 {
            table.clone()
        } else {
            String::new()
        };
        let mut previous = start;
        let mut last_checkpoint = start;
        let mut cut_over = false;
        // Past a contract, checks roll back nowhere: what they would
        // restore is gone.
        let mut past_contract = false;
        let mut column = 1;
        let mut left = budget;
        let mut step = 0;
        while left > 0 {
            if left == 1 {
                let check = self.verification(
                    format!("Verify {table} end to end"),
                    (
                        CheckKind::DataParity,
                        "source and target agree",
                        "0 differences",
                    ),
                    at(column),
                );
                self.link(
                    previous,
                    check,
                    &label,
                    (!past_contract).then_some(last_checkpoint),
                );
                return LaneEnd {
                    node: check,
                    label: String::new(),
                    column: column + 1,
                };
            }
            // The lane's last step (its phase, check and at most one more
            // node) drops what its cutover retired.
            let tag = if cut_over && left <= 3 {
                PhaseTag::Contract
            } else {
                PHASE_CYCLE[step % PHASE_CYCLE.len()]
            };
            let next_tag = PHASE_CYCLE[(step + 1) % PHASE_CYCLE.len()];
            step += 1;
            let monitored = tag == PhaseTag::Backfill && left >= 3;
            let gated = self.aborted.is_some()
                && left >= 3 + usize::from(monitored)
                && (next_tag == PhaseTag::Cutover || self.random.one_in(EXTRA_GATE_ODDS));

            let phase = self.phase(tag, &table, at(column));
            self.forward(previous, phase, &label);
            if monitored {
                let lag = self.verification(
                    format!("Replication lag {table}"),
                    (CheckKind::ReplicationLag, "replica lag", "< 5 s"),
                    Point::new(COLUMN * (column as f64 + 0.5), y + ROW / 2.0),
                );
                self.doc.add_edge(EdgeKind::Validation, phase, lag, "");
                self.doc
                    .add_edge(EdgeKind::Rollback, lag, last_checkpoint, "lag too high");
            }
            let check = self.verification(
                format!("Verify {} {table}", tag.label().to_ascii_lowercase()),
                check_for(tag),
                at(column + 1),
            );
            if tag == PhaseTag::Backfill && !monitored {
                // No room left for a monitor: the check after it watches
                // the replicas instead (MF019).
                self.doc.node_mut(check).checks.push(Check {
                    kind: CheckKind::ReplicationLag,
                    name: "replica lag".to_string(),
                    threshold: "< 5 s".to_string(),
                });
            }
            if tag == PhaseTag::Contract {
                self.link(phase, check, "", None);
                self.doc.add_edge(
                    EdgeKind::Rollback,
                    phase,
                    last_checkpoint,
                    "lock timeout: stop before the drop",
                );
                past_contract = true;
            } else {
                self.link(phase, check, "", Some(last_checkpoint));
            }
            column += 2;
            left -= 2 + usize::from(monitored);
            previous = check;
            label.clear();
            if gated {
                let title = format!(
                    "Go/no-go: {} {table}",
                    next_tag.label().to_ascii_lowercase()
                );
                let gate = self.gate(&title, at(column));
                self.forward(check, gate, "");
                column += 1;
                left -= 1;
                previous = gate;
                label = "go".to_string();
            }
            if matches!(tag, PhaseTag::Expand | PhaseTag::Cutover) {
                last_checkpoint = phase;
            }
            cut_over |= tag == PhaseTag::Cutover;
        }
        LaneEnd {
            node: previous,
            label,
            column,
        }
    }

    fn phase(&mut self, tag: PhaseTag, table: &str, at: Point) -> NodeId {
        let title = format!("{} {table}", tag.label());
        let id = self.doc.add_node(NodeKind::Phase, &title, at);
        let node = self.doc.node_mut(id);
        node.phase = tag;
        node.owner = "Platform team".to_string();
        // Cleaning up legacy data cannot be rolled back to.
        node.safe = tag != PhaseTag::Contract;
        if tag == PhaseTag::DualWrite {
            node.entry_conditions = vec![format!("new {table} column deployed everywhere")];
            node.exit_conditions = vec![format!("{table} backfill verified")];
        }
        id
    }

    fn verification(
        &mut self,
        title: String,
        (kind, name, threshold): (CheckKind, &str, &str),
        at: Point,
    ) -> NodeId {
        let id = self.doc.add_node(NodeKind::Verification, &title, at);
        self.doc.node_mut(id).checks = vec![Check {
            kind,
            name: name.to_string(),
            threshold: threshold.to_string(),
        }];
        id
    }

    /// A gate whose "no-go" goes to the aborted end; the caller adds "go".
    fn gate(&mut self, title: &str, at: Point) -> NodeId {
        let id = self.doc.add_node(NodeKind::Gate, title, at);
        let node = self.doc.node_mut(id);
        node.go_criteria = vec!["checks green".to_string(), "error rate < 0.1 %".to_string()];
        node.approver = "DBA on call".to_string();
        let aborted = self
            .aborted
            .expect("gates only in plans with an aborted end");
        self.doc.add_edge(EdgeKind::Forward, id, aborted, "no-go");
        id
    }

    /// `from → check`, and the check's rollback to `safe`, if any.
    fn link(&mut self, from: NodeId, check: NodeId, label: &str, safe: Option<NodeId>) {
        self.forward(from, check, label);
        if let Some(safe) = safe {
            self.doc
                .add_edge(EdgeKind::Rollback, check, safe, "rollback");
        }
    }

    fn forward(&mut self, from: NodeId, to: NodeId, label: &str) {
        self.doc.add_edge(EdgeKind::Forward, from, to, label);
    }
}

/// The check that verifies a phase: kind, name, threshold.
fn check_for(tag: PhaseTag) -> (CheckKind, &'static str, &'static str) {
    match tag {
        PhaseTag::Audit => (CheckKind::Custom, "dependencies reviewed", "none unknown"),
        PhaseTag::Expand | PhaseTag::Contract => (
            CheckKind::HealthProbe,
            "application health",
            "all instances ready",
        ),
        PhaseTag::DualWrite => (CheckKind::ErrorRate, "write errors", "< 0.1 %"),
        PhaseTag::Backfill => (CheckKind::RowCount, "row counts match", "0 missing rows"),
        PhaseTag::Cutover | PhaseTag::Custom => (CheckKind::ErrorRate, "read errors", "< 0.1 %"),
    }
}

/// Marsaglia's xorshift64: tiny, deterministic, good enough for layout
/// variety.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn one_in(&mut self, odds: u64) -> bool {
        self.next().is_multiple_of(odds)
    }
}

#[cfg(test)]
mod tests {
    use super::generated_plan;
    use crate::plan::EdgeKind;
    use crate::rules::validate;

    #[test]
    fn has_exactly_the_nodes_asked_for_and_no_findings() {
        for nodes in (2..=120).chain([1_000, 5_000]) {
            let doc = generated_plan(nodes);
            assert_eq!(doc.plan.nodes.len(), nodes);
            assert_eq!(doc.layout.positions.len(), nodes);
            let findings = validate(&doc.plan);
            assert!(findings.is_empty(), "{nodes} nodes: {findings:#?}");
        }
        assert!(generated_plan(0).plan.nodes.is_empty());
        assert_eq!(generated_plan(1).plan.nodes.len(), 1);
    }

    #[test]
    fn has_about_one_and_a_half_edges_per_node_a_third_rollbacks() {
        let plan = generated_plan(10_000).plan;
        let edges = plan.edges.len() as f64;
        let rollbacks = plan
            .edges
            .values()
            .filter(|edge| edge.kind == EdgeKind::Rollback)
            .count() as f64;
        let per_node = edges / plan.nodes.len() as f64;
        assert!((1.4..1.7).contains(&per_node), "{per_node} edges per node");
        assert!(
            (0.28..0.4).contains(&(rollbacks / edges)),
            "{rollbacks} of {edges}"
        );
    }

    #[test]
    fn is_deterministic_and_spread_over_a_grid_without_overlaps() {
        let doc = generated_plan(5_000);
        assert_eq!(doc, generated_plan(5_000));
        let mut cells: Vec<(i64, i64)> = doc
            .layout
            .positions
            .values()
            .map(|p| (p.x.round() as i64, p.y.round() as i64))
            .collect();
        cells.sort();
        cells.dedup();
        assert_eq!(cells.len(), 5_000, "two nodes share a position");
        let (min, max) = cells.iter().fold(
            ((i64::MAX, i64::MAX), (i64::MIN, i64::MIN)),
            |(lo, hi), &(x, y)| ((lo.0.min(x), lo.1.min(y)), (hi.0.max(x), hi.1.max(y))),
        );
        let aspect = (max.0 - min.0) as f64 / (max.1 - min.1) as f64;
        assert!((1.0..4.0).contains(&aspect), "width / height = {aspect}");
    }
}
