//! `migraflow lint`: the editor's validator on the command line, so plans
//! kept in git are checked in CI; `migraflow runbook`, the plan's
//! runbook as Markdown (see `runbook.rs`); and `migraflow export`, the
//! plan as a Mermaid diagram in any view (see `export.rs`).
//!
//! ```text
//! migraflow lint [--format text|json] [--warnings-as-errors] FILE...
//! migraflow runbook FILE
//! migraflow export [--view flowchart|state|gantt|sequence|requirement|timeline|gitgraph] FILE
//! ```
//!
//! FILE is a saved plan (`.json`, the versioned format) or a Mermaid
//! flowchart (`.mmd`, `.mermaid`, `.md`); `-` reads standard input (JSON
//! or Mermaid, told apart by the first character). Exit status: 0 when no
//! file has an error finding, 1 when one has, 2 when a file could not be
//! read or parsed or the arguments are wrong.

mod export;
mod lint;
mod runbook;

use std::process::ExitCode;

const USAGE: &str = "usage: migraflow lint [--format text|json] [--warnings-as-errors] FILE...\n       migraflow runbook FILE\n       migraflow export [--view flowchart|state|gantt|sequence|requirement|timeline|gitgraph] FILE";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((cmd, rest)) if cmd == "lint" => match lint::Options::parse(rest) {
            Ok(options) => ExitCode::from(lint::run(&options, &mut std::io::stdout())),
            Err(why) => {
                eprintln!("migraflow: {why}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some((cmd, [file])) if cmd == "runbook" => ExitCode::from(runbook::run(
            file,
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        )),
        Some((cmd, rest)) if cmd == "export" => match export::parse(rest) {
            Ok((view, file)) => ExitCode::from(export::run(
                view,
                file,
                &mut std::io::stdout(),
                &mut std::io::stderr(),
            )),
            Err(why) => {
                eprintln!("migraflow: {why}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some((flag, _)) if flag == "--help" || flag == "-h" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
