//! Template (delivery pack): a new version of a service on Kubernetes,
//! blue-green: the new Deployment comes up beside the old one, its pods
//! must pass their readiness probes, the Service and Ingress switch to it
//! after an approval, and the old Deployment is scaled down last.

use super::builder::{CheckSpec, Flow, GateSpec, PhaseSpec};
use super::Template;
use crate::document::Document;
use crate::pack::Pack;
use crate::plan::CheckKind::{Custom, ErrorRate, HealthProbe};

pub(super) const TEMPLATE: Template = Template {
    id: "kubernetes-rollout",
    name: "Kubernetes blue-green rollout",
    summary: "orders-api v2 beside v1: config, a green Deployment whose pods pass their \
              readiness probes, the Service and Ingress switched after an approval, v1 \
              scaled down last.",
    pack: Pack::Delivery,
    build,
};

fn build() -> Document {
    let mut flow = Flow::for_pack("Roll out orders-api v2 on Kubernetes", Pack::Delivery);
    let start = flow.start(
        "orders-api v1 serving (3 replicas)",
        "Service orders-api selects app=orders-api,track=blue; Ingress routes /orders to it.",
    );
    let config = flow.phase(PhaseSpec {
        title: "Apply ConfigMap and Secret for v2",
        owner: "Platform team",
        notes: "Versioned names (orders-api-config-v2), so v1 keeps reading its own.",
        sql: "kubectl apply -f k8s/orders-api-config-v2.yaml",
        ..PhaseSpec::default()
    });
    let config_ok = flow.verification(CheckSpec {
        title: "Config verified",
        owner: "Platform team",
        checks: &[
            (
                Custom,
                "kubectl diff against the reviewed manifest",
                "empty",
            ),
            (Custom, "Secret keys present", "DB_URL, API_KEY"),
        ],
    });
    let green = flow.phase(PhaseSpec {
        title: "Deploy v2 as green (3 replicas)",
        owner: "Platform team",
        notes: "Readiness probe: GET /healthz/ready, which checks the database pool. \
                Liveness probe separate, so a slow start is not a restart loop.",
        sql: "kubectl apply -f k8s/orders-api-green.yaml\nkubectl rollout status deploy/orders-api-green --timeout=5m",
        ..PhaseSpec::default()
    });
    let ready = flow.verification(CheckSpec {
        title: "Green pods ready",
        owner: "On-call SRE",
        checks: &[
            (HealthProbe, "Readiness probes", "3/3 ready for 5 min"),
            (Custom, "Container restarts", "0"),
        ],
    });
    let approve = flow.gate(GateSpec {
        title: "Switch traffic to v2?",
        approver: "On-call SRE",
        go_criteria: &["Green pods ready", "Synthetic order placed against green"],
        notes: "",
    });
    let kept = flow.aborted_end("v2 not promoted; green removed");
    let switch = flow.phase(PhaseSpec {
        title: "Switch Service selector to green",
        owner: "Platform team",
        sql:
            "kubectl patch service orders-api -p '{\"spec\":{\"selector\":{\"track\":\"green\"}}}'",
        ..PhaseSpec::default()
    });
    let serving = flow.verification(CheckSpec {
        title: "Ingress verified",
        owner: "On-call SRE",
        checks: &[
            (ErrorRate, "5xx at the Ingress", "< 0.5 % for 30 min"),
            (Custom, "p99 latency at the Ingress", "< 300 ms"),
        ],
    });
    let scale_down = flow.phase(PhaseSpec {
        title: "Scale blue (v1) to 0",
        owner: "Platform team",
        notes: "Kept at 0 replicas for a day, so a rollback is a scale-up, not a deploy.",
        sql: "kubectl scale deploy/orders-api-blue --replicas=0",
        ..PhaseSpec::default()
    });
    let scaled = flow.verification(CheckSpec {
        title: "Cleanup verified",
        owner: "Platform team",
        checks: &[(Custom, "Endpoints of the Service", "green pods only")],
    });
    let done = flow.end("orders-api v2 live");

    flow.path(&[start, config, config_ok, green, ready, approve]);
    flow.branch(approve, switch, "go");
    flow.branch(approve, kept, "no-go");
    flow.path(&[switch, serving, scale_down, scaled, done]);
    flow.rollback(config_ok, start, "re-apply the v1 config");
    flow.rollback(ready, config, "delete the green Deployment");
    flow.rollback(serving, green, "selector back to blue");
    flow.rollback(scaled, switch, "scale blue back to 3");
    flow.stage("Prepare", &[config, config_ok]);
    flow.stage("Deploy green", &[green, ready]);
    flow.stage("Switch", &[switch, serving]);
    flow.stage("Clean up", &[scale_down, scaled]);
    flow.finish()
}
