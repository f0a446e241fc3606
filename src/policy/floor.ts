// The policy floor (issue 11 item 9): a policy file outside the repository, named by
// --policy-floor or CFGITOPS_POLICY_FLOOR, in the format of policies/policy.yaml. The repository's
// policies/policy.yaml can make its levels and parameters stricter, never looser: one commit can no
// longer switch the safety policies off. docs/policies.md#the-policy-floor, ADR 18.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic, SourceLocation } from "../desired-state/types.ts";
import { configuredLevel, interpretPolicyConfig, policyConfigFile, type PolicyConfig } from "./config.ts";
import type { Exemption } from "./exemptions.ts";
import { resolveParams } from "./params.ts";
import { sameValue, tighten } from "./tightening.ts";
import type { AnyPolicy, EnforcementLevel, LevelSource, PolicyFloorResult } from "./types.ts";
import { parseYamlSource, type YamlSource } from "./yaml-source.ts";

/** The environment variable that names the floor when --policy-floor is not given. */
export const policyFloorVariable = "CFGITOPS_POLICY_FLOOR";

/** --policy-floor, else $CFGITOPS_POLICY_FLOOR, as an absolute path (undefined: no floor). */
export function policyFloorPath(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const given = flag ?? env[policyFloorVariable];
  return given ? path.resolve(cwd, given) : undefined;
}

/** A policy file as read: its settings and where each is written. */
export interface PolicySource {
  file: string;
  config: PolicyConfig;
  locate: YamlSource | undefined;
}

/** Reads the floor; a floor that is named but missing or broken is an error (a broken gate must not open). */
export async function loadPolicyFloor(file: string, known: Map<string, AnyPolicy>, now: Date, root: string): Promise<{ floor: PolicySource; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  let text: string | undefined;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    diagnostics.push({ file, line: 1, column: 1, severity: "error", code: "policy-floor-unreadable", message: `cannot read the policy floor ${file}: ${code}`, hint: "fix --policy-floor or CFGITOPS_POLICY_FLOOR; nothing is applied without the floor it names" });
  }
  const relative = path.relative(root, file);
  if (!relative.startsWith("..") && !path.isAbsolute(relative)) {
    diagnostics.push({ file, line: 1, column: 1, severity: "warning", code: "policy-floor-in-repository", message: `the policy floor ${file} is inside the repository, where a commit can change it`, hint: "keep the floor outside the repository, e.g. /etc/cf-gitops/policy-floor.yaml" });
  }
  const interpreted = interpretPolicyConfig(text, known, now, file);
  diagnostics.push(...interpreted.diagnostics);
  return { floor: { file, config: interpreted.config, locate: text === undefined ? undefined : parseYamlSource(text, file).source }, diagnostics };
}

const strength: Record<EnforcementLevel, number> = { disabled: 0, advisory: 1, mandatory: 2 };

/** The stricter of a level and a floor's minimum. */
export function atLeast(level: EnforcementLevel, minimum: EnforcementLevel | undefined): EnforcementLevel {
  return minimum !== undefined && strength[minimum] > strength[level] ? minimum : level;
}

function where(source: PolicySource, at: (string | number)[]): SourceLocation {
  return source.locate?.at(at) ?? { file: source.file, line: 1, column: 1 };
}

function cite(location: SourceLocation): string {
  return `${location.file}:${location.line}`;
}

export interface Settled {
  level: EnforcementLevel;
  /** Undefined: the repository's params are invalid (already reported); the policy cannot run. */
  params: Record<string, unknown> | undefined;
  levelFrom: LevelSource;
  floor?: PolicyFloorResult;
}

/** The floor's minimum level for a policy: its own entry, else the floor's `default`. */
export function floorLevel(floor: PolicySource | undefined, id: string): EnforcementLevel | undefined {
  return floor ? (floor.config.policies.get(id)?.level ?? floor.config.default) : undefined;
}

/**
 * One policy's level and params: the repository's, made at least as strict as the floor's. Each
 * loosening the repository writes is refused with a warning at its line.
 */
