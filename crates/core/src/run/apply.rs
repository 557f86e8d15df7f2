//! Applying a command to a run: the one function through which a run
//! changes.
//!
//! Definition: [`apply`] checks the command against the run as it stands
//! and then either
//! - appends the entries that record it and updates the run (current node,
//!   visit, status), or
//! - changes nothing but appending one `refused` entry with the reason,
//!   and returns the [`Refusal`].
//!
//! A finished run is never changed, not even by a refusal, and a command
//! without an operator name is refused unlogged (the log could not say
//! who). Time comes in as `now_ms`; a `now_ms` earlier than the last entry
//! (a clock set back, another tab's clock) is taken as that entry's time,
//! so the log's times never decrease and no elapsed time is negative.
//!
//! What each command needs is in [`Command`]'s docs and [`super::moves`];
//! status changes follow [`super::status`]: reaching a success end
//! completes the run, an aborted end or Abort aborts it, a rollback to the
//! start ends it rolled back.

use super::command::{Applied, Command, Refusal, Why};
use super::moves::{blocker, name, way, Way};
use super::no_return::point_of_no_return;
use super::record::{
    CheckRecord, Conditions, GateDecision, LogEntry, LogKind, Operator, Run, Tick, Verdict, Visit,
};
use super::status::Status;
use super::threshold::{propose, Proposal};
use super::utc::iso8601;
use crate::duration::describe_ms;
use crate::id::{EdgeId, NodeId};
use crate::plan::{Edge, EdgeKind, NodeKind};

/// Applies `command`, given by `operator` at `now_ms` (see the module doc).
pub fn apply(
    run: &mut Run,
    command: Command,
    now_ms: u64,
    operator: &Operator,
) -> Result<Applied, Refusal> {
    if run.status.is_finished() {
        return Err(Refusal {
            why: Why::Finished(run.status),
            logged: None,
        });
    }
    let who = operator.name.trim();
    if who.is_empty() {
        return Err(Refusal {
            why: Why::NoOperator,
            logged: None,
        });
    }
    if !run.operators.iter().any(|o| o.name == who) {
        run.operators.push(Operator::new(who, operator.role.trim()));
    }
    let now = now_ms.max(run.log.last().map_or(0, |e| e.at_ms));
    let first_seq = run.next_seq();
    let mut step = Step {
        run,
        now,
        who: who.to_owned(),
    };
    match step.command(&command) {
        Ok(()) => Ok(Applied { first_seq }),
        Err(why) => {
            let current = step.run.current;
            let details = format!("{}: {why}", command.describe());
            // An edge the plan does not have is named in the details only:
            // an entry's `edge` always points into the pinned plan.
            let edge = command
                .edge()
                .filter(|id| step.run.plan.plan.edge(*id).is_some());
            let seq = step.log(LogKind::Refused, Some(current), edge, details, None);
            Err(Refusal {
                why,
                logged: Some(seq),
            })
        }
    }
}

/// One command being applied. Each handler checks everything first and
/// only then writes, so a refusal leaves the run as it was.
struct Step<'r> {
    run: &'r mut Run,
    now: u64,
    who: String,
}

fn required(text: &str, what: &'static str) -> Result<String, Why> {
    match text.trim() {
        "" => Err(Why::NeedsText(what)),
        text => Ok(text.to_owned()),
    }
}

