//! migraflow-core: the pure model of migraflow.
//!
//! Everything that decides what a migration plan *is* and whether it is
//! safe lives here, free of any browser dependency, so it compiles and is
//! tested natively in seconds and is shared by the web app and the
//! command-line linter. See `ARCHITECTURE.md` at the repository root.
//!
//! - [`plan`], [`geometry`], [`document`]: the data (topology apart from positions);
//!   [`duration`]: planned durations of phases.
//! - [`edit`], [`history`]: undoable edits; [`inspect`]: the inspector's fields as edits.
//! - [`graph`], [`ancestry`], [`rules`], [`fix`]: validation and quick fixes.
//! - [`format`]: the versioned JSON document format and its migrations.
//! - [`mermaid`]: Mermaid export and import.
//! - [`run`]: runbook mode, a plan executed step by step with its log;
//!   [`markdown`]: the run log and the plan's runbook as Markdown.
//! - [`templates`], [`layout`], [`generate`]: content and arrangement.
//! - [`shape`], [`route`], [`drawing`]: how nodes and edges are drawn.

pub mod ancestry;
pub mod cause;
pub mod clipboard;
pub mod decimal;
pub mod document;
pub mod drawing;
pub mod duration;
pub mod edit;
pub mod finding;
pub mod fix;
pub mod flow_order;
pub mod format;
pub mod free_spot;
pub mod generate;
pub mod geometry;
pub mod graph;
pub mod history;
pub mod id;
pub mod id_map;
pub mod id_set;
pub mod inspect;
mod json;
pub mod layout;
pub mod library;
pub mod markdown;
pub mod mermaid;
pub mod pack;
pub mod plan;
pub mod planned_start;
pub mod readability;
pub mod route;
pub mod rules;
pub mod run;
pub mod shape;
pub mod share;
pub mod sql;
pub mod stages;
pub mod templates;
pub mod touch;

pub use document::Document;
pub use edit::{Edit, EditError};
pub use finding::{Finding, QuickFix, RuleId, Severity};
pub use geometry::{Geometry, Layout, Point};
pub use history::History;
pub use id::{EdgeId, NodeId};
pub use plan::{Check, CheckKind, Edge, EdgeKind, Node, NodeKind, PhaseTag, Plan};
