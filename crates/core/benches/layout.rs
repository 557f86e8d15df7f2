//! Benchmark: automatic layout of generated plans of 500 and 5,000 nodes,
//! in both directions (`cargo bench -p migraflow-core --bench layout`).
//! The budget is 200 ms for 5,000 nodes (issue 16).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use migraflow_core::generate::generated_plan;
use migraflow_core::layout::{auto_layout, Direction};
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

criterion_group!(benches, lay_out_generated_plans);
criterion_main!(benches);