impl Step<'_> {
    fn command(&mut self, command: &Command) -> Result<(), Why> {
        match command {
            Command::Condition {
                list,
                index,
                ticked,
            } => self.condition(*list, *index, *ticked),
            Command::Check {
                index,
                observed,
                verdict,
                evidence,
            } => self.check(*index, observed, *verdict, evidence),
            Command::Go { approver, comment } => self.go(approver, comment),
            Command::NoGo {
                approver,
                comment,
                edge,
                confirm,
            } => self.no_go(approver, comment, *edge, confirm),
            Command::Advance {
                edge,
                override_reason,
                confirm,
            } => self.advance(*edge, override_reason, confirm),
            Command::Rollback {
                edge,
                reason,
                confirm,
            } => self.rollback(*edge, reason, confirm),
            Command::Pause { reason } => self.pause(reason),
            Command::Resume { reason } => self.resume(reason),
            Command::Abort { reason } => self.abort(reason),
            Command::TakeControl => {
                let current = self.run.current;
                self.log(
                    LogKind::Control,
                    Some(current),
                    None,
                    "took control of the run".to_owned(),
                    None,
                );
                Ok(())
            }
            Command::Note { text, corrects } => {
                let text = required(text, "the note's text")?;
                if let Some(seq) = corrects {
                    self.run.entry(*seq).ok_or(Why::NoSuchEntry(*seq))?;
                }
                let current = self.run.current;
                self.log(LogKind::Note, Some(current), None, text, *corrects);
                Ok(())
            }
        }
    }

    fn not_paused(&self) -> Result<(), Why> {
        match self.run.status {
            Status::Paused => Err(Why::Paused),
            _ => Ok(()),
        }
    }

    /// The current node, which must be of `kind`.
    fn current_of(&self, kind: NodeKind, wanted: &'static str) -> Result<crate::Node, Why> {
        self.run
            .plan
            .plan
            .node(self.run.current)
            .filter(|n| n.kind == kind)
            .cloned()
            .ok_or(Why::WrongNode(wanted))
    }

    /// The edge `id`, which must leave the current node.
    fn edge_out(&self, id: EdgeId) -> Result<Edge, Why> {
        self.run
            .plan
            .plan
            .edge(id)
            .filter(|e| e.from == self.run.current && e.kind != EdgeKind::Validation)
            .cloned()
            .ok_or(Why::NotAMove(id))
    }

    /// Refuses a point of no return whose target's title was not typed;
    /// otherwise says what the confirmed move gives up, for the log.
    fn confirmed(&self, edge: &Edge, confirm: &str) -> Result<Option<String>, Why> {
        let plan = &self.run.plan.plan;
        let Some(no_return) = point_of_no_return(plan, edge) else {
            return Ok(None);
        };
        let title = plan.node(edge.to).map(name).unwrap_or_default();
        let lost: Vec<String> = no_return
            .lost
            .iter()
            .filter_map(|&id| plan.node(id).map(name))
            .collect();
        if confirm.trim() != title {
            return Err(Why::Confirm { title, lost });
        }
        let mut said = "point of no return confirmed".to_owned();
        if !lost.is_empty() {
            let lost: Vec<String> = lost.iter().map(|l| format!("\"{l}\"")).collect();
            said += &format!("; no rollback to {} after it", lost.join(", "));
        }
        Ok(Some(said))
    }

    fn condition(&mut self, list: Conditions, index: u32, ticked: bool) -> Result<(), Why> {
        self.not_paused()?;
        let node = self
            .run
            .plan
            .plan
            .node(self.run.current)
            .ok_or(Why::NoSuchCondition(list, index))?;
        let texts = match list {
            Conditions::Entry => &node.entry_conditions,
            Conditions::Exit => &node.exit_conditions,
        };
        let text = texts
            .get(index as usize)
            .cloned()
            .ok_or(Why::NoSuchCondition(list, index))?;
        let visit = self.run.visit();
        let tick = visit
            .ticked(list)
            .iter()
            .find(|t| t.index == index)
            .copied();
        if tick.is_some() == ticked {
            return Err(Why::Unchanged);
        }
        let details = format!(
            "{} {} \"{text}\"",
            if ticked { "ticked" } else { "unticked" },
            list.label()
        );
        let current = self.run.current;
        let seq = self.log(
            LogKind::Condition,
            Some(current),
            None,
            details,
            tick.map(|t| t.seq),
        );
        let visit = self.run.visit_mut();
        let ticks = match list {
            Conditions::Entry => &mut visit.entry_ticked,
            Conditions::Exit => &mut visit.exit_ticked,
        };
        if ticked {
            ticks.push(Tick { index, seq });
            ticks.sort_by_key(|t| t.index);
        } else {
            ticks.retain(|t| t.index != index);
        }
        Ok(())
    }

    fn check(
        &mut self,
        index: u32,
        observed: &str,
        verdict: Option<Verdict>,
        evidence: &str,
    ) -> Result<(), Why> {
        self.not_paused()?;
        let node = self.current_of(NodeKind::Verification, "a verification")?;
        let check = node
            .checks
            .get(index as usize)
            .ok_or(Why::NoSuchCheck(index))?;
        let observed = observed.trim();
        let proposal = match observed {
            "" => Proposal::Manual("no observed value".to_owned()),
            _ => propose(&check.threshold, observed),
        };
        let proposed = match &proposal {
            Proposal::Verdict(v) => Some(*v),
            Proposal::Manual(_) => None,
        };
        let verdict = match (verdict, &proposal) {
            (Some(v), _) => v,
            (None, Proposal::Verdict(v)) => *v,
            (None, Proposal::Manual(why)) => return Err(Why::NeedsVerdict(why.clone())),
        };
        let mut details = format!("\"{}\" {}", check.name.trim(), verdict.as_str());
        if !observed.is_empty() {
            details += &format!(": observed \"{observed}\"");
        }
        if !check.threshold.trim().is_empty() {
            details += &format!(" against \"{}\"", check.threshold.trim());
        }
        if let Some(p) = proposed.filter(|&p| p != verdict) {
            details += &format!(" (the threshold proposes {})", p.as_str());
        }
        let evidence = evidence.trim();
        if !evidence.is_empty() {
            details += &format!("; evidence: {evidence}");
        }
        let previous = self.run.visit().check(index).map(|r| r.seq);
        let current = self.run.current;
        let seq = self.log(LogKind::Check, Some(current), None, details, previous);
        let record = CheckRecord {
            index,
            observed: observed.to_owned(),
            verdict,
            proposed,
            evidence: evidence.to_owned(),
            seq,
        };
        let checks = &mut self.run.visit_mut().checks;
        checks.retain(|r| r.index != index);
        checks.push(record);
        checks.sort_by_key(|r| r.index);
        Ok(())
    }

    /// The approver, trimmed, who must be named.
    fn approver(approver: &Operator) -> Result<Operator, Why> {
        let approver = Operator::new(approver.name.trim(), approver.role.trim());
        if approver.name.is_empty() {
            return Err(Why::NoApprover);
        }
        Ok(approver)
    }

    fn go(&mut self, approver: &Operator, comment: &str) -> Result<(), Why> {
        self.not_paused()?;
        let gate = self.current_of(NodeKind::Gate, "a gate")?;
        let approver = Self::approver(approver)?;
        if gate.distinct_approver {
            let entered_by = self
                .run
                .entry(self.run.visit().entered_seq)
                .map(|e| e.operator.clone())
                .unwrap_or_default();
            // ASCII case only: Unicode's case tables would cost the wasm
            // about 12 KB. Names are self-declared, so this check guards
            // against a slip, not an impostor, and "ana" is still "Ana".
            if entered_by.trim().eq_ignore_ascii_case(approver.name.trim()) {
                return Err(Why::ApproverIsOperator(entered_by));
            }
        }
        let mut details = format!("Go by {}", approver.describe());
        if !gate.approver.trim().is_empty() {
            details += &format!("; the gate's approver: {}", gate.approver.trim());
        }
        let comment = comment.trim();
        if !comment.is_empty() {
            details += &format!("; {comment}");
        }
        let previous = self.run.visit().gate.as_ref().map(|g| g.seq);
        let current = self.run.current;
        let seq = self.log(LogKind::Go, Some(current), None, details, previous);
        self.run.visit_mut().gate = Some(GateDecision {
            go: true,
            approver,
            comment: comment.to_owned(),
            seq,
        });
        Ok(())
    }

    fn no_go(
        &mut self,
        approver: &Operator,
        comment: &str,
        edge: EdgeId,
        confirm: &str,
    ) -> Result<(), Why> {
        self.not_paused()?;
        self.current_of(NodeKind::Gate, "a gate")?;
        let approver = Self::approver(approver)?;
        let edge = self.edge_out(edge)?;
        let way = way(&self.run.plan.plan, &edge);
        if way == Way::Forward {
            return Err(Why::NotNoGoWay(edge.id));
        }
        let comment = required(comment, "a comment saying why no-go")?;
        let confirmed = self.confirmed(&edge, confirm)?;
        let previous = self.run.visit().gate.as_ref().map(|g| g.seq);
        let current = self.run.current;
        let details = format!("No-go by {}; {comment}", approver.describe());
        let seq = self.log(
            LogKind::NoGo,
            Some(current),
            Some(edge.id),
            details,
            previous,
        );
        self.run.visit_mut().gate = Some(GateDecision {
            go: false,
            approver,
            comment: comment.clone(),
            seq,
        });
        if way == Way::Rollback {
            self.log_rollback(&edge, &format!("no-go: {comment}"));
        }
        self.enter(&edge, confirmed);
        Ok(())
    }

    fn advance(&mut self, edge: EdgeId, override_reason: &str, confirm: &str) -> Result<(), Why> {
        let edge = self.edge_out(edge)?;
        if edge.kind == EdgeKind::Rollback {
            return Err(Why::WrongWay {
                edge: edge.id,
                is_rollback: true,
            });
        }
        let overridden = match blocker(self.run, way(&self.run.plan.plan, &edge)) {
            None => None,
            Some(why) if why.overridable() && !override_reason.trim().is_empty() => Some(why),
            Some(why) => return Err(why),
        };
        let confirmed = self.confirmed(&edge, confirm)?;
        if let Some(why) = overridden {
            let current = self.run.current;
            let details = format!("{}; overrode: {why}", override_reason.trim());
            self.log(
                LogKind::Override,
                Some(current),
                Some(edge.id),
                details,
                None,
            );
            self.run.visit_mut().overrides += 1;
        }
        self.enter(&edge, confirmed);
        Ok(())
    }

    fn rollback(&mut self, edge: EdgeId, reason: &str, confirm: &str) -> Result<(), Why> {
        self.not_paused()?;
        let edge = self.edge_out(edge)?;
        if edge.kind != EdgeKind::Rollback {
            return Err(Why::WrongWay {
                edge: edge.id,
                is_rollback: false,
            });
        }
        let reason = required(reason, "a reason for the rollback")?;
        let confirmed = self.confirmed(&edge, confirm)?;
        self.log_rollback(&edge, &reason);
        self.enter(&edge, confirmed);
        Ok(())
    }

    fn log_rollback(&mut self, edge: &Edge, reason: &str) {
        let target = self
            .run
            .plan
            .plan
            .node(edge.to)
            .map(name)
            .unwrap_or_default();
        let details = format!("{reason}; back to \"{target}\"");
        self.log(
            LogKind::Rollback,
            Some(edge.from),
            Some(edge.id),
            details,
            None,
        );
    }

    fn pause(&mut self, reason: &str) -> Result<(), Why> {
        if self.run.status == Status::Paused {
            return Err(Why::AlreadyPaused);
        }
        let reason = required(reason, "a reason for the pause")?;
        let current = self.run.current;
        self.log(LogKind::Paused, Some(current), None, reason, None);
        self.set_status(Status::Paused);
        self.run.paused_since = Some(self.now);
        Ok(())
    }

    /// Ends the pause in progress, counting its time apart; the length.
    fn end_pause(&mut self) -> Option<u64> {
        let since = self.run.paused_since.take()?;
        let length = self.now.saturating_sub(since);
        self.run.visit_mut().paused_ms += length;
        Some(length)
    }

    fn resume(&mut self, reason: &str) -> Result<(), Why> {
        if self.run.status != Status::Paused {
            return Err(Why::NotPaused);
        }
        let reason = required(reason, "a reason for resuming")?;
        let length = self.end_pause().unwrap_or(0);
        let current = self.run.current;
        let details = format!("{reason} (paused {})", describe_ms(length));
        self.log(LogKind::Resumed, Some(current), None, details, None);
        self.set_status(Status::Running);
        Ok(())
    }

    fn abort(&mut self, reason: &str) -> Result<(), Why> {
        let reason = required(reason, "a reason for aborting")?;
        self.end_pause();
        let current = self.run.current;
        self.log(LogKind::Aborted, Some(current), None, reason, None);
        self.finish(Status::Aborted, None);
        Ok(())
    }

    /// Leaves the current node along `edge` and enters its target; an end
    /// finishes the run, and so does a rollback to the start.
    fn enter(&mut self, edge: &Edge, confirmed: Option<String>) {
        let plan = &self.run.plan.plan;
        let from = plan.node(edge.from).map(name).unwrap_or_default();
        let Some(target) = plan.node(edge.to).cloned() else {
            return;
        };
        let mut details = format!("from \"{from}\"");
        if !edge.label.trim().is_empty() {
            details += &format!(" ({})", edge.label.trim());
        }
        if let Some(confirmed) = confirmed {
            details += &format!("; {confirmed}");
        }
        let now = self.now;
        let visit = self.run.visit_mut();
        visit.left_ms = Some(now);
        visit.left_by = Some(edge.id);
        let seq = self.log(
            LogKind::Entered,
            Some(target.id),
            Some(edge.id),
            details,
            None,
        );
        self.run.visits.push(Visit::new(target.id, seq, now));
        self.run.current = target.id;
        match target.kind {
            NodeKind::End if target.aborted => {
                self.log(
                    LogKind::Aborted,
                    Some(target.id),
                    None,
                    format!("reached the aborted end \"{}\"", name(&target)),
                    None,
                );
                self.finish(Status::Aborted, None);
            }
            NodeKind::End => {
                self.log(
                    LogKind::Completed,
                    Some(target.id),
                    None,
                    format!("reached \"{}\"", name(&target)),
                    None,
                );
                self.finish(Status::Completed, None);
            }
            NodeKind::Start if edge.kind == EdgeKind::Rollback => {
                self.finish(Status::RolledBack, None)
            }
            _ => {}
        }
    }

    /// Sets a final status and closes the current visit.
    fn finish(&mut self, status: Status, left_by: Option<EdgeId>) {
        self.set_status(status);
        let now = self.now;
        let visit = self.run.visit_mut();
        visit.left_ms = Some(now);
        visit.left_by = left_by;
    }

    fn set_status(&mut self, next: Status) {
        debug_assert!(
            self.run.status.can_become(next),
            "{:?} -> {next:?}",
            self.run.status
        );
        self.run.status = next;
    }

    /// Appends an entry; its sequence number.
    fn log(
        &mut self,
        kind: LogKind,
        node: Option<NodeId>,
        edge: Option<EdgeId>,
        details: String,
        corrects: Option<u32>,
    ) -> u32 {
        let seq = self.run.next_seq();
        self.run.log.push(LogEntry {
            seq,
            at_ms: self.now,
            time: iso8601(self.now),
            operator: self.who.clone(),
            kind,
            node,
            edge,
            details,
            corrects,
        });
        seq
    }
}
