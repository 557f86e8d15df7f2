//! Light and dark themes: follow the system by default, switchable, the
//! choice remembered. The theme is a `data-theme` attribute on `<html>`
//! that the stylesheet keys on.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

const KEY: &str = "migraflow.theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The switch's face: a symbol and a word. Its accessible name
    /// contains the word, so what is seen is what a voice user says.
    pub fn icon(self) -> &'static str {
        match self {
            Theme::System => "◐ Auto",
            Theme::Light => "☀ Light",
            Theme::Dark => "☾ Dark",
        }
    }

    /// The switch's accessible name: the word on its face first.
    pub fn switch_label(self) -> &'static str {
        match self {
            Theme::System => "Theme: Auto, as the system (switch)",
            Theme::Light => "Theme: Light (switch)",
            Theme::Dark => "Theme: Dark (switch)",
        }
    }

    fn parse(text: &str) -> Theme {
        match text {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

/// The theme signal, initialised from storage and applied to `<html>`
/// whenever it changes.
pub fn provide_theme() -> RwSignal<Theme> {
    let stored = crate::adapters::local_store::get_json_string(KEY);
    let theme = RwSignal::new(stored.as_deref().map_or(Theme::System, Theme::parse));
    Effect::new(move |_| {
        let t = theme.get();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-theme", t.label());
        }
        // Remembering the choice is a convenience: a full quota must not
        // get in the way of switching.
        let _ = LocalStorage::set(KEY, t.label());
    });
    provide_context(theme);
    theme
}
