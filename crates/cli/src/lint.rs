//! Reading plan files and reporting their findings, with what was read
//! from each: the nodes and edges imported, and the warnings of the import
//! (what was guessed, repaired or left out).

use migraflow_core::format::load_json;
use migraflow_core::mermaid::{import, Counts};
use migraflow_core::rules::validate;
use migraflow_core::{Document, Finding, Severity};
use serde::Serialize;
use std::io::{Read, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    pub format: Format,
    pub warnings_as_errors: bool,
    pub files: Vec<String>,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            format: Format::Text,
            warnings_as_errors: false,
            files: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--format" => {
                    options.format = match it.next().map(String::as_str) {
                        Some("text") => Format::Text,
                        Some("json") => Format::Json,
                        other => return Err(format!("--format takes text or json, not {other:?}")),
                    }
                }
                "--warnings-as-errors" => options.warnings_as_errors = true,
                flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
                file => options.files.push(file.to_string()),
            }
        }
        if options.files.is_empty() {
            return Err("no plan file given".into());
        }
        Ok(options)
    }
}

/// One file's outcome.
#[derive(Serialize)]
struct Report<'a> {
    file: &'a str,
    /// Why the file could not be read, if it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    /// The rule pack the document was checked by (`migration`, `delivery`,
    /// `flow`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pack: Option<&'static str>,
    /// The nodes and edges of the document read.
    #[serde(skip_serializing_if = "Option::is_none")]
    imported: Option<Tally>,
    /// For Mermaid: the vertices and edges of the text as Mermaid counts
    /// them (more than `imported` when something was left out, each named
    /// in `warnings`).
    #[serde(skip_serializing_if = "Option::is_none")]
    mermaid: Option<Tally>,
    /// Repairs, guesses and what was left out while reading.
    warnings: Vec<String>,
    findings: Vec<Finding>,
}

/// A number of nodes and of edges, as the JSON report writes it.
#[derive(Serialize)]
struct Tally {
    nodes: usize,
    edges: usize,
}

impl From<Counts> for Tally {
    fn from(counts: Counts) -> Tally {
        Tally {
            nodes: counts.nodes,
            edges: counts.edges,
        }
    }
}

/// A file read: its document, the reader's warnings and, for Mermaid,
/// Mermaid's own counts of the text.
pub(crate) struct PlanFile {
    pub document: Document,
    pub warnings: Vec<String>,
    pub mermaid: Option<Counts>,
}

fn is_mermaid(path: &str, text: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    if [".mmd", ".mermaid", ".md"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        return true;
    }
    !lower.ends_with(".json") && !text.trim_start().starts_with('{')
}

/// Reads a plan in either format.
pub(crate) fn read(path: &str, text: &str) -> Result<PlanFile, String> {
    if is_mermaid(path, text) {
        import(text)
            .map(|i| PlanFile {
                document: i.document,
                warnings: i.warnings,
                mermaid: Some(i.read),
            })
            .map_err(|e| e.to_string())
    } else {
        load_json(text)
            .map(|l| PlanFile {
                document: l.document,
                warnings: l.warnings.iter().map(ToString::to_string).collect(),
                mermaid: None,
            })
            .map_err(|e| e.to_string())
    }
}

pub(crate) fn load(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
    }
}

/// Lints every file, writes the report, returns the exit status.
pub fn run(options: &Options, out: &mut dyn Write) -> u8 {
    let mut status = 0u8;
    let mut reports = Vec::new();
    for file in &options.files {
        let report = match load(file).and_then(|text| read(file, &text)) {
            Ok(read) => Report {
                file,
                error: None,
                pack: Some(read.document.plan.pack.as_str()),
                imported: Some(Tally {
                    nodes: read.document.plan.nodes.len(),
                    edges: read.document.plan.edges.len(),
                }),
                mermaid: read.mermaid.map(Tally::from),
                warnings: read.warnings,
                findings: validate(&read.document.plan),
            },
            Err(error) => Report {
                file,
                error: Some(error),
                pack: None,
                imported: None,
                mermaid: None,
                warnings: Vec::new(),
                findings: Vec::new(),
            },
        };
        let failing = report.findings.iter().any(|f| {
            f.severity == Severity::Error
                || (options.warnings_as_errors && f.severity == Severity::Warning)
        });
        status = status.max(if report.error.is_some() {
            2
        } else {
            u8::from(failing)
        });
        reports.push(report);
    }
    let _ = match options.format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&reports).expect("reports serialize")
        ),
        Format::Text => write_text(&reports, out),
    };
    status
}

