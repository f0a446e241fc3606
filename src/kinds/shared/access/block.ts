// A service file's `access:` block: who may reach the service through Cloudflare Access, or
// `public: true` to say it is meant to be open. It becomes an Access application (self_hosted) for
// the service's hostname and one reusable policy (Access's include = allow, require = require,
// exclude = deny).
import type { SourceLocation } from "../../../desired-state/types.ts";
import type { BuildContext, JsonSchema } from "../../kind.ts";
import { isRecord } from "../../kind.ts";
import { durationPattern } from "./duration.ts";
import { buildRules, ruleListSchema, type AccessRuleSpec } from "./rules.ts";

export interface AccessBlockSpec {
  /** `public: true`: no Access application (one at the hostname is removed). */
  public: boolean;
  session_duration?: string;
  /** Any one lets a person in (Access "include"). */
  allow: AccessRuleSpec[];
  /** Every one must also hold (Access "require"). */
  require: AccessRuleSpec[];
  /** None may hold (Access "exclude"). */
  deny: AccessRuleSpec[];
  /** The keys written, in order. */
  keys: string[];
  source: SourceLocation;
}

export const accessBlockSchema: JsonSchema = {
  title: "Access",
  description: "Who may reach the service: a Cloudflare Access application for its hostname. `public: true` says it is meant to be open to everyone.",
  type: "object",
  additionalProperties: false,
  properties: {
    public: { description: "The service is meant to be open: no Access application (one made elsewhere for the hostname is removed). Not together with rules.", type: "boolean" },
    session_duration: { description: "How long a login lasts, e.g. 24h (the default), 30m, 1h30m.", type: "string", pattern: durationPattern },
    allow: ruleListSchema("Any one of these lets a person in (Access include). Required unless public."),
    require: ruleListSchema("Every one of these must also hold (Access require)."),
    deny: ruleListSchema("None of these may hold (Access exclude)."),
  },
};

/** The block of a service file's raw mapping, registered for the rules; undefined when the file has none. */
export function buildAccessBlock(raw: unknown, ctx: BuildContext): AccessBlockSpec | undefined {
  if (!isRecord(raw)) return undefined;
  const source = ctx.at(["access"]);
  const block: AccessBlockSpec = {
    public: raw.public === true,
    allow: buildRules(raw.allow, ["access", "allow"], ctx),
    require: buildRules(raw.require, ["access", "require"], ctx),
    deny: buildRules(raw.deny, ["access", "deny"], ctx),
    keys: Object.keys(raw),
    source,
  };
  if (typeof raw.session_duration === "string") block.session_duration = raw.session_duration;
  ctx.register(block, ["access"], source);
  return block;
}

/** Whether the block declares an application (rules, not public). */
export function declaresApplication(block: AccessBlockSpec | undefined): block is AccessBlockSpec {
  return block !== undefined && !block.public;
}
