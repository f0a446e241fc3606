// What an API family of the emulator (DNS, settings, rulesets, lists, tunnels, ...) gives the core:
// its routes, its slice of the store (what --state saves and reset clears), the names the audit log
// gives the resources it writes, and the SDK types its responses are checked against where the
// OpenAPI subset lacks them. One folder per family under families/, one line in registry.ts.
import type Cloudflare from "cloudflare";
import type { AuditNames } from "../audit/names.ts";
import type { Router } from "../router.ts";
import type { StoreSlice } from "../store.ts";

export type { StoreSlice } from "../store.ts";

/** What the registry hands every family when it registers its routes. */
export interface FamilyContext {
  /** Largest number of changes one DNS batch may hold; unlimited when omitted. */
  batchLimit?: number;
  /** Every family's audit names, by resource (the audit-log routes render entries with them). */
  audit: ReadonlyMap<string, AuditNames>;
}

/** What a family's exercise gets: the real SDK on a fresh emulator, with one zone in it. */
export interface ExerciseApi {
  client: Cloudflare;
  accountId: string;
  zoneId: string;
  /** A raw request, for routes the SDK lacks. */
  raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** A family's exercise module (test only): calls every write route the family serves, successfully. */
export interface FamilyExercise {
  exercise(api: ExerciseApi): Promise<void>;
}

export interface EmulatorFamily {
  /** The folder's name, e.g. "dns". */
  name: string;
  routes(router: Router, ctx: FamilyContext): void;
  slices?: readonly StoreSlice<unknown>[];
  /** Resource -> its audit-log names; the `resource` of every audit event the family reports. */
  audit?: Readonly<Record<string, AuditNames>>;
  /**
   * "METHOD /template" -> the SDK type its responses were checked against, for routes the 2024
   * OpenAPI subset lacks or describes wrongly (say why beside the entry).
   */
  sdkTypes?: Readonly<Record<string, string>>;
  /** Loaded by tests only: `() => import("./exercise.ts")`. */
  exercise?(): Promise<FamilyExercise>;
}

/** Declares a slice with its state's type kept (the registry holds them untyped). */
export function defineSlice<State>(slice: StoreSlice<State>): StoreSlice<State> {
  return slice;
}
