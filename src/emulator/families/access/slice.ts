// The Access family's store slice (state file keys accessApps, accessPolicies, accessGroups,
// accessServiceTokens, accessIdentityProviders): applications, reusable policies,
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

const keys = { apps: "accessApps", policies: "accessPolicies", groups: "accessGroups", serviceTokens: "accessServiceTokens", identityProviders: "accessIdentityProviders" } as const;

export const accessSlice = defineSlice<AccessState>({
  keys: Object.values(keys),
  create: () => ({ apps: [], policies: [], groups: [], serviceTokens: [], identityProviders: [] }),
  snapshot: (state) => Object.fromEntries(Object.entries(keys).map(([field, key]) => [key, state[field as keyof AccessState]])),
  load(state, snapshot) {
    for (const [field, key] of Object.entries(keys)) (state[field as keyof AccessState] as unknown[]).push(...((snapshot[key] as unknown[] | undefined) ?? []));
  },
});

export function accessOf(store: EmulatorStore): AccessState {
  return store.slice(accessSlice);
}
