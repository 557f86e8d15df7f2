//! Property test: any sequence of commands, on any template, keeps the
//! run's invariants (see [`super::record`] and [`super::status`]):
//! sequence numbers go up by one, entries once written never change, times
//! never decrease, the current node belongs to the pinned plan and the
//! plan and its hash never change, the status changes only along legal
//! transitions, a refusal only appends its one `refused` entry, a finished
//! run never changes, and the run saves and loads back as itself.

use super::*;
use crate::id::EdgeId;
use crate::templates;
use proptest::prelude::*;

/// A command with its random parts; edges are picked from the plan's by
/// index when the command is applied, and `confirm` then types the
/// target's title (or does not).
#[derive(Clone, Debug)]
enum Step {
    Advance {
        edge: usize,
        reason: bool,
        confirm: bool,
    },
    Rollback {
        edge: usize,
        reason: bool,
        confirm: bool,
    },
    NoGo {
        edge: usize,
        approver: usize,
        confirm: bool,
    },
    Condition {
        exit: bool,
        index: u32,
        ticked: bool,
    },
    Check {
        index: u32,
        observed: usize,
        verdict: Option<bool>,
    },
    Go {
        approver: usize,
    },
    Pause(bool),
    Resume(bool),
    Abort(bool),
    Control,
    Note {
        corrects: Option<u32>,
    },
}

const NAMES: [&str; 3] = ["Ana", "Bo", ""];
const OBSERVED: [&str; 5] = ["0", "4 s", "12", "fast", ""];

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..40usize, any::<bool>(), any::<bool>())
            .prop_map(|(edge, reason, confirm)| Step::Advance { edge, reason, confirm }),
        2 => (0..40usize, any::<bool>(), any::<bool>())
            .prop_map(|(edge, reason, confirm)| Step::Rollback { edge, reason, confirm }),
        1 => (0..40usize, 0..3usize, any::<bool>())
            .prop_map(|(edge, approver, confirm)| Step::NoGo { edge, approver, confirm }),
        3 => (any::<bool>(), 0..4u32, any::<bool>())
            .prop_map(|(exit, index, ticked)| Step::Condition { exit, index, ticked }),
        3 => (0..4u32, 0..5usize, prop::option::of(any::<bool>()))
            .prop_map(|(index, observed, verdict)| Step::Check { index, observed, verdict }),
        1 => (0..3usize).prop_map(|approver| Step::Go { approver }),
        1 => any::<bool>().prop_map(Step::Pause),
        1 => any::<bool>().prop_map(Step::Resume),
        1 => prop::bool::weighted(0.1).prop_map(Step::Abort),
        1 => Just(Step::Control),
        1 => prop::option::of(0..60u32).prop_map(|corrects| Step::Note { corrects }),
    ]
}

