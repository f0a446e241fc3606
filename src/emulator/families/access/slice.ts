// The Access family's store slice (state file key `access`): applications, reusable policies,
// groups, service tokens (never their secrets) and identity providers (login methods).
import type { EmulatorStore } from "../../store.ts";
import { defineSlice } from "../family.ts";

export type Rule = Record<string, unknown>;

export interface AccessApp extends Record<string, unknown> {
  id: string;
  type: string;
  name: string;
  domain: string;
  /** Linked reusable policies. */
  links: { id: string; precedence: number }[];
  created_at: string;
  updated_at: string;
}

export interface AccessPolicy {
  id: string;
  name: string;
  decision: string;
  include: Rule[];
  require: Rule[];
  exclude: Rule[];
  session_duration?: string;
  created_at: string;
  updated_at: string;
}

export interface AccessGroup {
  id: string;
  name: string;
  include: Rule[];
  require: Rule[];
  exclude: Rule[];
  created_at: string;
  updated_at: string;
}

export interface ServiceToken {
  id: string;
  name: string;
  client_id: string;
  duration: string;
  expires_at: string;
  created_at: string;
  updated_at: string;
}

export interface IdentityProvider {
  id: string;
  name: string;
  type: string;
  config: Record<string, unknown>;
}

export interface AccessState {
  apps: AccessApp[];
  policies: AccessPolicy[];
  groups: AccessGroup[];
  serviceTokens: ServiceToken[];
  identityProviders: IdentityProvider[];
}

export const accessSlice = defineSlice<AccessState>({
  keys: ["access"],
  create: () => ({ apps: [], policies: [], groups: [], serviceTokens: [], identityProviders: [] }),
  snapshot: (state) => ({ access: state }),
  load(state, snapshot) {
    const saved = (snapshot.access ?? {}) as Partial<AccessState>;
    state.apps.push(...(saved.apps ?? []));
    state.policies.push(...(saved.policies ?? []));
    state.groups.push(...(saved.groups ?? []));
    state.serviceTokens.push(...(saved.serviceTokens ?? []));
    state.identityProviders.push(...(saved.identityProviders ?? []));
  },
});

export function accessOf(store: EmulatorStore): AccessState {
  return store.slice(accessSlice);
}
