// policies/policy.yaml for a new configuration repository: every built-in policy at its own
// default level (safety policies first), and the example custom policy.
import { builtinPolicies } from "../policy/registry.ts";
import type { AnyPolicy } from "../policy/types.ts";

/** Stricter than their defaults in a new repository (the defaults spare repositories written before them). */
const scaffoldLevels: Record<string, AnyPolicy["level"]> = { "service-behind-access": "mandatory" };

const levelOf = (policy: AnyPolicy) => scaffoldLevels[policy.id] ?? policy.level;

function entries(policies: readonly AnyPolicy[]): string[] {
  return policies.flatMap((policy) => [`  ${policy.id}: { level: ${levelOf(policy)} }`, `    # ${policy.description}`]);
}

export function initialPolicyConfig(examplePolicyId: string): string {
  const mandatory = builtinPolicies.filter((policy) => levelOf(policy) === "mandatory");
  const others = builtinPolicies.filter((policy) => levelOf(policy) !== "mandatory");
  return [
    "# yaml-language-server: $schema=../node_modules/cf-gitops/schemas/policy.schema.json",
    "# Policy configuration: enforcement levels, parameters and exemptions. Levels: mandatory (blocks",
    "# plan/apply and fails `cf-gitops policy`), advisory (a warning), disabled (does not run).",
    "# Each policy's parameters and defaults: the schema above (your editor completes them).",
    "",
    "# A policy's level: its entry below, else its own `level`, else this default (a custom policy",
    "# in policies/*.ts may leave `level` out). `npx cf-gitops policy` shows where each level came from.",
    "default: advisory",
    "",
    "policies:",
    "  # Safety: these stop a change before any write call.",
    ...entries(mandatory),
    "",
    "  # Hygiene: reported as warnings.",
    ...entries(others),
    "",
    `  # The example custom policy in policies/${examplePolicyId}.ts.`,
    `  ${examplePolicyId}: { level: advisory }`,
    "",
    "# Resources a policy does not apply to: a resource id, a glob, or a leading part of ids",
    "# (example.com = the whole zone). An expired exemption stops applying and shows as a warning.",
    "exemptions: []",
    "# exemptions:",
    "#   - policy: max-deletions",
    "#     resource: example.com",
    "#     reason: moving the zone's records to example.org (PR #42)",
    "#     expires: 2026-12-31",
    "",
  ].join("\n");
}
