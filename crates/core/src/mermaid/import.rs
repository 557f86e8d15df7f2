//! Turns flowchart text into a document (SPEC §5, §8).
//!
//! What the parsed statements ([`super::parser`]) become:
//! - **Nodes**: one per node id, except a subgraph's id used as a link end
//!   without a shape of its own (links touching it are dropped, with a
//!   warning: a subgraph is a group, not a node).
//!   - *kind*: by shape ([`super::shape`]); a stadium is a start with the
//!     class `kind_start`, an end with `kind_end`, else an end when no
//!     forward edge leaves it and a start otherwise.
//!   - *title*: the decoded label, or the id when the node has none. The
//!     kind's name reads as an empty title when the node's metadata says
//!     `"title":""` (see [`super::metadata`]).
//!   - *phase tag* (phases): the last `phase_*` class the node has (from
//!     `class` statements and `:::`), else [`super::infer_phase`].
//!   - *stage*: the title of its subgraph (see `ParsedNode::group`).
//!   - *other fields*: from the node's `%% migraflow:` line; defaults
//!     without one.
//!   - *id*: a node written `nK` that has a metadata line keeps id K;
//!     every other node takes the smallest free id, in order of first
//!     appearance — so a hand-written chart gets n1, n2, … in reading order.
//!   - *position*: from the metadata line, else [`super::placement`].
//! - **Edges**: solid → forward, dotted → rollback, thick → validation.
//!   Invisible links, self-loops and repeats of an edge (same kind and
//!   ends) are dropped with a warning, as the editor refuses the latter
//!   two. A link with heads at both ends (`<-->`, `x--x`, `o-.-o`) is one
//!   edge of its style's kind, from the node written first to the other,
//!   with a warning that names its line: a plan's edge goes one way, and
//!   a rollback edge made up for the other head would tell the rules
//!   (MF001 and the like) that a way back exists when nobody drew one.
//! - **Decoration** (`style`, `classDef`, `linkStyle`, `click`, `accTitle`,
//!   `accDescr`, an edge's `@{…}`, node `@{…}` keys but `shape` and
//!   `label`, classes that are neither the exporter's nor `phase_*`) is
//!   left out, with one warning per kind that
//!   names its lines. Every vertex or link Mermaid reads is in the
//!   document or named in a warning ([`Imported::dropped`]). Ids come from the document line's `edge_ids` when it lists one
//!   per edge, else 1, 2, 3… in order.
//! - **Title**: from the document's metadata line, else the front matter's
//!   `title:`, else empty. **Pack**: from the document's metadata line,
//!   else `migration`.
//!
//! A hand-written chart (no document metadata line) without any stadium
//! gets a warning that it has no start or end. A metadata line that does
//! not parse, or names no node of the chart, is ignored with a warning; a document line of a newer convention is an
//! error, as a newer JSON document is (SPEC §1).

use super::infer_phase::infer_phase;
use super::link::LinkStyle;
use super::metadata::{self, DocumentMeta, Meta, NodeMeta, FORMAT};
use super::parser::{self, Decoration, Flowchart, ParsedNode};
use super::shape::Role;
use super::{limits, palette, placement, Counts, Imported, MermaidError};
use crate::document::Document;
use crate::geometry::Geometry;
use crate::id::{EdgeId, NodeId};
use crate::id_set::IdSet;
use crate::plan::{Edge, EdgeKind, Node, NodeKind};
use rustc_hash::{FxHashMap, FxHashSet};

/// Reads a Mermaid flowchart into a document: the exporter's output back to
/// the very document it came from, a hand-written flowchart by its shapes,
/// link styles and classes (see the [module doc](super)). Anything that
/// cannot be read is an error with its line and column; what was read but
/// dropped or guessed is listed in [`Imported::warnings`].
pub fn import(text: &str) -> Result<Imported, MermaidError> {
    limits::check_import_size(text)?;
    let text = parser::normalise(text);
    let chart = parser::parse(&text)?;
    let mut warnings = Vec::new();
    let metadata = read_metadata(&chart, &mut warnings)?;
    let read = Counts {
        nodes: chart.nodes.len(),
        edges: chart.links.len(),
    };
    let document = build(&chart, &metadata, &mut warnings);
    warn_skipped(&chart.skipped, &mut warnings);
    let dropped = Counts {
        nodes: read.nodes - document.plan.nodes.len(),
        edges: read.edges - document.plan.edges.len(),
    };
    Ok(Imported {
        document,
        warnings,
        read,
        dropped,
    })
}

