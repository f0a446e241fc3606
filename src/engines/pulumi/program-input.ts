// What the inline program needs besides the desired state: ids looked up before it runs.
// Kept free of @pulumi/* imports so the adapter can prepare it before loading the SDK.
import type { DesiredState } from "../../desired-state/types.ts";
import type { Resolved } from "../../plan/expand.ts";
import type { StateResource } from "./adapter.ts";

export interface ProgramInput {
  desired: DesiredState;
  accountId: string;
  /** zone name -> Cloudflare zone id, for every zone in desired state and every service hostname's zone. */
  zoneIds: Record<string, string>;
  /** kind -> names its native adapter resolved (tunnel-service: tunnel name -> tunnel id). */
  resolved: Record<string, Record<string, string>>;
  /** logical name -> Pulumi import id, for objects that exist live but are not in the stack's state yet. */
  imports: Record<string, string>;
  /** logical name -> how an import is declared: inputs Pulumi ignores while importing, and the adapter's hints. */
  adopting?: Record<string, AdoptingInput>;
  /** The provider's API base URL (the emulator in tests); Cloudflare's own when absent. */
  baseUrl?: string;
  /** The stack's state before the run (adapters may alias earlier logical names). */
  state?: StateResource[];
}

export interface AdoptingInput {
  ignoreChanges?: string[];
  hints?: Record<string, unknown>;
}

export function resolvedMaps(resolved: Record<string, Record<string, string>>): Resolved {
  return new Map(Object.entries(resolved).map(([kind, names]) => [kind, new Map(Object.entries(names))]));
}
