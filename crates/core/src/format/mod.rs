//! The versioned JSON document format: saving, and loading with
//! migrations, repair and refusal.
//!
//! A document of the current schema (2):
//!
//! ```json
//! {
//!   "format": "migraflow",
//!   "schema_version": 2,
//!   "title": "Rename users.email",
//!   "nodes": [
//!     { "id": 1, "kind": "start", "title": "Start", "x": 80.0, "y": 120.0 },
//!     { "id": 2, "kind": "phase", "title": "Add column", "phase": "expand",
//!       "x": 300.0, "y": 120.0 }
//!   ],
//!   "edges": [ { "id": 1, "kind": "forward", "from": 1, "to": 2 } ]
//! }
//! ```
//!
//! Optional at the top: `direction` (`top_down`; left to right without
//! it) and `pack` (`delivery` or `flow`, see [`crate::pack`]; `migration`
//! without it), each read as its default when unknown.
//!
//! Each node is the serde form of [`crate::plan::Node`] plus its position
//! `x`, `y`; each edge the serde form of [`crate::plan::Edge`]. Required:
//! `format` (from schema 2 on), `schema_version`, `nodes`, `edges`, a
//! node's `id` and `kind`, an edge's `id`, `kind`, `from` and `to`; every
//! other field has a default. Fields migraflow does not know are ignored,
//! so a later build may add optional fields without a new schema.
//!
//! Loading ([`load_json`]) is tolerant where the intent is clear and strict
//! where it is not:
//! - refused, never half-loaded ([`LoadError`]): text that is not JSON,
//!   JSON that is not a migraflow document (see `identify.rs`), a schema
//!   newer than [`CURRENT_VERSION`], and a document that breaks the
//!   schema — a missing required field, a field of the wrong type, an
//!   unknown node kind, edge kind, phase tag or check kind, or more nodes
//!   or edges than the caps in [`limits`];
//! - repaired, with a [`LoadWarning`] each: dangling, self-loop and
//!   duplicate edges, duplicate ids, unusable positions, over-long texts
//!   (see `repair.rs`);
//! - upgraded: older schemas run through the chain in `migrate.rs`.

mod error;
mod identify;
pub mod limits;
mod load;
mod migrate;
mod repair;
mod save;
mod stored;
mod v1;

pub use error::{LoadError, LoadErrorKind};
pub use load::{load_json, Loaded};
pub use repair::LoadWarning;
pub use save::to_json;

/// The schema [`to_json`] writes and the newest [`load_json`] reads.
pub const CURRENT_VERSION: u32 = 2;
