//! What a phase touches (`Node::touches`, SPEC §10): the systems a step
//! acts on, which the sequence view draws as participants.
//!
//! The list is optional. A phase that names none is read by its phase tag
//! ([`Touch::guessed`]), so that plans written before the field existed
//! still give a sequence diagram worth reading.

use crate::plan::{read_by_name, PhaseTag};

/// A system a step acts on, in the order the sequence view lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Touch {
    /// The person running the migration (their console, their scripts).
    Operator,
    /// The application servers.
    App,
    /// The primary database.
    Primary,
    /// Read replicas.
    Replica,
    /// The router or proxy in front of the app or the database.
    Router,
    /// Background workers (backfill jobs, queues).
    Worker,
}

impl Touch {
    pub const ALL: [Touch; 6] = [
        Touch::Operator,
        Touch::App,
        Touch::Primary,
        Touch::Replica,
        Touch::Router,
        Touch::Worker,
    ];

    /// The serialized name, also the participant's id in the sequence view.
    pub fn as_str(self) -> &'static str {
        match self {
            Touch::Operator => "operator",
            Touch::App => "app",
            Touch::Primary => "primary",
            Touch::Replica => "replica",
            Touch::Router => "router",
            Touch::Worker => "worker",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Touch::Operator => "Operator",
            Touch::App => "Application",
            Touch::Primary => "Primary DB",
            Touch::Replica => "Replica",
            Touch::Router => "Router",
            Touch::Worker => "Workers",
        }
    }

    pub fn parse(text: &str) -> Option<Touch> {
        Touch::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// What a phase of `tag` usually touches, for a phase that names none:
    /// schema changes the primary, dual writes the app and the primary, a
    /// backfill workers and the primary, a cutover the router and the app.
    pub fn guessed(tag: PhaseTag) -> &'static [Touch] {
        match tag {
            PhaseTag::Audit => &[Touch::Replica],
            PhaseTag::Expand | PhaseTag::Contract => &[Touch::Primary],
            PhaseTag::DualWrite => &[Touch::App, Touch::Primary],
            PhaseTag::Backfill => &[Touch::Worker, Touch::Primary],
            PhaseTag::Cutover => &[Touch::Router, Touch::App],
            PhaseTag::Custom => &[],
        }
    }
}

read_by_name!(Touch);

#[cfg(test)]
mod tests {
    use super::Touch;
    use crate::json::from::FromJson;
    use crate::json::to::ToJson;
    use serde_json::json;

    #[test]
    fn touches_read_the_names_they_write() {
        for touch in Touch::ALL {
            assert_eq!(touch.to_json(), json!(touch.as_str()));
            assert_eq!(Touch::from_json(&json!(touch.as_str())).unwrap(), touch);
        }
        let err = Touch::from_json(&json!("db")).unwrap_err();
        assert!(err.to_string().starts_with("unknown variant `db`"), "{err}");
    }
}
