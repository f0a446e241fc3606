// docs/emulator.md's table of routes, from the family registry (written by `npm run schemas`).
import type { EmulatorFamily } from "./family.ts";
import { auditNames, families } from "./registry.ts";
import { Router } from "../router.ts";

/** One row per family: its templates, each with the methods it answers. */
export function familyRoutesTable(list: readonly EmulatorFamily[] = families): string {
  const rows = list.map((family) => {
    const router = new Router();
    family.routes(router, { audit: auditNames(list) });
    const methods = new Map<string, string[]>();
    for (const route of router.list()) methods.set(route.template, [...(methods.get(route.template) ?? []), route.method]);
    const routes = [...methods].map(([template, verbs]) => `\`${verbs.join("\\|")} ${template}\``).join(", ");
    return `| ${family.name} | ${routes} |`;
  });
  return ["| family | routes |", "|---|---|", ...rows].join("\n");
}
