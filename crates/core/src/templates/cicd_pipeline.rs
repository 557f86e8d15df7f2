//! Template (delivery pack): a service shipped from a merged commit to
//! production through staging, an approval and a 5 % canary. Every stage
//! is checked before the next is promoted, and each has its way back: a
//! rebuild, a redeploy of the previous release, traffic shifted back.

use super::builder::{CheckSpec, Flow, GateSpec, PhaseSpec};
use super::Template;
use crate::document::Document;
use crate::pack::Pack;
use crate::plan::CheckKind::{Custom, ErrorRate, HealthProbe};

pub(super) const TEMPLATE: Template = Template {
    id: "cicd-pipeline",
    name: "CI/CD pipeline with a canary",
    summary: "From a merged commit to production: build, staging, an approval, a 5 % \
              canary watched against the baseline, then the full rollout — each stage \
              checked, each with its rollback.",
    pack: Pack::Delivery,
    build,
};

fn build() -> Document {
    let mut flow = Flow::for_pack(
        "Ship checkout-service from main to production",
        Pack::Delivery,
    );
    let start = flow.start(
        "Commit merged to main",
        "The pipeline starts on every merge; one release at a time per service.",
    );
    let build = flow.phase(PhaseSpec {
        title: "Build and unit test",
        owner: "CI",
        notes: "Reproducible build; the image is tagged with the commit SHA and signed.",
        exit: &["Image pushed as checkout-service:<sha>", "SBOM attached"],
        sql: "make test\ndocker build -t registry/checkout-service:$SHA .\ncosign sign registry/checkout-service:$SHA",
        ..PhaseSpec::default()
    });
    let built = flow.verification(CheckSpec {
        title: "Build verified",
        owner: "CI",
        checks: &[
            (Custom, "Unit tests", "all pass"),
            (Custom, "Image signature", "verifies with the release key"),
        ],
    });
    let staging = flow.phase(PhaseSpec {
        title: "Deploy to staging",
        owner: "CD",
        entry: &["Staging runs the current production release"],
        sql: "helm upgrade checkout ./chart -n staging --set image.tag=$SHA --wait",
        ..PhaseSpec::default()
    });
    let staged = flow.verification(CheckSpec {
        title: "Staging verified",
        owner: "QA",
        checks: &[
            (Custom, "Integration and contract tests", "all pass"),
            (
                HealthProbe,
                "Smoke test of the checkout path",
                "200 within 2 s",
            ),
        ],
    });
    let approve = flow.gate(GateSpec {
        title: "Promote to production?",
        approver: "Release manager",
        go_criteria: &[
            "Staging verified",
            "Change ticket approved",
            "No production incident open",
        ],
        notes: "Outside the release window, promotion waits.",
    });
    let held = flow.aborted_end("Release held for the next window");
    let canary = flow.phase(PhaseSpec {
        title: "Canary: 5 % of traffic",
        owner: "CD",
        notes: "The canary runs 20 minutes beside the stable pods; the analysis \
                compares it with them, not with yesterday.",
        sql: "kubectl argo rollouts set image checkout checkout=registry/checkout-service:$SHA",
        ..PhaseSpec::default()
    });
    let canary_ok = flow.verification(CheckSpec {
        title: "Canary verified",
        owner: "On-call SRE",
        checks: &[
            (ErrorRate, "5xx rate of the canary", "≤ stable + 0.1 %"),
            (Custom, "p99 latency of the canary", "≤ stable + 50 ms"),
        ],
    });
    let rollout = flow.phase(PhaseSpec {
        title: "Roll out to 100 %",
        owner: "CD",
        sql: "kubectl argo rollouts promote checkout",
        ..PhaseSpec::default()
    });
    let rolled_out = flow.verification(CheckSpec {
        title: "Rollout verified",
        owner: "On-call SRE",
        checks: &[
            (ErrorRate, "5xx rate", "< 0.5 % for 30 min"),
            (HealthProbe, "Every pod ready", "all replicas"),
        ],
    });
    let done = flow.end("Release live");

    flow.path(&[start, build, built, staging, staged, approve]);
    flow.branch(approve, canary, "go");
    flow.branch(approve, held, "no-go");
    flow.path(&[canary, canary_ok, rollout, rolled_out, done]);
    flow.rollback(built, start, "build or tests fail: fix on main");
    flow.rollback(staged, build, "redeploy the previous release to staging");
    flow.rollback(
        canary_ok,
        staging,
        "abort the canary: traffic back to stable",
    );
    flow.rollback(rolled_out, staging, "roll back to the previous release");
    flow.stage("Build", &[build, built]);
    flow.stage("Staging", &[staging, staged]);
    flow.stage("Canary", &[canary, canary_ok]);
    flow.stage("Production", &[rollout, rolled_out]);
    flow.finish()
}
