// The in-memory model of the desired state (DESIGN §3) and of a stack file.
// Produced by the loader in this folder; consumed by policy, plan and both engines.

export interface SourceLocation {
  file: string; // path relative to the repository root, forward slashes
  line: number; // 1-based
  column: number; // 1-based
}

export type Severity = "error" | "warning";

export interface Diagnostic extends SourceLocation {
  severity: Severity;
  code: string; // stable, kebab-case, e.g. "dns-cname-not-alone"
  message: string;
  hint?: string;
}

export const dnsRecordTypes = [
  "A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA", "PTR", "DS", "TLSA", "SSHFP",
  "NAPTR", "LOC", "HTTPS", "SVCB", "URI", "CERT", "DNSKEY", "SMIMEA", "OPENPGPKEY",
] as const;
export type DnsRecordType = (typeof dnsRecordTypes)[number];

/** Structured-type payload, keyed by Cloudflare's own field names. */
export type DnsRecordData = Record<string, string | number>;

export interface DnsRecordSpec {
  name: string; // as written: "@" for the apex, else relative to the zone
  fqdn: string; // lower-case fully qualified name, no trailing dot
  type: DnsRecordType;
  content?: string; // unstructured types; TXT is the plain, unquoted text
  data?: DnsRecordData; // structured types (SRV, CAA, DS, TLSA, SSHFP, NAPTR, LOC, HTTPS, SVCB, URI, CERT, DNSKEY, SMIMEA)
  priority?: number; // MX (and URI when given outside data)
  proxied: boolean; // default false
  ttl: number; // 1 = automatic
  comment?: string;
  tags: string[];
  source: SourceLocation;
}

export const firewallActions = ["block", "challenge", "managed_challenge", "js_challenge", "log", "skip"] as const;
export type FirewallAction = (typeof firewallActions)[number];

export interface FirewallRuleSpec {
  ref: string;
  description?: string;
  expression: string;
  action: FirewallAction;
  action_parameters?: Record<string, unknown>;
  enabled: boolean; // default true
  source: SourceLocation;
}

export type ZoneSettingValue = string | number;

export interface ZoneSettingsSpec {
  /** Only listed settings are managed. Values use Cloudflare's API form ("on"/"off", "1.2", numbers). */
  values: Record<string, ZoneSettingValue>;
  sources: Record<string, SourceLocation>;
  source: SourceLocation;
}

export interface DnsIgnorePattern {
  name: string; // glob on the relative name, e.g. "_acme-challenge.*"
  type?: DnsRecordType;
}

export interface ZoneSpec {
  zone: string; // lower-case zone name
  file: string;
  source: SourceLocation;
  settings?: ZoneSettingsSpec; // undefined: settings not managed by this file
  dns?: DnsRecordSpec[]; // undefined: the zone's DNS is not owned by this file
  ignore: DnsIgnorePattern[];
  firewall?: FirewallRuleSpec[]; // undefined: the custom firewall phase is not owned
}

export interface TunnelServiceSpec {
  service: string;
  hostname: string; // lower-case FQDN
  origin: string; // http(s)://, tcp://, ssh://, unix:, http_status:NNN
  tunnel: string; // a tunnel named in the stack file
  path?: string;
  originRequest?: Record<string, unknown>;
  file: string;
  source: SourceLocation;
}

export interface DesiredState {
  dir: string;
  zones: ZoneSpec[];
  services: TunnelServiceSpec[];
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
