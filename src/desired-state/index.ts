// The desired-state loader: read YAML with source positions, validate (schema + semantic rules),
// report diagnostics. See DESIGN §3 and the contracts in docs.
export { loadDesiredState, type LoadOptions } from "./load.ts";
export { loadStack, stackDefaults, toStackConfig } from "./stack.ts";
export { formatDiagnostics, type DiagnosticFormat } from "./format.ts";
export * from "./types.ts";
