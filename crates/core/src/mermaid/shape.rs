//! Mermaid node shapes: how each is delimited and which node kind it
//! stands for (SPEC §8). The exporter writes four of them; the importer
//! reads them all, and every shape without a meaning of its own is a phase.
//! Mermaid 11's named shapes (`id@{ shape: diamond }`) map the same way:
//! terminal points (and Mermaid's small start and framed stop circles) are
//! starts or ends, `hex`/`prepare` are checks, `diam`/`decision` are gates.

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

/// The named shapes with a meaning here, under all of Mermaid's aliases.
const NAMED_ROLES: &[(&str, Role)] = &[
    ("stadium", Role::Terminal),
    ("pill", Role::Terminal),
    ("terminal", Role::Terminal),
    ("sm-circ", Role::Terminal),
    ("small-circle", Role::Terminal),
    ("start", Role::Terminal),
    ("fr-circ", Role::Terminal),
    ("framed-circle", Role::Terminal),
    ("stop", Role::Terminal),
    ("hex", Role::Verification),
    ("hexagon", Role::Verification),
    ("prepare", Role::Verification),
    ("diam", Role::Gate),
    ("diamond", Role::Gate),
    ("decision", Role::Gate),
    ("question", Role::Gate),
];

/// The role of a Mermaid 11 shape name; a phase for any other name.
pub(super) fn role_of_name(name: &str) -> Role {
    NAMED_ROLES
        .iter()
        .find(|(named, _)| named.eq_ignore_ascii_case(name))
        .map_or(Role::Phase, |&(_, role)| role)
}

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
    fn named_shapes() {
        let roles = ["pill", "Diamond", "hex", "sm-circ", "rect", "cyl", ""].map(role_of_name);
        assert_eq!(
            roles,
            [
                Role::Terminal,
                Role::Gate,
                Role::Verification,
                Role::Terminal,
                Role::Phase,
                Role::Phase,
                Role::Phase,
            ]
        );
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