/// One warning per kind of decoration left out, with the lines it was on.
fn warn_skipped(skipped: &[(usize, Decoration)], warnings: &mut Vec<String>) {
    let mut skipped = skipped.to_vec();
    skipped.sort_by_key(|&(line, what)| (what, line));
    skipped.dedup();
    for group in skipped.chunk_by(|a, b| a.1 == b.1) {
        let (what, why) = match group[0].1 {
            Decoration::Style => ("`style` statements were", "a plan keeps no colours"),
            Decoration::ClassDef => ("`classDef` statements were", "a plan keeps no colours"),
            Decoration::LinkStyle => ("`linkStyle` statements were", "a plan keeps no colours"),
            Decoration::Click => (
                "`click` statements were",
                "a plan keeps no links or callbacks",
            ),
            Decoration::Accessibility => (
                "`accTitle` and `accDescr` were",
                "a plan keeps no accessible title or description",
            ),
            Decoration::NodeData => (
                "`@{…}` keys other than `shape` and `label` were",
                "a plan keeps no icons, images or sizes",
            ),
            Decoration::EdgeData => (
                "edge properties (`id@{…}`) were",
                "a plan keeps no animation or curves",
            ),
        };
        let lines: Vec<String> = group.iter().map(|(line, _)| line.to_string()).collect();
        let plural = if lines.len() == 1 { "line" } else { "lines" };
        warnings.push(format!(
            "{plural} {}: {what} not imported ({why})",
            lines.join(", ")
        ));
    }
}

/// The metadata lines of a chart, by what they describe.
struct Metadata<'a> {
    document: Option<DocumentMeta>,
    /// By Mermaid node id, with the line of the comment.
    nodes: FxHashMap<&'a str, (NodeMeta, usize)>,
}

fn read_metadata<'a>(
    chart: &Flowchart<'a>,
    warnings: &mut Vec<String>,
) -> Result<Metadata<'a>, MermaidError> {
    let mut read = Metadata {
        document: None,
        nodes: FxHashMap::default(),
    };
    let node_ids: FxHashSet<&str> = chart.nodes.iter().map(|n| n.id).collect();
    for comment in &chart.metadata {
        let line = comment.line;
        match metadata::parse(comment.json) {
            Err(e) => warnings.push(format!("line {line}: a migraflow comment was ignored: {e}")),
            Ok(Meta::Document(doc)) if doc.format > FORMAT => {
                return Err(MermaidError {
                    line,
                    column: comment.column,
                    message: format!(
                        "this text was written by a newer migraflow (Mermaid convention {}, this one reads {FORMAT})",
                        doc.format
                    ),
                    hint: "update migraflow, or delete the `%% migraflow:` lines to import it as a plain flowchart"
                        .to_owned(),
                });
            }
            Ok(Meta::Document(doc)) => {
                if read.document.is_some() {
                    warnings.push(format!(
                        "line {line}: a second document comment was ignored"
                    ));
                } else {
                    read.document = Some(doc);
                }
            }
            Ok(Meta::Node(node)) => {
                let Some(&id) = node_ids.get(node.node.as_str()) else {
                    warnings.push(format!(
                        "line {line}: a migraflow comment for `{}`, which is not a node here, was ignored",
                        node.node
                    ));
                    continue;
                };
                if read.nodes.contains_key(id) {
                    warnings.push(format!(
                        "line {line}: a second migraflow comment for `{id}` was ignored"
                    ));
                } else {
                    read.nodes.insert(id, (node, line));
                }
            }
        }
    }
    Ok(read)
}

