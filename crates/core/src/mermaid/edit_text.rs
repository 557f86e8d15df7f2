//! The flowchart as people edit it (the app's Mermaid panel, as in Mermaid
//! Live): the text without its `%% migraflow:` lines, read back into the
//! open document.
//!
//! - [`without_metadata`]: what the panel shows — the export with every
//!   metadata line left out, so the chart reads as people write it.
//! - [`import_edited`]: the edited text read back. The metadata of the
//!   open document goes back in first — its document line (title, edge
//!   ids) and the line of each node whose id the text still writes — so a
//!   node that keeps its id keeps every field Mermaid cannot show (SQL,
//!   checks, conditions, its position). Lines of nodes the text no longer
//!   has are not added: the importer would warn about them, and the user
//!   never saw them. The text's own front matter `title:` and header
//!   direction win; without them the document keeps its own. A text that
//!   carries metadata lines of its own (a full export pasted in) is read
//!   as it is.
//! - [`title_untitled`]: the title of a document imported from a file or
//!   a paste when the chart sets none, so it never goes nameless in the
//!   list (`Deleted “”.`).

use super::export_flowchart::renumbered_edge_ids;
use super::metadata::{comment_line, DocumentMeta, NodeMeta, FORMAT, MARKER};
use super::{import, limits, parser, Imported, MermaidError};
use crate::document::Document;
use crate::geometry::Geometry;
use rustc_hash::FxHashSet;

/// Whether `line` is a `%% migraflow:` line (what the parser records).
fn is_metadata(line: &str) -> bool {
    line.trim_start()
        .strip_prefix("%%")
        .is_some_and(|rest| rest.trim_start().starts_with(MARKER))
}

