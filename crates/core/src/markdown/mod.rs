//! Markdown exports (SPEC §6): the plan as a runbook before any run
//! ([`runbook_markdown`]), and a run's log ([`run_log_markdown`]), both
//! written to render on GitHub.
//!
//! User text never becomes markup: every piece of it goes through
//! [`escape`] (inline text and table cells: Markdown punctuation escaped,
//! HTML as entities, a newline in a cell as `<br>`, so a table keeps one
//! row per entry), and SQL goes in a fenced block whose fence is longer
//! than any backtick run inside it.

pub mod escape;
mod run_log;
pub(crate) mod runbook;

pub use run_log::run_log_markdown;
pub use runbook::runbook_markdown;
