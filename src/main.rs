//! migraflow: a browser editor for zero-downtime database migrations drawn
//! as flows and checked live. This crate is the Leptos app; the model lives
//! in `migraflow-core`. See ARCHITECTURE.md.

mod adapters;
mod app;
mod canvas;
mod clipboard;
mod editor;
mod gallery_source;
mod keyboard;
mod panels;
mod per_item;
mod persistence;
mod run;
mod runbook_slots;
mod selection;
mod share_link;
mod signal_geometry;
mod startup;
mod theme;
mod viewport;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