/// `full` without its `%% migraflow:` lines; every other line as it was.
pub fn without_metadata(full: &str) -> String {
    let mut out = String::with_capacity(full.len() / 2);
    for line in full.lines().filter(|line| !is_metadata(line)) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Reads `text`, a flowchart edited from [`without_metadata`] of
/// `current`'s export, with `current`'s metadata merged back (see the
/// module doc). Errors point into `text` as written.
pub fn import_edited(text: &str, current: &Document) -> Result<Imported, MermaidError> {
    limits::check_import_size(text)?;
    let normalised = parser::normalise(text);
    let chart = parser::parse(&normalised)?;
    if !chart.metadata.is_empty() {
        return import(text);
    }
    let written: FxHashSet<&str> = chart.nodes.iter().map(|node| node.id).collect();
    let plan = &current.plan;
    let mut merged = String::with_capacity(text.len() * 3);
    merged.push_str(text);
    merged.push('\n');
    let mut line = |meta: String| {
        merged.push_str(&meta);
        merged.push('\n');
    };
    line(comment_line(&DocumentMeta {
        format: FORMAT,
        title: chart.title.clone().unwrap_or_else(|| plan.title.clone()),
        // Edge ids go by position; a text with more or fewer links
        // renumbers them rather than warn that the list does not fit.
        edge_ids: renumbered_edge_ids(plan.edges.keys().copied())
            .filter(|ids| ids.len() == chart.links.len()),
        pack: plan.pack,
    }));
    for node in plan.nodes.values() {
        if written.contains(node.id.to_string().as_str()) {
            line(comment_line(&NodeMeta::of(
                node,
                current.layout.position(node.id),
            )));
        }
    }
    let mut imported = import(&merged)?;
    if !chart.directed {
        imported.document.layout.direction = current.layout.direction;
    }
    Ok(imported)
}

/// Titles `doc` when the chart gave it no title: after the picked file
/// (`release-plan.mmd` → `release-plan`), else "Imported flowchart".
pub fn title_untitled(doc: &mut Document, file_name: Option<&str>) {
    if !doc.plan.title.trim().is_empty() {
        return;
    }
    let stem = file_name
        .map(|name| name.rsplit_once('.').map_or(name, |(stem, _)| stem).trim())
        .filter(|stem| !stem.is_empty());
    doc.plan.title = stem.unwrap_or("Imported flowchart").to_owned();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::{Direction, Point};
    use crate::id::NodeId;
    use crate::mermaid::export_flowchart;
    use crate::plan::NodeKind;
    use crate::templates;

    fn visible(doc: &Document) -> String {
        without_metadata(&export_flowchart(doc))
    }

    #[test]
    fn the_shown_text_has_no_metadata_lines_and_keeps_other_comments() {
        let text = "flowchart LR\n    %% migraflow: {\"format\":1}\n%% a note\n  %%migraflow: {}\n    n1[\"A\"]\n";
        assert_eq!(
            without_metadata(text),
            "flowchart LR\n%% a note\n    n1[\"A\"]\n"
        );
        for template in templates::all() {
            assert!(!visible(&template.build()).contains(MARKER));
        }
    }

    #[test]
    fn every_template_comes_back_unchanged_from_its_shown_text() {
        for template in templates::all() {
            let doc = template.build();
            let imported = import_edited(&visible(&doc), &doc).unwrap();
            assert_eq!(imported.document, doc, "{}", template.id);
            assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        }
    }

    #[test]
    fn an_edit_keeps_the_fields_and_places_of_the_other_nodes() {
        let doc = templates::by_id("column-rename").unwrap().build();
        let (&with_sql, _) = doc
            .plan
            .nodes
            .iter()
            .find(|(_, n)| !n.sql.is_empty())
            .unwrap();
        let other = doc.plan.nodes.values().find(|n| n.sql.is_empty()).unwrap();
        let text = visible(&doc).replace(
            &format!("\"{}\"", other.title),
            &format!("\"{} renamed\"", other.title),
        ) + &format!("    {with_sql} --> fresh[\"Fresh step\"]\n");
        let imported = import_edited(&text, &doc).unwrap();
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        let plan = &imported.document.plan;
        assert_eq!(plan.nodes[&with_sql], doc.plan.nodes[&with_sql]);
        assert_eq!(
            imported.document.layout.position(with_sql),
            doc.layout.position(with_sql)
        );
        let renamed = &plan.nodes[&other.id];
        assert_eq!(renamed.title, format!("{} renamed", other.title));
        assert_eq!(renamed.notes, other.notes);
        assert!(plan.nodes.values().any(|n| n.title == "Fresh step"));
        assert_eq!(plan.nodes.len(), doc.plan.nodes.len() + 1);
    }

    #[test]
    fn a_node_left_out_is_gone_without_a_warning_about_its_metadata() {
        let mut doc = Document::new("Plan");
        let a = doc.add_node(NodeKind::Start, "Start", Point::new(0.0, 0.0));
        let b = doc.add_node(NodeKind::Phase, "Backfill", Point::new(200.0, 0.0));
        let c = doc.add_node(NodeKind::End, "Done", Point::new(400.0, 0.0));
        doc.plan.nodes.get_mut(&b).unwrap().sql = "UPDATE t SET x = y;".to_owned();
        doc.add_edge(crate::plan::EdgeKind::Forward, a, b, "");
        doc.add_edge(crate::plan::EdgeKind::Forward, b, c, "");
        let text = visible(&doc)
            .lines()
            .filter(|l| !l.contains("n3"))
            .map(|l| format!("{l}\n"))
            .collect::<String>();
        let imported = import_edited(&text, &doc).unwrap();
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        let plan = &imported.document.plan;
        assert_eq!(plan.nodes.len(), 2);
        assert_eq!(plan.nodes[&b].sql, "UPDATE t SET x = y;");
        assert_eq!(
            imported.document.layout.position(b),
            Some(Point::new(200.0, 0.0))
        );
    }

    #[test]
    fn errors_name_the_line_of_the_text_and_title_and_direction_stay() {
        let mut doc = Document::new("Plan");
        doc.add_node(NodeKind::Phase, "A", Point::new(0.0, 0.0));
        doc.layout.direction = Direction::TopDown;
        let broken = "flowchart\n    n1[\"A\"]\n    n1 --> n2[\"B\"\n";
        let error = import_edited(broken, &doc).unwrap_err();
        assert_eq!(error.line, 3);
        assert_eq!(error, import(broken).unwrap_err());

        let kept = import_edited("flowchart\n    n1[\"A\"] --> b\n", &doc).unwrap();
        assert_eq!(kept.document.plan.title, "Plan");
        assert_eq!(kept.document.layout.direction, Direction::TopDown);
        assert_eq!(kept.document.plan.nodes[&NodeId(2)].title, "b");

        let retitled = import_edited(
            "---\ntitle: Other\n---\nflowchart LR\n    n1[\"A\"]\n",
            &doc,
        )
        .unwrap();
        assert_eq!(retitled.document.plan.title, "Other");
        assert_eq!(retitled.document.layout.direction, Direction::LeftRight);
    }

    #[test]
    fn a_pasted_full_export_is_read_as_it_is() {
        let doc = templates::by_id("split-table").unwrap().build();
        let other = Document::new("Other");
        let imported = import_edited(&export_flowchart(&doc), &other).unwrap();
        assert_eq!(imported.document, doc);
    }

    #[test]
    fn untitled_imports_take_the_file_name_or_a_default() {
        let titled = |title: &str, file: Option<&str>| {
            let mut doc = Document::new(title);
            title_untitled(&mut doc, file);
            doc.plan.title
        };
        assert_eq!(titled("", Some("release-plan.mmd")), "release-plan");
        assert_eq!(titled("", Some("notes.v2.md")), "notes.v2");
        assert_eq!(titled("", Some(".mmd")), "Imported flowchart");
        assert_eq!(titled("", None), "Imported flowchart");
        assert_eq!(
            titled("From front matter", Some("x.mmd")),
            "From front matter"
        );
    }
}
