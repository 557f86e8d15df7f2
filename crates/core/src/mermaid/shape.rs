//! Mermaid node shapes: how each is delimited and which node kind it
//! stands for (SPEC §8). The exporter writes four of them; the importer
//! reads them all, and every shape without a meaning of its own is a phase.

use crate::plan::NodeKind;

/// What a shape means in a migration plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// Stadium: a start or an end, told apart by the edges (see the importer).
    Terminal,
    Phase,
    Verification,
    Gate,
}

/// A node shape: `id` + `open` + label + one of `closes`.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Shape {
    pub open: &'static str,
    pub closes: &'static [&'static str],
    pub role: Role,
}

const STADIUM: Shape = shape("([", &["])"], Role::Terminal);
const RECTANGLE: Shape = shape("[", &["]"], Role::Phase);
const HEXAGON: Shape = shape("{{", &["}}"], Role::Verification);
const RHOMBUS: Shape = shape("{", &["}"], Role::Gate);

const fn shape(open: &'static str, closes: &'static [&'static str], role: Role) -> Shape {
    Shape { open, closes, role }
}

/// Every shape the importer reads, longest opening first so that `((`
/// is not read as `(`.
pub(super) const SHAPES: &[Shape] = &[
    shape("(((", &[")))"], Role::Phase), // double circle
    shape("((", &["))"], Role::Phase),   // circle
    STADIUM,
    shape("(-", &["-)"], Role::Phase),         // ellipse
    shape("(", &[")"], Role::Phase),           // rounded rectangle
    shape("[[", &["]]"], Role::Phase),         // subroutine
    shape("[(", &[")]"], Role::Phase),         // cylinder
    shape("[/", &["/]", "\\]"], Role::Phase),  // parallelogram, trapezoid
    shape("[\\", &["\\]", "/]"], Role::Phase), // the same leaning left
    RECTANGLE,
    HEXAGON,
    RHOMBUS,
    shape(">", &["]"], Role::Phase), // asymmetric
];

/// The shape the exporter writes for a node kind.
pub(super) fn for_kind(kind: NodeKind) -> &'static Shape {
    match kind {
        NodeKind::Start | NodeKind::End => &STADIUM,
        NodeKind::Phase => &RECTANGLE,
        NodeKind::Verification => &HEXAGON,
        NodeKind::Gate => &RHOMBUS,
    }
}

/// The shape whose opening starts `text`, if any.
pub(super) fn opening(text: &str) -> Option<&'static Shape> {
    SHAPES.iter().find(|shape| text.starts_with(shape.open))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_as_its_role() {
        for kind in NodeKind::ALL {
            let written = for_kind(kind);
            let read = opening(written.open).expect("the exporter's shapes are readable");
            assert_eq!(read, written, "{kind:?}");
        }
    }

    #[test]
    fn longer_openings_win() {
        let roles: Vec<_> = ["((x))", "([x])", "(x)", "{{x}}", "{x}", "[(x)]", "[x]"]
            .into_iter()
            .map(|text| opening(text).map(|s| (s.open, s.role)))
            .collect();
        assert_eq!(
            roles,
            [
                Some(("((", Role::Phase)),
                Some(("([", Role::Terminal)),
                Some(("(", Role::Phase)),
                Some(("{{", Role::Verification)),
                Some(("{", Role::Gate)),
                Some(("[(", Role::Phase)),
                Some(("[", Role::Phase)),
            ]
        );
    }
}
