//! Why a document was refused.
//!
//! A [`LoadError`] always means nothing was loaded: the loader never hands
//! back part of a document. Its [`Display`](fmt::Display) is the one
//! sentence the app shows: what the file is, where it goes wrong, and that
//! the open document was left alone. [`LoadError::message`] is only the
//! detail in the middle of that sentence, for callers that compose their
//! own.

use super::CURRENT_VERSION;
use std::fmt;

/// Why a text could not be loaded as a document. Nothing was loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub kind: LoadErrorKind,
    /// The detail: what is wrong, without where.
    pub message: String,
    /// Where: `line 3, column 14` for a syntax error, a JSON path such as
    /// `nodes[2].kind` for a document of the wrong shape.
    pub location: Option<String>,
}

/// The families of refusal, each calling for a different user action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The text is not JSON at all (truncated, empty, another file type).
    NotJson,
    /// JSON, but not a migraflow document (another app's export, a bare
    /// value, an object with no `schema_version`).
    NotOurs,
    /// A migraflow document of a schema this build does not know yet.
    TooNew { found: u32, supported: u32 },
    /// A migraflow document that breaks the format: an unknown kind or tag,
    /// a missing required field, a field of the wrong type, over the size cap.
    Invalid,
}

impl LoadError {
    /// Refusal of text that does not parse as JSON.
    pub(super) fn not_json(text: &str, err: &serde_json::Error) -> LoadError {
        if text.trim().is_empty() {
            return LoadError {
                kind: LoadErrorKind::NotJson,
                message: "the file is empty".to_owned(),
                location: None,
            };
        }
        let message = if err.is_eof() {
            "it ends in the middle of the JSON".to_owned()
        } else {
            // serde_json appends " at line L column C" to its message; the
            // position goes to `location` instead, worded for people.
            let full = err.to_string();
            let position = format!(" at line {} column {}", err.line(), err.column());
            full.strip_suffix(&position).unwrap_or(&full).to_owned()
        };
        LoadError {
            kind: LoadErrorKind::NotJson,
            message,
            location: Some(format!("line {}, column {}", err.line(), err.column())),
        }
    }

    /// Refusal of JSON that is not a migraflow document; `what_it_is`
    /// completes "This is not a migraflow document: …".
    pub(super) fn not_ours(what_it_is: impl Into<String>) -> LoadError {
        LoadError {
            kind: LoadErrorKind::NotOurs,
            message: what_it_is.into(),
            location: None,
        }
    }

    /// Refusal of a schema newer than [`CURRENT_VERSION`].
    pub(super) fn too_new(found: u32) -> LoadError {
        LoadError {
            kind: LoadErrorKind::TooNew {
                found,
                supported: CURRENT_VERSION,
            },
            message: format!(
                "schema {found} is newer than schema {CURRENT_VERSION}, the newest this version reads"
            ),
            location: Some("schema_version".to_owned()),
        }
    }

    /// Refusal of a migraflow document that breaks the format at `location`
    /// (a JSON path; empty for the document as a whole).
    pub(super) fn invalid(message: impl Into<String>, location: impl Into<String>) -> LoadError {
        let location = location.into();
        LoadError {
            kind: LoadErrorKind::Invalid,
            message: message.into(),
            location: (!location.is_empty()).then_some(location),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = match &self.location {
            Some(location) => format!(" (at {location})"),
            None => String::new(),
        };
        match self.kind {
            LoadErrorKind::NotJson => write!(
                f,
                "This file is not valid JSON: {}{at}; check that it is a complete migraflow .json file.",
                self.message
            )?,
            LoadErrorKind::NotOurs => {
                write!(f, "This is not a migraflow document: {}.", self.message)?
            }
            LoadErrorKind::TooNew { found, supported } => write!(
                f,
                "This document was saved by a newer migraflow (schema {found}); \
                 this version reads schemas up to {supported}."
            )?,
            LoadErrorKind::Invalid => write!(
                f,
                "This migraflow document cannot be read: {}{at}.",
                self.message
            )?,
        }
        f.write_str(" It was not loaded and nothing was changed.")
    }
}

impl std::error::Error for LoadError {}
