// Rules for a service's access: block, at the key or value they are about: public: true takes no
// rules, an application needs allow (Access's include), and every rule list is checked (types,
// values, groups that have a file, no "any of" in require).
import type { StateRule } from "../kind.ts";
import { checkRuleList } from "../shared/access/checks.ts";

const ruleKeys = ["allow", "require", "deny", "session_duration"];

export const accessBlockRule: StateRule = {
  name: "access-block",
  check({ state, locate }, report) {
    const groups = new Set((state.accessGroups ?? []).map((group) => group.group));
    for (const service of state.services) {
      const block = service.access;
      if (!block) continue;
      const rules = block.keys.filter((key) => ruleKeys.includes(key));
      if (block.public) {
        if (rules.length > 0) {
          report(
            { code: "access-public-with-rules", message: `service "${service.service}": public: true says it is open to everyone, so it takes no ${rules.join(", ")}`, hint: "remove public: true to put the service behind Access, or remove its rules to keep it open" },
            locate(block, "public"),
          );
        }
        continue;
      }
      if (block.allow.length === 0) {
        report(
          { code: "access-no-allow", message: `service "${service.service}": access needs allow (Access lets in only those an allow rule names)`, hint: "e.g. allow: [- email: you@example.com]; or public: true for a service meant to be open" },
          locate(block, block.keys.includes("allow") ? "allow" : undefined),
        );
      }
      const owner = `service "${service.service}"`;
      for (const list of ["allow", "require", "deny"] as const) checkRuleList(block[list], { list, every: list === "require", groups, owner, locate, report });
    }
  },
};
