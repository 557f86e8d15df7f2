//! Writes the gallery as static files the web app fetches, so the
//! templates are not code in its wasm (about 19 KB of gzip, issue 14):
//! `index.json` (each template's id, name and summary, in gallery order)
//! and `<id>.json` (the template's document in the saved JSON format).
//! The templates themselves stay Rust builders in `migraflow_core::
//! templates`, where the tests and the command-line tool use them.
//!
//! Usage: `cargo run -p migraflow-core --example template_assets -- DIR`
//! (run by Trunk's pre-build hook `scripts/template-assets.mjs`).

use migraflow_core::format::to_json;
use migraflow_core::templates::{self, index};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: template_assets DIR");
        return ExitCode::FAILURE;
    };
    match write(Path::new(&dir)) {
        Ok(n) => {
            println!("wrote {n} templates and index.json to {dir}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("template_assets: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(dir: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    for t in templates::all() {
        std::fs::write(dir.join(format!("{}.json", t.id)), to_json(&t.build()))?;
    }
    let list = index::index();
    std::fs::write(dir.join("index.json"), index::write_index(&list))?;
    Ok(list.len())
}