/// The document `chart` describes; see the module doc for the rules.
fn build(chart: &Flowchart<'_>, metadata: &Metadata<'_>, warnings: &mut Vec<String>) -> Document {
    let subgraphs: FxHashSet<&str> = chart.subgraph_ids.iter().copied().collect();
    let is_group = |index: usize| {
        let node = &chart.nodes[index];
        node.role.is_none() && subgraphs.contains(node.id)
    };
    let ids = assign_node_ids(chart, metadata, &is_group);
    for (parsed, _) in chart.nodes.iter().zip(&ids).filter(|(_, id)| id.is_none()) {
        warnings.push(format!(
            "line {}: `{}` names a subgraph, which is a group and not a node in a plan; it was left out",
            parsed.line, parsed.id
        ));
    }
    let edges = build_edges(chart, metadata, &ids, warnings);
    let classes = classes_by_node(chart, &subgraphs, warnings);

    let mut doc = Document::new(
        metadata
            .document
            .as_ref()
            .map(|d| d.title.clone())
            .or_else(|| chart.title.clone())
            .unwrap_or_default(),
    );
    if let Some(document) = &metadata.document {
        doc.plan.pack = document.pack;
    }
    let forward_sources: FxHashSet<NodeId> = edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Forward)
        .map(|e| e.from)
        .collect();
    for (index, parsed) in chart.nodes.iter().enumerate() {
        let Some(id) = ids[index] else { continue };
        let node_classes = classes
            .get(parsed.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let kind = kind_of(parsed.role, node_classes, forward_sources.contains(&id));
        let meta = metadata.nodes.get(parsed.id);
        let node = build_node(parsed, id, kind, node_classes, meta, warnings);
        doc.plan.nodes.insert(id, node);
        doc.layout
            .set_position(id, meta.and_then(|(meta, _)| meta.position()));
    }
    doc.plan.edges = edges.into_iter().map(|e| (e.id, e)).collect();
    if chart.vertical {
        doc.layout.direction = crate::geometry::Direction::TopDown;
    }
    placement::place_unpositioned(&doc.plan, &mut doc.layout);
    let hand_written = metadata.document.is_none();
    let has_terminal = doc
        .plan
        .nodes
        .values()
        .any(|n| matches!(n.kind, NodeKind::Start | NodeKind::End));
    if hand_written && !doc.plan.nodes.is_empty() && !has_terminal {
        warnings.push(
            "no node is a stadium, so the plan has no start or end; draw them as `id([Start])`"
                .to_owned(),
        );
    }
    doc
}

/// A node's kind: by its shape's role; a terminal is a start or an end by
/// its kind class, else by whether a forward edge leaves it.
fn kind_of(role: Option<Role>, classes: &[&str], leaves_forward: bool) -> NodeKind {
    let has = |class: &str| classes.contains(&class);
    match role.unwrap_or(Role::Phase) {
        Role::Terminal if has(palette::KIND_START) => NodeKind::Start,
        Role::Terminal if has(palette::KIND_END) => NodeKind::End,
        Role::Terminal if leaves_forward => NodeKind::Start,
        Role::Terminal => NodeKind::End,
        Role::Phase => NodeKind::Phase,
        Role::Verification => NodeKind::Verification,
        Role::Gate => NodeKind::Gate,
    }
}

/// The node a parsed node becomes: title, phase tag, then the fields of
/// its metadata line (see the module doc).
fn build_node(
    parsed: &ParsedNode<'_>,
    id: NodeId,
    kind: NodeKind,
    classes: &[&str],
    meta: Option<&(NodeMeta, usize)>,
    warnings: &mut Vec<String>,
) -> Node {
    let label = parsed.label.clone().unwrap_or_else(|| parsed.id.to_owned());
    let title_empty = meta.is_some_and(|(m, _)| m.says_title_empty()) && label == kind.label();
    let mut node = Node::new(id, kind, if title_empty { String::new() } else { label });
    node.stage = parsed.group.clone().unwrap_or_default();
    if kind == NodeKind::Phase {
        node.phase = classes
            .iter()
            .rev()
            .find_map(|class| palette::tag_of_class(class))
            .unwrap_or_else(|| infer_phase(&node.title));
    }
    let Some((meta, line)) = meta else {
        return node;
    };
    match meta.apply_to(node.clone()) {
        Ok(with_meta) => with_meta,
        Err(e) => {
            warnings.push(format!(
                "line {line}: the migraflow comment of `{}` was ignored: {e}",
                parsed.id
            ));
            node
        }
    }
}

/// The id of each parsed node (`None` for a subgraph used as a link end).
/// See the module doc.
fn assign_node_ids(
    chart: &Flowchart<'_>,
    metadata: &Metadata<'_>,
    is_group: &impl Fn(usize) -> bool,
) -> Vec<Option<NodeId>> {
    let mut ids: Vec<Option<NodeId>> = vec![None; chart.nodes.len()];
    let mut taken = IdSet::new();
    for (index, parsed) in chart.nodes.iter().enumerate() {
        let kept = NodeId::parse(parsed.id).filter(|id| {
            metadata.nodes.contains_key(parsed.id)
                && id.to_string() == parsed.id
                && !is_group(index)
        });
        if let Some(id) = kept.filter(|&id| taken.insert(id)) {
            ids[index] = Some(id);
        }
    }
    let mut candidate = 1;
    for (index, id) in ids.iter_mut().enumerate() {
        if id.is_some() || is_group(index) {
            continue;
        }
        while taken.contains(&NodeId(candidate)) {
            candidate += 1;
        }
        taken.insert(NodeId(candidate));
        *id = Some(NodeId(candidate));
    }
    ids
}

