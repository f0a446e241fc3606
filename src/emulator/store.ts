// All emulated state, in memory: the account, the audit log, and one slice per API family
// (families/*). Serialises to one JSON document for --state; the families' keys sit beside the
// account's, so the format stays the one every earlier state file has.
import type { AuditEntry } from "./audit/types.ts";

/**
 * A family's part of the store. Its state is created empty, filled from a --state file, written
 * back to one, and dropped on reset. Each snapshot key belongs to one slice (registry.test.ts).
 */
export interface StoreSlice<State> {
  /** The top-level keys of the state file this slice writes and reads back. */
  keys: readonly string[];
  create(): State;
  /** The slice as JSON-ready values, by key (the state file's format: keep the keys stable). */
  snapshot(state: State): Record<string, unknown>;
  /** Fills a fresh state from a state file; keys an older file lacks leave that part empty. */
  load(state: State, snapshot: Readonly<Record<string, unknown>>): void;
}

export interface StoreSnapshot {
  format: "cf-gitops-emulator-state";
  version: 1;
  accountId: string;
  accountName: string;
  /** Added after the first release of the format; absent in older state files. */
  audit?: AuditEntry[];
  /** The families' keys (zones, records, settings, rulesets, tunnels, lists, ...). */
  [key: string]: unknown;
}

export class EmulatorStore {
  accountId: string;
  accountName: string;
  /** Oldest first, bounded by audit/recorder.ts. */
  audit: AuditEntry[] = [];
  private readonly slices: readonly StoreSlice<unknown>[];
  private readonly states = new Map<StoreSlice<unknown>, unknown>();

  constructor(accountId: string, slices: readonly StoreSlice<unknown>[], accountName = "cf-gitops emulator account") {
    this.accountId = accountId;
    this.accountName = accountName;
    this.slices = slices;
  }

  /** A family's state (created empty on first use, and after clear). */
  slice<State>(slice: StoreSlice<State>): State {
    if (!this.slices.includes(slice as StoreSlice<unknown>)) throw new Error(`store slice ${slice.keys.join(", ")} is not registered (src/emulator/families/registry.ts)`);
    let state = this.states.get(slice as StoreSlice<unknown>) as State | undefined;
    if (state === undefined) {
      state = slice.create();
      this.states.set(slice as StoreSlice<unknown>, state);
    }
    return state;
  }

  clear(): void {
    this.states.clear();
    this.audit = [];
  }

  toSnapshot(): StoreSnapshot {
    const snapshot: StoreSnapshot = { format: "cf-gitops-emulator-state", version: 1, accountId: this.accountId, accountName: this.accountName };
    for (const slice of this.slices) Object.assign(snapshot, slice.snapshot(this.slice(slice)));
    snapshot.audit = this.audit;
    return snapshot;
  }

  load(snapshot: StoreSnapshot): void {
    this.clear();
    this.accountId = snapshot.accountId;
    this.accountName = snapshot.accountName;
    for (const slice of this.slices) slice.load(this.slice(slice), snapshot);
    this.audit = snapshot.audit ?? [];
  }
}
