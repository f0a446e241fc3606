// The in-memory model of the desired state (DESIGN §3) and of a stack file.
// Produced by the loader in this folder; consumed by policy, plan and both engines.

export interface SourceLocation {
  file: string; // path relative to the repository root, forward slashes
  line: number; // 1-based
  column: number; // 1-based
  /** The profile the value came from, when a zone file's `use:` brought it in (the file is the profile's). */
  profile?: string;
}

export type Severity = "error" | "warning";

export interface Diagnostic extends SourceLocation {
  severity: Severity;
  code: string; // stable, kebab-case, e.g. "dns-cname-not-alone"
  message: string;
  hint?: string;
}

/**
 * One zone file. Each kind that lives in zone files adds its keys to this interface from its own
 * folder (`declare module` in src/kinds/<kind>/spec.ts): dns and ignore, settings, firewall, ...
 */
export interface ZoneSpec {
  zone: string; // lower-case zone name
  file: string;
  source: SourceLocation;
  /** The profiles the zone file names in `use:`, in order; their keys are already merged into the kinds' parts. */
  use?: string[];
}

/** A profile file (desired-state/profiles/<name>.yaml): configuration shared by the zones that use it. */
export interface ProfileSpec {
  name: string;
  file: string;
  description?: string;
  /** Where `profile:` is written. */
  source: SourceLocation;
  /** The zone-file keys it holds. */
  keys: string[];
  /** The zones whose `use:` names it, in load order. */
  usedBy: string[];
}

/** Everything loaded. Kinds with files of their own add their lists here the same way (services). */
export interface DesiredState {
  dir: string;
  zones: ZoneSpec[];
  /** The profiles read (absent when there are none). Zones hold their content already merged. */
  profiles?: ProfileSpec[];
}

export interface LoadResult {
  state: DesiredState;
  diagnostics: Diagnostic[];
}

export type EngineName = "native" | "pulumi";

export interface TunnelRef {
  id?: string; // UUID; when absent the engine looks the tunnel up by name
}

export interface NotifyConfig {
  slack_webhook_env?: string; // name of the env var holding a Slack-compatible webhook URL
  webhook_url_env?: string; // generic webhook URL env var
  webhook_secret_env?: string; // HMAC secret env var for the generic webhook
  email?: { to: string[]; from: string; smtp_url_env: string };
  github_status: boolean; // commit status cf-gitops/apply when GITHUB_TOKEN is set
  repeat_after: number; // seconds before the same drift fingerprint is announced again
}

export interface StackConfig {
  name: string;
  file: string;
  engine: EngineName;
  account_id?: string;
  /** The environment variable holding this stack's API token (the name, never the token). */
  api_token_env?: string;
  /** Which desired-state files belong to the stack: globs relative to the desired-state dir. */
  desired_state: { dir: string; include: string[] };
  tunnels: Record<string, TunnelRef>;
  create_zones: boolean;
  dns_batch_size: number; // default 200
  poll_interval: number; // seconds, default 60
  schedules: { drift: string; reapply?: string };
  drift_remediation: "report" | "apply";
  notify: NotifyConfig;
  certificates: { enabled: boolean; hostnames?: string[]; port: number };
  history: { retention_days: number };
}
