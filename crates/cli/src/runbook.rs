//! `migraflow runbook FILE`: the plan's runbook as Markdown on standard
//! output, so plans kept in git publish their runbook in CI.
//!
//! FILE is read as `lint` reads it (a `.json` plan or a Mermaid flowchart,
//! `-` for standard input). Exit status: 0 with the runbook written, 2 when
//! the file cannot be read (the reason on standard error). Notes from
//! reading (repairs, guesses) go to standard error, so standard output is
//! the runbook alone.

use crate::lint::{load, read};
use migraflow_core::markdown::runbook_markdown;
use std::io::Write;

/// Writes the runbook of `file` to `out`, notes and errors to `err`;
/// returns the exit status.
pub fn run(file: &str, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match load(file).and_then(|text| read(file, &text)) {
        Ok(read) => {
            for note in read.warnings {
                let _ = writeln!(err, "{file}: note: {note}");
            }
            let _ = out.write_all(runbook_markdown(&read.document).as_bytes());
            0
        }
        Err(why) => {
            let _ = writeln!(err, "{file}: error: {why}");
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::run;
    use migraflow_core::format::to_json;
    use migraflow_core::mermaid::export_flowchart;
    use migraflow_core::templates;

    fn temp_file(name: &str, text: &str) -> String {
        let dir = std::env::temp_dir().join(format!("migraflow-runbook-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    fn runbook(file: &str) -> (u8, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run(file, &mut out, &mut err);
        (
            status,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn every_template_gives_the_same_runbook_from_json_and_from_mermaid() {
        for template in templates::all() {
            let doc = template.build();
            let json = temp_file(&format!("{}.json", template.id), &to_json(&doc));
            let mmd = temp_file(&format!("{}.mmd", template.id), &export_flowchart(&doc));
            let (status, from_json, err) = runbook(&json);
            assert_eq!((status, err.as_str()), (0, ""), "{}", template.id);
            assert!(from_json.starts_with("# Runbook: "), "{from_json}");
            // A migration's runbook has SQL, sign-offs and ways back; a
            // flow (an OAuth exchange, a request) need not.
            if template.pack.is_migration() {
                assert!(from_json.contains("- [ ] "), "{}", template.id);
                assert!(from_json.contains("```sql\n"), "{}", template.id);
                assert!(from_json.contains("Approver role: "), "{}", template.id);
                assert!(from_json.contains("- Rollback"), "{}", template.id);
            }
            let (status, from_mermaid, _) = runbook(&mmd);
            assert_eq!(status, 0, "{}", template.id);
            assert_eq!(from_mermaid, from_json, "{}", template.id);
        }
    }

    #[test]
    fn the_column_rename_runbook_calls_out_its_points_of_no_return() {
        let doc = templates::by_id("column-rename").unwrap().build();
        let (_, out, _) = runbook(&temp_file("rename.json", &to_json(&doc)));
        assert!(out.contains("## ⚠ Points of no return"), "{out}");
        assert!(
            out.contains("point of no return**, confirm by typing"),
            "{out}"
        );
    }

    #[test]
    fn an_unreadable_file_exits_2_with_the_reason() {
        let (status, out, err) = runbook("/nonexistent/plan.json");
        assert_eq!(status, 2);
        assert!(out.is_empty());
        assert!(err.contains("cannot read /nonexistent/plan.json"), "{err}");
        let broken = temp_file("broken.json", "{\"format\":\"migraflow\",");
        let (status, _, err) = runbook(&broken);
        assert_eq!(status, 2);
        assert!(
            err.contains("broken.json: error: This file is not valid JSON"),
            "{err}"
        );
    }
}
