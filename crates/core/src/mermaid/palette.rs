//! The Mermaid classes a node gets and their colours, shared by both
//! exporters and read back by the importer.
//!
//! Every node gets exactly one *role class*: `phase_<tag>` for a phase
//! (SPEC §8, e.g. `phase_dual_write`), else `kind_start`, `kind_end`,
//! `kind_verification` or `kind_gate`. Two *marker classes* are added on
//! top: `unsafe` for a phase that is a point of no return and `aborted`
//! for an aborted end. Class names and styles are fixed text: no user text
//! ever reaches a `class` or `classDef` line.

use crate::plan::{Node, NodeKind, PhaseTag};

pub(super) const KIND_START: &str = "kind_start";
pub(super) const KIND_END: &str = "kind_end";
const KIND_VERIFICATION: &str = "kind_verification";
const KIND_GATE: &str = "kind_gate";
const UNSAFE: &str = "unsafe";
const ABORTED: &str = "aborted";
const PHASE_PREFIX: &str = "phase_";

/// Text colour shared by every class: dark on the light fills below, so
/// labels stay readable whatever the viewer's theme.
const TEXT: &str = "color:#111827";

/// Every class with its style, in the order the `classDef` lines are written.
const CLASS_STYLES: &[(&str, &str)] = &[
    (KIND_START, "fill:#d1fae5,stroke:#047857"),
    (KIND_END, "fill:#e5e7eb,stroke:#374151"),
    ("phase_audit", "fill:#e0e7ff,stroke:#4338ca"),
    ("phase_expand", "fill:#dcfce7,stroke:#15803d"),
    ("phase_dual_write", "fill:#fef3c7,stroke:#b45309"),
    ("phase_backfill", "fill:#e0f2fe,stroke:#0369a1"),
    ("phase_cutover", "fill:#fce7f3,stroke:#be185d"),
    ("phase_contract", "fill:#fee2e2,stroke:#b91c1c"),
    ("phase_custom", "fill:#f3f4f6,stroke:#4b5563"),
    (KIND_VERIFICATION, "fill:#ede9fe,stroke:#6d28d9"),
    (KIND_GATE, "fill:#ffedd5,stroke:#c2410c"),
    (
        UNSAFE,
        "stroke:#dc2626,stroke-width:3px,stroke-dasharray:6 3",
    ),
    (ABORTED, "fill:#fecaca,stroke:#991b1b"),
];

/// Whether the exporter writes `class` (a `classDef` of it is no loss).
pub(super) fn is_palette_class(class: &str) -> bool {
    CLASS_STYLES.iter().any(|&(name, _)| name == class)
}

/// The class of a phase tag, e.g. `phase_dual_write`.
fn phase_class(tag: PhaseTag) -> &'static str {
    match tag {
        PhaseTag::Audit => "phase_audit",
        PhaseTag::Expand => "phase_expand",
        PhaseTag::DualWrite => "phase_dual_write",
        PhaseTag::Backfill => "phase_backfill",
        PhaseTag::Cutover => "phase_cutover",
        PhaseTag::Contract => "phase_contract",
        PhaseTag::Custom => "phase_custom",
    }
}

/// The phase tag a class names (`phase_backfill`), if it names one.
pub(super) fn tag_of_class(class: &str) -> Option<PhaseTag> {
    class.strip_prefix(PHASE_PREFIX).and_then(PhaseTag::parse)
}

/// The classes of a node: its role class, then its markers.
pub(super) fn classes_of(node: &Node) -> Vec<&'static str> {
    let role = match node.kind {
        NodeKind::Start => KIND_START,
        NodeKind::End => KIND_END,
        NodeKind::Phase => phase_class(node.phase),
        NodeKind::Verification => KIND_VERIFICATION,
        NodeKind::Gate => KIND_GATE,
    };
    let mut classes = vec![role];
    if node.kind == NodeKind::Phase && !node.safe {
        classes.push(UNSAFE);
    }
    if node.kind == NodeKind::End && node.aborted {
        classes.push(ABORTED);
    }
    classes
}

/// `class n1,n4 phase_expand` lines for `nodes`, one per class in the order
/// of [`CLASS_STYLES`], skipping classes no node has.
pub(super) fn class_lines<'a>(nodes: impl Iterator<Item = &'a Node> + Clone) -> Vec<String> {
    CLASS_STYLES
        .iter()
        .filter_map(|&(class, _)| {
            let members: Vec<String> = nodes
                .clone()
                .filter(|node| classes_of(node).contains(&class))
                .map(|node| node.id.to_string())
                .collect();
            (!members.is_empty()).then(|| format!("class {} {class}", members.join(",")))
        })
        .collect()
}

/// One `classDef` line per class, fixed text.
pub(super) fn class_def_lines() -> impl Iterator<Item = String> {
    CLASS_STYLES
        .iter()
        .map(|(class, style)| format!("classDef {class} {style},{TEXT}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::NodeId;

    #[test]
    fn every_phase_tag_has_a_styled_class_that_reads_back() {
        for tag in PhaseTag::ALL {
            let class = phase_class(tag);
            assert_eq!(tag_of_class(class), Some(tag));
            assert!(
                CLASS_STYLES.iter().any(|(name, _)| *name == class),
                "{class}"
            );
        }
    }

    #[test]
    fn markers_follow_the_role() {
        let mut phase = Node::new(NodeId(1), NodeKind::Phase, "Drop old column");
        phase.phase = PhaseTag::Contract;
        phase.safe = false;
        let mut end = Node::new(NodeId(2), NodeKind::End, "Aborted");
        end.aborted = true;
        assert_eq!(classes_of(&phase), ["phase_contract", "unsafe"]);
        assert_eq!(classes_of(&end), ["kind_end", "aborted"]);
    }
}
