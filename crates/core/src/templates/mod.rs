//! The template gallery (SPEC §3): ready-made migration plans to start
//! from, each a realistic runbook that validates with no findings; then
//! the related flows of SPEC §10 (CI/CD, Kubernetes, OAuth, login,
//! microservices, a REST request), each passing its own rule pack.
//!
//! Each template lives in its own file and builds its document in code with
//! the shared [`builder`]; positions come from
//! [`crate::layout::auto_layout`], never by hand. The web app does not
//! link them: it fetches them as files ([`index`], written by
//! `examples/template_assets.rs`).

mod builder;
pub mod index;

mod add_foreign_key;
mod change_column_type;
mod cicd_pipeline;
mod column_rename;
mod event_schema_evolution;
mod kubernetes_rollout;
mod microservices_order;
mod nosql_document_shape;
mod oauth_pkce;
mod onprem_to_cloud;
mod rest_request;
mod split_table;
mod user_authentication;

use crate::document::Document;

/// A gallery entry.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// Stable id, e.g. `column-rename` (used in URLs and tests).
    pub id: &'static str,
    pub name: &'static str,
    /// One or two sentences for the gallery card.
    pub summary: &'static str,
    /// The rule pack its plan is checked by; the gallery groups by it.
    pub pack: crate::pack::Pack,
    build: fn() -> Document,
}

impl Template {
    /// A fresh document of this template, laid out.
    pub fn build(&self) -> Document {
        (self.build)()
    }
}

static GALLERY: [Template; 13] = [
    column_rename::TEMPLATE,
    split_table::TEMPLATE,
    change_column_type::TEMPLATE,
    add_foreign_key::TEMPLATE,
    nosql_document_shape::TEMPLATE,
    onprem_to_cloud::TEMPLATE,
    event_schema_evolution::TEMPLATE,
    // The related flows of SPEC §10, after the migrations.
    cicd_pipeline::TEMPLATE,
    kubernetes_rollout::TEMPLATE,
    oauth_pkce::TEMPLATE,
    user_authentication::TEMPLATE,
    microservices_order::TEMPLATE,
    rest_request::TEMPLATE,
];

/// Every template, in gallery order (the canonical column rename first).
pub fn all() -> &'static [Template] {
    &GALLERY
}

pub fn by_id(id: &str) -> Option<&'static Template> {
    GALLERY.iter().find(|t| t.id == id)
}
