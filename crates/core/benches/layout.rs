//! Benchmark: automatic layout of generated plans of 500 and 5,000 nodes,
//! in both directions (`cargo bench -p migraflow-core --bench layout`).
//! The budget is 200 ms for 5,000 nodes (issue 16).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use migraflow_core::generate::generated_plan;
use migraflow_core::layout::{auto_layout, Direction};
use migraflow_core::route::plan::route_plan;
use std::hint::black_box;

fn lay_out_generated_plans(c: &mut Criterion) {
    let mut group = c.benchmark_group("auto_layout");
    for nodes in [500, 5_000] {
        let plan = generated_plan(nodes).plan;
        for direction in Direction::ALL {
            let id = BenchmarkId::new(direction.as_str(), nodes);
            group.bench_with_input(id, &plan, |b, plan| {
                b.iter(|| auto_layout(black_box(plan), direction))
            });
        }
    }
    group.finish();
}

/// Routing every edge with labels placed (`route::plan::route_plan`), on
/// the generated plans' own grid.
fn route_generated_plans(c: &mut Criterion) {
    let mut group = c.benchmark_group("route_plan");
    group.sample_size(20);
    for nodes in [500, 5_000] {
        let doc = generated_plan(nodes);
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &doc, |b, doc| {
            b.iter(|| route_plan(black_box(&doc.plan), |id| doc.layout.at(id)))
        });
    }
    group.finish();
}

criterion_group!(benches, lay_out_generated_plans, route_generated_plans);
criterion_main!(benches);
