//! The status of a run and the only ways it may change.
//!
//! Definition (SPEC §6, `data-status` of §9):
//! - `running` → `paused` (Pause), `completed` (a success end reached),
//!   `aborted` (Abort, or an aborted end reached), `rolled_back` (a
//!   rollback to the start: nothing of the migration is left to continue);
//! - `paused` → `running` (Resume), `aborted` (Abort);
//! - `completed`, `rolled_back`, `aborted` are final: nothing happens to a
//!   finished run but export.
//!
//! Every change of status goes through [`Status::can_become`], and the
//! property tests check that the log of any run only ever shows these.

/// Where a run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Running,
    Paused,
    Completed,
    RolledBack,
    Aborted,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Running,
        Status::Paused,
        Status::Completed,
        Status::RolledBack,
        Status::Aborted,
    ];

    /// The serialized name, also `data-status` on the page.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Completed => "completed",
            Status::RolledBack => "rolled_back",
            Status::Aborted => "aborted",
        }
    }

    /// A human label ("Rolled back").
    pub fn label(self) -> &'static str {
        match self {
            Status::Running => "Running",
            Status::Paused => "Paused",
            Status::Completed => "Completed",
            Status::RolledBack => "Rolled back",
            Status::Aborted => "Aborted",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Completed, rolled back or aborted: the run takes no more commands.
    pub fn is_finished(self) -> bool {
        matches!(
            self,
            Status::Completed | Status::RolledBack | Status::Aborted
        )
    }

    /// Whether a run may go from `self` to `next` (see the module doc).
    pub fn can_become(self, next: Status) -> bool {
        use Status::*;
        matches!(
            (self, next),
            (Running, Paused | Completed | Aborted | RolledBack) | (Paused, Running | Aborted)
        )
    }
}

crate::plan::read_by_name!(Status);

#[cfg(test)]
mod tests {
    use super::Status;
    use expect_test::expect;

    #[test]
    fn legal_transitions() {
        let mut lines = Vec::new();
        for from in Status::ALL {
            let to: Vec<&str> = Status::ALL
                .into_iter()
                .filter(|&to| from.can_become(to))
                .map(Status::as_str)
                .collect();
            lines.push(format!("{} -> {}", from.as_str(), to.join(" ")));
        }
        expect![[r#"
            running -> paused completed rolled_back aborted
            paused -> running aborted
            completed -> 
            rolled_back -> 
            aborted -> "#]]
        .assert_eq(&lines.join("\n"));
    }
}
