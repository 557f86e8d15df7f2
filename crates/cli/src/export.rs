//! `migraflow export [--view NAME] FILE`: the plan as a Mermaid diagram on
//! standard output, so plans kept in git publish their pictures in CI.
//!
//! NAME is one of `flowchart` (the default, SPEC §8), `state`, `gantt`,
//! `sequence`, `requirement`, `timeline`, `gitgraph` (SPEC §10; see
//! `migraflow_core::mermaid::View`). FILE is read as `lint` reads it (a
//! `.json` plan or a Mermaid flowchart, `-` for standard input). Exit
//! status: 0 with the diagram written, 2 when the file cannot be read or
//! the arguments are wrong (the reason on standard error). Notes from
//! reading go to standard error, so standard output is the diagram alone.

use crate::lint::{load, read};
use migraflow_core::mermaid::View;
use std::io::Write;

/// The view and the file named by `args`, or why they do not read.
pub fn parse(args: &[String]) -> Result<(View, &str), String> {
    let names = || {
        View::ALL
            .iter()
            .map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match args {
        [file] => Ok((View::Flowchart, file)),
        [flag, name, file] if flag == "--view" => View::parse(name)
            .map(|view| (view, file.as_str()))
            .ok_or_else(|| format!("unknown view `{name}`; the views are {}", names())),
        _ => Err("export takes [--view NAME] and one FILE".to_owned()),
    }
}

/// Writes `file` drawn as `view` to `out`, notes and errors to `err`;
/// returns the exit status.
pub fn run(view: View, file: &str, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match load(file).and_then(|text| read(file, &text)) {
        Ok(plan) => {
            for note in plan.warnings {
                let _ = writeln!(err, "{file}: note: {note}");
            }
            let _ = out.write_all(view.export(&plan.document).as_bytes());
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
    use super::{parse, run};
    use migraflow_core::format::to_json;
    use migraflow_core::mermaid::View;
    use migraflow_core::templates;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn reads_the_view_and_the_file() {
        assert_eq!(parse(&args(&["p.json"])), Ok((View::Flowchart, "p.json")));
        assert_eq!(
            parse(&args(&["--view", "gantt", "p.json"])),
            Ok((View::Gantt, "p.json"))
        );
        let err = parse(&args(&["--view", "pie", "p.json"])).unwrap_err();
        assert!(
            err.contains("unknown view `pie`") && err.contains("gitgraph"),
            "{err}"
        );
        assert!(parse(&args(&["--view", "gantt"])).is_err());
    }

    #[test]
    fn writes_every_view_of_a_template_and_refuses_an_unreadable_file() {
        let doc = templates::by_id("column-rename").unwrap().build();
        let dir = std::env::temp_dir().join(format!("migraflow-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("plan.json");
        std::fs::write(&path, to_json(&doc)).unwrap();
        let file = path.to_string_lossy();
        for view in View::ALL {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            assert_eq!(run(view, &file, &mut out, &mut err), 0);
            assert_eq!(String::from_utf8(out).unwrap(), view.export(&doc));
            assert!(err.is_empty());
        }
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(run(View::Gantt, "/nonexistent.json", &mut out, &mut err), 2);
        assert!(out.is_empty());
        assert!(String::from_utf8(err).unwrap().contains("cannot read"));
    }
}
