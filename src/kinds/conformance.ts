// What each kind gives the shared engine conformance suite (src/engines/engine.case.ts): its part
// of the desired state at each step, the changes every engine must plan for it, and a change made
// behind cf-gitops' back for the drift step. The suite runs every kind's scenario at once.

/** A kind's part of the desired state at one step, and the plan every engine must show for it. */
export interface ScenarioStep {
  /** Lines of the zone file (example.com) this kind owns, e.g. ["dns:", "  - { ... }"]. */
  zone?: string[];
  /** Files of its own, by path under the repository; null deletes the file. */
  files?: Record<string, string | null>;
  /** "op kind id [sorted fields]" lines; {tunnel} is the tunnel's id. */
  expect: string[];
}

/** The Cloudflare API as anyone but cf-gitops would use it (the emulator's /client/v4). */
export interface ConformanceApi {
  zoneId: string;
  accountId: string;
  tunnelId: string;
  /** One call; resolves with the envelope's `result`. */
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

export interface DriftStep {
  edit(api: ConformanceApi): Promise<void>;
  /** The drift report: before = live, after = git. */
  expect: string[];
  /** Further checks of the drift report's changes (values on either side). */
  check?(changes: readonly { id: string; before?: unknown; after?: unknown }[]): void;
}

/** The scenario every kind runs: create, update, delete (or rename), then drift and its restore. */
export interface KindScenario {
  create: ScenarioStep;
  update: ScenarioStep;
  remove: ScenarioStep;
  drift: DriftStep;
}
