//! The panels around the canvas. They read editor state and call editor
//! actions; none holds rule logic (that lives in migraflow-core).

pub mod banners;
pub mod dismiss;
pub mod documents;
pub mod empty_hint;
pub mod export_menu;
pub mod gallery;
pub mod inspector;
pub mod legend;
pub mod mermaid_panel;
pub mod notice;
pub mod palette;
pub mod problems;
pub mod room;
pub mod shortcuts;
pub mod toolbar;