fn command(run: &Run, step: &Step) -> Command {
    let plan = &run.plan.plan;
    let edge_at = |i: usize| {
        // Mostly edges out of the current node, sometimes any edge.
        let out: Vec<EdgeId> = plan
            .edges
            .values()
            .filter(|e| e.from == run.current)
            .map(|e| e.id)
            .collect();
        match (i % 4, out.len()) {
            (0, _) | (_, 0) => EdgeId(i as u32),
            _ => out[i % out.len()],
        }
    };
    let title = |edge: EdgeId, confirm: bool| match plan.edge(edge).and_then(|e| plan.node(e.to)) {
        Some(node) if confirm => moves::name(node),
        _ => String::new(),
    };
    let text = |yes: bool| {
        if yes {
            "because".to_owned()
        } else {
            String::new()
        }
    };
    match *step {
        Step::Advance {
            edge,
            reason,
            confirm,
        } => {
            let edge = edge_at(edge);
            Command::Advance {
                edge,
                override_reason: text(reason),
                confirm: title(edge, confirm),
            }
        }
        Step::Rollback {
            edge,
            reason,
            confirm,
        } => {
            let edge = edge_at(edge);
            Command::Rollback {
                edge,
                reason: text(reason),
                confirm: title(edge, confirm),
            }
        }
        Step::NoGo {
            edge,
            approver,
            confirm,
        } => {
            let edge = edge_at(edge);
            Command::NoGo {
                edge,
                approver: Operator::new(NAMES[approver], ""),
                comment: "no".to_owned(),
                confirm: title(edge, confirm),
            }
        }
        Step::Condition {
            exit,
            index,
            ticked,
        } => Command::Condition {
            list: if exit {
                Conditions::Exit
            } else {
                Conditions::Entry
            },
            index,
            ticked,
        },
        Step::Check {
            index,
            observed,
            verdict,
        } => Command::Check {
            index,
            observed: OBSERVED[observed].to_owned(),
            verdict: verdict.map(|pass| if pass { Verdict::Pass } else { Verdict::Fail }),
            evidence: String::new(),
        },
        Step::Go { approver } => Command::Go {
            approver: Operator::new(NAMES[approver], "DBA"),
            comment: String::new(),
        },
        Step::Pause(reason) => Command::Pause {
            reason: text(reason),
        },
        Step::Resume(reason) => Command::Resume {
            reason: text(reason),
        },
        Step::Abort(reason) => Command::Abort {
            reason: text(reason),
        },
        Step::Control => Command::TakeControl,
        Step::Note { corrects } => Command::Note {
            text: "note".to_owned(),
            corrects,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_sequence_of_commands_keeps_the_invariants(
        template in 0..templates::all().len(),
        steps in prop::collection::vec((step(), 0..3usize, -120_000i64..600_000), 1..120),
    ) {
        let doc = templates::all()[template].build();
        let mut now = super::tests::T0;
        let mut run = start(NewRun::default(), doc, now, &Operator::new("Ana", "")).unwrap();
        let (plan, hash) = (run.plan.clone(), run.plan_hash.clone());
        for (step, who, dt) in steps {
            now = now.saturating_add_signed(dt);
            let before = run.clone();
            let command = command(&run, &step);
            let result = apply(&mut run, command, now, &Operator::new(NAMES[who], ""));

            prop_assert_eq!(&run.log[..before.log.len()], &before.log[..]);
            for (i, entry) in run.log.iter().enumerate() {
                prop_assert_eq!(entry.seq as usize, i + 1);
            }
            prop_assert!(run.log.windows(2).all(|w| w[0].at_ms <= w[1].at_ms));
            prop_assert!(run.plan.plan.node(run.current).is_some());
            prop_assert_eq!(&run.plan, &plan);
            prop_assert_eq!(&run.plan_hash, &hash);
            prop_assert!(run.status == before.status || before.status.can_become(run.status));
            prop_assert_eq!(run.paused_since.is_some(), run.status == Status::Paused);
            prop_assert_eq!(run.visit().node, run.current);
            if before.status.is_finished() {
                prop_assert_eq!(&run, &before);
            }
            match result {
                Ok(applied) => {
                    prop_assert_eq!(applied.first_seq, before.next_seq());
                    prop_assert!(run.log.len() > before.log.len());
                }
                Err(refusal) => {
                    let grew = run.log.len() - before.log.len();
                    match refusal.logged {
                        Some(seq) => {
                            prop_assert_eq!(grew, 1);
                            prop_assert_eq!(seq, before.next_seq());
                            prop_assert_eq!(run.log[seq as usize - 1].kind, LogKind::Refused);
                        }
                        None => prop_assert_eq!(grew, 0),
                    }
                    prop_assert_eq!(&run.visits, &before.visits);
                    prop_assert_eq!(run.status, before.status);
                    prop_assert_eq!(run.current, before.current);
                }
            }
        }
        prop_assert_eq!(load_run_json(&run_to_json(&run)).unwrap(), run);
    }
}
