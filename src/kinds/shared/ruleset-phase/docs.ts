// The docs' rows of a ruleset-phase kind (README, native-engine.md, pulumi.md, policies.md,
// security.md, architecture.md), which are the same sentence for every phase.
import type { KindDocs } from "../../kind.ts";
import type { RulesetPhase } from "./phase.ts";

/** `what`: the product in Cloudflare's words ("URL rewrite rules (Transform Rules)"). */
export function phaseDocs(phase: Pick<RulesetPhase, "key" | "phase" | "noun">, what: string): KindDocs {
  const key = `\`${phase.key}:\``;
  return {
    model: "ruleset phase",
    what: `${what} (phase \`${phase.phase}\`), in order`,
    owns: [[key, `every rule of phase ${phase.phase}, in order`, "the phase, while the key is absent"]],
    pulumi: [[`${phase.noun}s of a zone`, `one \`cloudflare.Ruleset\` (\`${phase.phase}\`), rules in order with their \`ref\``, `\`example.com/${phase.key}\``]],
    ids: [[phase.noun, `\`example.com/${phase.key}/<ref>\``]],
    calls: "the phase's entrypoint ruleset",
    importNone: `no ${key} key`,
  };
}
