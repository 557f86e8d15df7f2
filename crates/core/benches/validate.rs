//! Benchmark: full validation of generated plans of 100, 1,000 and 10,000
//! nodes (`cargo bench -p migraflow-core --bench validate`). The budget is
//! 5 ms for 10,000 nodes.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use migraflow_core::generate::generated_plan;
use migraflow_core::rules::validate;
use std::hint::black_box;

fn validate_generated_plans(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    for nodes in [100, 1_000, 10_000] {
        let plan = generated_plan(nodes).plan;
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &plan, |b, plan| {
            b.iter(|| validate(black_box(plan)))
        });
    }
    group.finish();
}

criterion_group!(benches, validate_generated_plans);
criterion_main!(benches);