export function settle(policy: AnyPolicy, repo: PolicySource, floor: PolicySource | undefined, warn: (diagnostic: Diagnostic) => void): Settled {
  const { id } = policy;
  const setting = repo.config.policies.get(id);
  const defaults = resolveParams(policy, {});
  let { level, levelFrom } = configuredLevel(repo.config, policy, repo.locate, repo.file);
  let params = setting ? setting.params : defaults.ok ? defaults.params : undefined;
  const floorSetting = floor?.config.policies.get(id);
  const minimum = floorLevel(floor, id);
  const floorParams = floorSetting?.params && floorSetting.given?.length ? Object.fromEntries(floorSetting.given.map((key) => [key, floorSetting.params![key]])) : undefined;
  if (!floor || (minimum === undefined && !floorParams)) return { level, params, levelFrom };

  const refusals: string[] = [];
  const refused = (at: SourceLocation, message: string): void => {
    refusals.push(`${cite(at)}: ${message}`);
    warn({ ...at, severity: "warning", code: "policy-floor-loosening-refused", message, hint: "the policy floor sets the minimum; change the floor file to loosen it" });
  };
  const applied: string[] = [];
  if (minimum !== undefined && strength[minimum] > strength[level]) {
    const floorAt = where(floor, floorSetting?.level !== undefined ? ["policies", id, "level"] : ["default"]);
    if (levelFrom.from === "entry") {
      refused(where(repo, ["policies", id, "level"]), `policies.${id}.level: ${level} is looser than the policy floor's ${minimum} (${cite(floorAt)}); ${minimum} applies`);
    } else if (levelFrom.from === "default" && floorSetting?.level !== undefined) {
      refused(where(repo, ["default"]), `default: ${level} would make ${id} ${level}, looser than the policy floor's ${minimum} (${cite(floorAt)}); ${minimum} applies`);
    }
    applied.push("level");
    level = minimum;
    levelFrom = { from: "floor", file: floorAt.file, line: floorAt.line };
  }
  if (floorParams && params !== undefined) {
    const merged = { ...params };
    for (const [key, floorValue] of Object.entries(floorParams)) {
      const value = tighten(policy.tightening?.[key], floorValue, params[key]);
      if (sameValue(value, params[key])) continue;
      applied.push(`params.${key}`);
      merged[key] = value;
      if (setting?.given?.includes(key)) {
        const floorAt = where(floor, ["policies", id, "params", key]);
        refused(where(repo, ["policies", id, "params", key]), `policies.${id}.params.${key}: ${JSON.stringify(params[key])} is looser than the policy floor's ${JSON.stringify(floorValue)} (${cite(floorAt)}); ${JSON.stringify(value)} applies`);
      }
    }
    params = merged;
  }
  const floorResult: PolicyFloorResult = { ...(minimum ? { level: minimum } : {}), ...(floorParams ? { params: floorParams } : {}), applied };
  if (refusals.length > 0) floorResult.refused = refusals;
  return { level, params, levelFrom, floor: floorResult };
}

/** A repository `default` looser than the floor's `default`: one warning at its line. */
export function checkDefault(repo: PolicySource, floor: PolicySource | undefined, warn: (diagnostic: Diagnostic) => void): void {
  const repoDefault = repo.config.default;
  const floorDefault = floor?.config.default;
  if (!floor || repoDefault === undefined || floorDefault === undefined || strength[repoDefault] >= strength[floorDefault]) return;
  warn({
    ...where(repo, ["default"]), severity: "warning", code: "policy-floor-loosening-refused",
    message: `default: ${repoDefault} is looser than the policy floor's default ${floorDefault} (${cite(where(floor, ["default"]))}); no policy goes below ${floorDefault}`,
    hint: "the policy floor sets the minimum; change the floor file to loosen it",
  });
}

/**
 * The exemptions that apply: the floor's own, and the repository's except those of a policy the
 * floor makes mandatory (the floor alone exempts from those), each refused with a warning.
 */
export function exemptionsUnderFloor(
  repo: PolicySource, floor: PolicySource | undefined, warn: (diagnostic: Diagnostic) => void, refusedExemptions?: { policy: string; text: string }[],
): Exemption[] {
  if (!floor) return repo.config.exemptions;
  const kept = repo.config.exemptions.filter((exemption) => {
    if (floorLevel(floor, exemption.policy) !== "mandatory") return true;
    refusedExemptions?.push({ policy: exemption.policy, text: `${cite(exemption.source)}: exemption of ${exemption.resource}` });
    warn({
      ...exemption.source, severity: "warning", code: "policy-floor-exemption-refused",
      message: `the exemption of ${exemption.resource} from ${exemption.policy} does not apply: the policy floor (${floor.file}) makes ${exemption.policy} mandatory, and only the floor's own exemptions apply to it`,
      hint: `add the exemption to the floor file if it is acceptable; ${policyConfigFile} cannot exempt from it`,
    });
    return false;
  });
  return [...floor.config.exemptions, ...kept];
}
