// What a kind's native adapter (src/kinds/<kind>/native.ts) gives the native engine: how to read
// its live objects (per zone, or once per account), what a change's write needs (its payload, kept
// in the plan so a saved plan applies alone), and the calls that apply a scope's changes.
import type Cloudflare from "cloudflare";
import type { DesiredState, StackConfig } from "../../desired-state/types.ts";
import type { AuditRef } from "../../drift-attribution/types.ts";
import type { Resource } from "../../plan/resources.ts";
import type { Change } from "../../plan/types.ts";
import type { Logger } from "../../shared/logger.ts";
import type { ZoneRef } from "./zones.ts";

export interface NativeContext {
  client: Cloudflare;
  log: Logger;
  signal?: AbortSignal;
  /** The account: explicit, else the only one the token sees (looked up once, on first use). */
  accountId(): Promise<string>;
}

/** A run's context: the API and the stack (tunnels are named there, the DNS batch size is set there). */
export interface StackContext extends NativeContext {
  stack: StackConfig;
}

export interface ReadContext extends NativeContext {
  /** This kind's names resolved before expansion (tunnel name -> tunnel id). */
  resolved: ReadonlyMap<string, string>;
}

export interface LiveRead {
  resources: Resource[];
  /** Per scope: what writes need besides the resources (a ruleset's id, a tunnel's other settings). */
  meta?: Record<string, unknown>;
}

export interface PayloadInput {
  change: Change;
  /** The desired and the live resource the change is about (either may be absent). */
  want?: Resource;
  have?: Resource;
  /** Every desired and live resource of the kind in the change's scope, desired in YAML order. */
  desired: Resource[];
  live: Resource[];
  /** The scope's meta from the read. */
  meta: unknown;
}

export interface WriteContext extends StackContext {
  /** A zone's id (including zones created earlier in the same apply). */
  zoneId(zone: string): string;
}

/** What `auditResource` gets: the change, its live (else desired) resource, and its scope's meta. */
export interface AuditInput {
  change: Change;
  resource?: Resource;
  meta: unknown;
}

/** One API call (or a bounded series) and the changes it applies. */
export interface WriteStep {
  changes: Change[];
  run(): Promise<unknown>;
}

export interface NativeAdapter<Payload = unknown> {
  kind: string;
  /** Before expansion: names the desired state uses -> Cloudflare ids (tunnels are named in the stack). */
  resolve?(desired: DesiredState, ctx: StackContext): Promise<Map<string, string>>;
  /** Zone-file kinds: read one zone. */
  readZone?(zone: ZoneRef, ctx: ReadContext): Promise<LiveRead>;
  /** Account-level kinds: read their scopes (tunnel ids, "account") once per run. */
  readAccount?(scopes: string[], ctx: ReadContext): Promise<LiveRead>;
  /** At plan time: what applying the change needs. */
  payload(input: PayloadInput): Payload;
  /** The calls that apply one zone's (or the account's) changes of this kind, in plan order. */
  writes(changes: Change<Payload>[], ctx: WriteContext): WriteStep[];
  /** Drift attribution: how the account's audit log names the object a change is about (issue 17). */
  auditResource?(input: AuditInput): AuditRef | undefined;
  /**
   * `doctor`: the cheapest read of the kind's objects (one page), for a zone or (account-level
   * kinds) the account; a refusal (401/403) means the token lacks the kind's permission.
   */
  probe?(scope: { zone?: ZoneRef; accountId: string }, ctx: NativeContext): Promise<unknown>;
}
