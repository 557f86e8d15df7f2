//! The legend of an exported picture: node shapes and edge styles in two
//! rows under the plan's title, drawn with the canvas's own classes so
//! each theme colours them as the canvas does. Fixed markup, no user text.

/// How much room the two rows take, in canvas units.
pub const ROW_WIDTH: f64 = 860.0;
pub const ROW_HEIGHT: f64 = 52.0;

/// The rows, their top left at the origin.
pub const ROWS: &str = concat!(
    r#"<g class="node" data-kind="start" transform="translate(22 12)"><rect class="shape" x="-22" y="-9" width="44" height="18" rx="9"/></g><text x="52" y="16">Start</text>"#,
    r#"<g class="node" data-kind="end" transform="translate(142 12)"><rect class="shape" x="-22" y="-9" width="44" height="18" rx="9"/><rect class="inner" x="-18" y="-5" width="36" height="10" rx="5"/></g><text x="172" y="16">End</text>"#,
    r#"<g class="node" data-kind="phase" data-phase="expand" transform="translate(262 12)"><rect class="shape" x="-22" y="-11" width="44" height="22" rx="3"/><rect class="stripe" x="-22" y="-11" width="4" height="22"/></g><text x="292" y="16">Phase (stripe: its tag)</text>"#,
    r#"<g class="node unsafe" data-kind="phase" data-phase="contract" transform="translate(472 12)"><rect class="shape" x="-22" y="-11" width="44" height="22" rx="3"/><rect class="stripe" x="-22" y="-11" width="4" height="22"/></g><text x="502" y="16">Point of no return</text>"#,
    r#"<g class="node" data-kind="verification" transform="translate(672 12)"><polygon class="shape" points="-22,0 -14,-10 14,-10 22,0 14,10 -14,10"/></g><text x="702" y="16">Verification</text>"#,
    r#"<g class="node" data-kind="gate" transform="translate(22 40)"><polygon class="shape" points="0,-12 22,0 0,12 -22,0"/></g><text x="52" y="44">Go/no-go gate</text>"#,
    r#"<g class="node aborted" data-kind="end" transform="translate(182 40)"><rect class="shape" x="-22" y="-9" width="44" height="18" rx="9"/><rect class="inner" x="-18" y="-5" width="36" height="10" rx="5"/></g><text x="212" y="44">Aborted end</text>"#,
    r#"<g class="edge forward"><path class="line" d="M322 40 H366" marker-end="url(#arrow-forward)"/></g><text x="376" y="44">Forward</text>"#,
    r#"<g class="edge rollback"><path class="line" d="M462 40 H506" marker-end="url(#arrow-rollback)"/></g><text x="516" y="44">Rollback</text>"#,
    r#"<g class="edge validation"><path class="line" d="M602 40 H646" marker-end="url(#arrow-validation)"/></g><text x="656" y="44">Validation (guards)</text>"#,
);
