// Reads policies/policy.yaml: top-level keys `default`, `policies` and `exemptions`.
// Every problem is a diagnostic with file, line and column; a bad entry is dropped, never guessed at.
import { isMap, isSeq } from "yaml";
import type { Diagnostic } from "../desired-state/types.ts";
import { parseExemptions, type Exemption } from "./exemptions.ts";
import { resolveParams } from "./params.ts";
import { closest } from "./suggest.ts";
import { enforcementLevels, type AnyPolicy, type EnforcementLevel, type LevelSource } from "./types.ts";
import { parseYamlSource, type YamlSource } from "./yaml-source.ts";

export const policyConfigFile = "policies/policy.yaml";

export interface PolicySetting {
  level?: EnforcementLevel;
  /** Validated params with defaults; undefined when they were invalid (the policy then cannot run). */
  params?: Record<string, unknown>;
  paramsInvalid?: boolean;
  /** The parameters written in the file (the others are defaults). */
  given?: string[];
}

export interface PolicyConfig {
  default?: EnforcementLevel;
  policies: Map<string, PolicySetting>;
  exemptions: Exemption[];
}

const topLevelKeys = ["default", "policies", "exemptions"];

function isLevel(value: unknown): value is EnforcementLevel {
  return enforcementLevels.includes(value as EnforcementLevel);
}

/** `file` names the file in diagnostics: policies/policy.yaml, or the policy floor (floor.ts). */
export function interpretPolicyConfig(
  text: string | undefined, known: Map<string, AnyPolicy>, now: Date, file = policyConfigFile,
): { config: PolicyConfig; diagnostics: Diagnostic[] } {
  const config: PolicyConfig = { policies: new Map(), exemptions: [] };
  if (text === undefined || text.trim() === "") return { config, diagnostics: [] };
  const { source, diagnostics } = parseYamlSource(text, file);
  if (diagnostics.length > 0) return { config, diagnostics };
  const error = (where: ReturnType<YamlSource["at"]>, code: string, message: string, hint?: string): void => {
    diagnostics.push({ ...where, severity: "error", code, message, ...(hint ? { hint } : {}) });
  };
  const root = source.doc.contents;
  if (root === null) return { config, diagnostics };
  if (!isMap(root)) {
    error(source.at([]), "policy-config-invalid", `${file} must be a mapping with the keys ${topLevelKeys.join(", ")}`);
    return { config, diagnostics };
  }
  const data = source.doc.toJS() as Record<string, unknown>;
  for (const key of Object.keys(data)) {
    if (!topLevelKeys.includes(key)) error(source.keyAt([key]), "policy-config-invalid", `unknown top-level key "${key}"`, `allowed keys: ${topLevelKeys.join(", ")}`);
  }
  if (data.default !== undefined) {
    if (isLevel(data.default)) config.default = data.default;
    else error(source.at(["default"]), "policy-config-bad-level", `default: "${String(data.default)}" is not an enforcement level`, `use one of ${enforcementLevels.join(", ")}`);
  }
  readPolicies(source, data.policies, known, config, error);
  if (data.exemptions !== undefined) {
    if (!isSeq(source.doc.getIn(["exemptions"], true))) error(source.at(["exemptions"]), "policy-config-invalid", "exemptions must be a list");
    else config.exemptions = parseExemptions(source, data.exemptions as unknown[], known, now, diagnostics);
  }
  return { config, diagnostics };
}

type ReportError = (where: ReturnType<YamlSource["at"]>, code: string, message: string, hint?: string) => void;

function readPolicies(source: YamlSource, value: unknown, known: Map<string, AnyPolicy>, config: PolicyConfig, error: ReportError): void {
  if (value === undefined || value === null) return;
  if (!isMap(source.doc.getIn(["policies"], true))) {
    error(source.at(["policies"]), "policy-config-invalid", "policies must be a mapping of policy id to { level, params }");
    return;
  }
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    const policy = known.get(id);
    if (!policy) {
      const guess = closest(id, [...known.keys()]);
      error(source.keyAt(["policies", id]), "policy-config-unknown-policy", `unknown policy "${id}"`, guess ? `did you mean "${guess}"?` : "see docs/policies.md for the built-in policy ids");
      continue;
    }
    const setting: PolicySetting = {};
    const fields = entry === null || entry === undefined ? {} : entry;
    if (typeof fields !== "object" || Array.isArray(fields)) {
      error(source.at(["policies", id]), "policy-config-invalid", `policies.${id} must be a mapping with level and/or params`);
      continue;
    }
    for (const key of Object.keys(fields)) {
      if (key !== "level" && key !== "params") error(source.keyAt(["policies", id, key]), "policy-config-invalid", `policies.${id}: unknown key "${key}"`, "allowed keys: level, params");
    }
    const { level, params } = fields as { level?: unknown; params?: unknown };
    if (level !== undefined) {
      if (isLevel(level)) setting.level = level;
      else error(source.at(["policies", id, "level"]), "policy-config-bad-level", `policies.${id}.level: "${String(level)}" is not an enforcement level`, `use one of ${enforcementLevels.join(", ")}`);
    }
    if (params !== null && typeof params === "object" && !Array.isArray(params)) setting.given = Object.keys(params);
    const resolved = resolveParams(policy, params);
    if (resolved.ok) setting.params = resolved.params;
    else {
      setting.paramsInvalid = true;
      for (const problem of resolved.problems) {
        const path = ["params", ...problem.path.split("/").filter(Boolean)].map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        const at = problem.key ? source.keyAt(["policies", id, ...path]) : source.at(["policies", id, ...path]);
        error(at, "policy-config-bad-params", `policies.${id}: ${problem.message}`, `see the parameters of ${id} in docs/policies.md`);
      }
    }
    config.policies.set(id, setting);
  }
}

/**
 * A policy's level from a policy file, before the floor (ADR 28): the file's entry for the policy,
 * else the policy's own `level`, else the file's `default`, else advisory.
 */
export function configuredLevel(
  config: PolicyConfig, policy: Pick<AnyPolicy, "id" | "level">, locate: YamlSource | undefined, file = policyConfigFile,
): { level: EnforcementLevel; levelFrom: LevelSource } {
  const at = (path: (string | number)[]): { file: string; line?: number } => {
    const location = locate?.at(path);
    return location ? { file: location.file, line: location.line } : { file };
  };
  const entry = config.policies.get(policy.id)?.level;
  if (entry !== undefined) return { level: entry, levelFrom: { from: "entry", ...at(["policies", policy.id, "level"]) } };
  if (policy.level !== undefined) return { level: policy.level, levelFrom: { from: "policy" } };
  if (config.default !== undefined) return { level: config.default, levelFrom: { from: "default", ...at(["default"]) } };
  return { level: "advisory", levelFrom: { from: "fallback" } };
}