fn build_edges(
    chart: &Flowchart<'_>,
    metadata: &Metadata<'_>,
    ids: &[Option<NodeId>],
    warnings: &mut Vec<String>,
) -> Vec<Edge> {
    let mut edges: Vec<Edge> = Vec::new();
    let mut seen = FxHashSet::default();
    for link in &chart.links {
        let (from_name, to_name) = (chart.nodes[link.from].id, chart.nodes[link.to].id);
        let line = link.line;
        let (Some(from), Some(to)) = (ids[link.from], ids[link.to]) else {
            let group = if ids[link.from].is_none() {
                from_name
            } else {
                to_name
            };
            warnings.push(format!(
                "line {line}: the link between `{from_name}` and `{to_name}` was skipped: `{group}` is a subgraph, not a node"
            ));
            continue;
        };
        let kind = match link.style {
            LinkStyle::Solid => EdgeKind::Forward,
            LinkStyle::Dotted => EdgeKind::Rollback,
            LinkStyle::Thick => EdgeKind::Validation,
            LinkStyle::Invisible => {
                warnings.push(format!(
                    "line {line}: the invisible link from `{from_name}` to `{to_name}` was skipped"
                ));
                continue;
            }
        };
        if from == to {
            warnings.push(format!(
                "line {line}: the edge from `{from_name}` to itself was skipped"
            ));
            continue;
        }
        if link.both_ends {
            warnings.push(format!(
                "line {line}: the link between `{from_name}` and `{to_name}` has a head at both ends; it was read as one {} edge from `{from_name}` to `{to_name}`, as written (an edge in a plan goes one way: add `{to_name} -.-> {from_name}` for a rollback)",
                kind.as_str()
            ));
        }
        if !seen.insert((kind, from, to)) {
            warnings.push(format!(
                "line {line}: a second {} edge from `{from_name}` to `{to_name}` was skipped",
                kind.as_str()
            ));
            continue;
        }
        edges.push(Edge::new(EdgeId(0), kind, from, to).labeled(link.text.clone()));
    }
    let listed = metadata.document.as_ref().and_then(|d| d.edge_ids.as_ref());
    let usable = listed.filter(|list| {
        list.len() == edges.len() && list.iter().collect::<FxHashSet<_>>().len() == list.len()
    });
    if listed.is_some() && usable.is_none() {
        warnings.push(
            "the edge ids in the document comment do not fit the edges; they were renumbered"
                .to_owned(),
        );
    }
    match usable {
        Some(list) => edges
            .iter_mut()
            .zip(list)
            .for_each(|(edge, &id)| edge.id = id),
        None => edges
            .iter_mut()
            .zip(1..)
            .for_each(|(edge, n)| edge.id = EdgeId(n)),
    }
    edges
}

/// Every node's classes, from `:::` and `class` statements, in order.
fn classes_by_node<'a>(
    chart: &Flowchart<'a>,
    subgraphs: &FxHashSet<&str>,
    warnings: &mut Vec<String>,
) -> FxHashMap<&'a str, Vec<&'a str>> {
    let mut classes: FxHashMap<&str, Vec<&str>> = chart
        .nodes
        .iter()
        .map(|node| (node.id, node.classes.clone()))
        .collect();
    let mut unknown: Vec<&str> = Vec::new();
    let all_classes = chart.nodes.iter().flat_map(|node| &node.classes);
    let stated = chart.class_statements.iter().flat_map(|s| &s.classes);
    for &class in all_classes.chain(stated) {
        let known = palette::is_palette_class(class) || palette::tag_of_class(class).is_some();
        if !known && !unknown.contains(&class) {
            unknown.push(class);
        }
    }
    if !unknown.is_empty() {
        warnings.push(format!(
            "the classes `{}` were not imported (a plan keeps no colours; a `phase_…` class sets a phase's tag)",
            unknown.join("`, `")
        ));
    }
    for statement in &chart.class_statements {
        for id in &statement.ids {
            match classes.get_mut(id) {
                Some(list) => list.extend(&statement.classes),
                None if subgraphs.contains(id) => {}
                None => warnings.push(format!(
                    "line {}: `class` names `{id}`, which is not a node; it was ignored",
                    statement.line
                )),
            }
        }
    }
    classes
}
