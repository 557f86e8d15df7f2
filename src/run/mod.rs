//! Runbook mode in the app (SPEC §6): the plan run as the runbook while
//! the migration happens. The rules of a run (which moves exist, what each
//! needs, what is refused and logged) are the core's `migraflow_core::run`;
//! this module stores runs, follows them across tabs and shows them.
//!
//! - `session.rs`: `RunSession`, the one `Copy` handle in context: the run
//!   shown, whether this tab writes it, and `command`, which applies a
//!   core command, stores the run, and only then shows the result.
//! - `claim.rs`: which tab writes a run; the others follow it read-only.
//! - `start_form.rs`: the "Start run" button and form.
//! - `panel.rs`: the run panel: markup from `migraflow_core::drawing::
//!   run_panel` (the current node, its moves, the controls, the log), one
//!   listener for what is clicked in it, and the live timers.
//! - `runs_list.rs`: a document's runs, to open a past one read-only.

pub mod claim;
pub mod panel;
pub mod runs_list;
pub mod session;
pub mod start_form;