fn write_text(reports: &[Report], out: &mut dyn Write) -> std::io::Result<()> {
    for r in reports {
        if let Some(e) = &r.error {
            writeln!(out, "{}: error: {e}", r.file)?;
            continue;
        }
        if let Some(imported) = &r.imported {
            writeln!(
                out,
                "{}: note: read {} node(s) and {} edge(s)",
                r.file, imported.nodes, imported.edges
            )?;
        }
        for w in &r.warnings {
            writeln!(out, "{}: note: {w}", r.file)?;
        }
        for f in &r.findings {
            let ids: Vec<String> = f
                .nodes
                .iter()
                .map(ToString::to_string)
                .chain(f.edges.iter().map(ToString::to_string))
                .collect();
            writeln!(
                out,
                "{}: {} {} [{}] {} ({})",
                r.file,
                f.severity.as_str(),
                f.rule.code(),
                ids.join(","),
                f.message,
                f.hint
            )?;
        }
        let errors = r
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        writeln!(
            out,
            "{}: {} error(s), {} warning(s)",
            r.file,
            errors,
            r.findings.len() - errors
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use migraflow_core::format::to_json;
    use migraflow_core::mermaid::export_flowchart;
    use migraflow_core::templates;

    fn temp_file(name: &str, text: &str) -> String {
        let dir = std::env::temp_dir().join(format!("migraflow-lint-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    fn lint(args: &[&str]) -> (u8, String) {
        let options =
            Options::parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        let mut out = Vec::new();
        let status = run(&options, &mut out);
        (status, String::from_utf8(out).unwrap())
    }

    #[test]
    fn a_template_passes_in_both_formats() {
        let doc = templates::all()[0].build();
        let json = temp_file("ok.json", &to_json(&doc));
        let mmd = temp_file("ok.mmd", &export_flowchart(&doc));
        let (status, out) = lint(&[&json, &mmd]);
        assert_eq!(status, 0, "{out}");
        assert!(out.contains("0 error(s), 0 warning(s)"));
    }

    #[test]
    fn a_migration_and_a_flow_side_by_side_each_by_its_own_pack() {
        let save = |id: &str| {
            let doc = templates::by_id(id).unwrap().build();
            temp_file(
                &format!("{id}.json"),
                &migraflow_core::format::to_json(&doc),
            )
        };
        let (migration, flow) = (save("column-rename"), save("oauth-pkce"));
        let (status, out) = lint(&["--format", "json", &migration, &flow]);
        assert_eq!(status, 0, "{out}");
        let reports: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(reports[0]["pack"], "migration");
        assert_eq!(reports[1]["pack"], "flow");
        // The flow has no rollbacks and no verifications after its steps,
        // which the migration rules would report; its own pack does not.
        assert_eq!(reports[1]["findings"], serde_json::json!([]));
    }

    #[test]
    fn a_missing_rollback_fails_with_its_rule_id() {
        let mmd = temp_file(
            "bad.mmd",
            "flowchart LR\n  s([Start]) --> a[Add column email_address] --> v{{Row counts match}} --> e([Done])\n",
        );
        let (status, out) = lint(&["--format", "json", &mmd]);
        assert_eq!(status, 1, "{out}");
        let reports: serde_json::Value = serde_json::from_str(&out).unwrap();
        let rules: Vec<&str> = reports[0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap())
            .collect();
        assert!(rules.contains(&"MF001"), "{rules:?}");
    }

    #[test]
    fn sql_that_breaks_old_code_or_locks_fails_with_line_and_fix() {
        let mut doc = templates::by_id("column-rename").unwrap().build();
        let expand = doc
            .plan
            .nodes
            .values_mut()
            .find(|n| n.phase == migraflow_core::plan::PhaseTag::Expand)
            .unwrap();
        expand.sql =
            "ALTER TABLE users DROP COLUMN email;\nCREATE INDEX users_x ON users (x);".into();
        let json = temp_file("sql.json", &to_json(&doc));
        let (status, out) = lint(&[&json]);
        assert_eq!(status, 1, "{out}");
        assert!(out.contains("MF013"), "{out}");
        assert!(out.contains("SQL line 1 drops column email"), "{out}");
        assert!(
            out.contains("SQL line 2 builds index users_x without CONCURRENTLY"),
            "{out}"
        );
        assert!(out.contains("1 error(s), 1 warning(s)"), "{out}");
        let (_, out) = lint(&["--format", "json", &json]);
        let reports: serde_json::Value = serde_json::from_str(&out).unwrap();
        let fixes: Vec<&str> = reports[0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["fix"]["fix"].as_str())
            .collect();
        assert_eq!(fixes, ["add_concurrently"], "{out}");
        let lines: Vec<u64> = reports[0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["sql_line"].as_u64())
            .collect();
        assert_eq!(lines, [1, 2], "{out}");
    }

    #[test]
    fn the_json_report_says_what_was_imported_and_what_was_left_out() {
        let mmd = temp_file(
            "loss.mmd",
            "graph TD\nsubgraph S;a-->b\nend\nflowchart_x ~~~ a\na <--> c\n",
        );
        let (_, out) = lint(&["--format", "json", &mmd]);
        let reports: serde_json::Value = serde_json::from_str(&out).unwrap();
        let report = &reports[0];
        assert_eq!(
            report["imported"],
            serde_json::json!({"nodes": 4, "edges": 2}),
            "{out}"
        );
        assert_eq!(
            report["mermaid"],
            serde_json::json!({"nodes": 4, "edges": 3}),
            "{out}"
        );
        let warnings: Vec<&str> = report["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("line 4: the invisible link"))
                && warnings.iter().any(|w| w
                    .starts_with("line 5: the link between `a` and `c` has a head at both ends")),
            "{out}"
        );
        let json = temp_file("plan.json", &to_json(&templates::all()[0].build()));
        let (_, out) = lint(&["--format", "json", &json]);
        let reports: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(
            reports[0]["imported"]["nodes"].as_u64().unwrap() > 0,
            "{out}"
        );
        assert!(reports[0].get("mermaid").is_none(), "{out}");
    }

    #[test]
    fn unreadable_files_exit_2_with_the_reason() {
        let broken = temp_file("broken.json", "{\"format\":\"migraflow\",");
        let (status, out) = lint(&[&broken, "/nonexistent/plan.json"]);
        assert_eq!(status, 2);
        assert!(out.contains("broken.json: error:"), "{out}");
        assert!(out.contains("cannot read /nonexistent/plan.json"), "{out}");
    }

    #[test]
    fn options_are_checked() {
        let parse =
            |a: &[&str]| Options::parse(&a.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert!(parse(&[]).is_err());
        assert!(parse(&["--format", "xml", "a.json"]).is_err());
        assert!(parse(&["--bogus", "a.json"]).is_err());
        let o = parse(&["--warnings-as-errors", "a.json"]).unwrap();
        assert!(o.warnings_as_errors && o.files == ["a.json"]);
    }
}
