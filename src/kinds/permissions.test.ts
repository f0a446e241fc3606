// The token permissions come from the kinds: init's next steps name every registered kind's
// groups, each once, in Cloudflare's spelling (scope › group › level).
import { describe, expect, it } from "vitest";
import { nextSteps } from "../cli/init.ts";
import { apiPermissionName, permissionName, permissionsOf, tokenHint } from "./permissions.ts";
import { kinds } from "./registry.ts";

describe("token permissions from the registry", () => {
  it("init's next steps name every registered kind's permissions, to edit, after reading the zones", () => {
    const steps = nextSteps(".", true, true, false);
    expect(steps).toContain(tokenHint());
    for (const kind of kinds) for (const permission of kind.permissions) expect(steps, kind.id).toContain(permissionName(permission, "Edit"));
    expect(tokenHint()).toMatch(/^a token with Zone › Zone › Read, Zone › DNS › Edit, /);
  });

  it("lists each group once, and spells the API's names with Write", () => {
    const names = permissionsOf().map((permission) => `${permission.scope} ${permission.group}`);
    expect(new Set(names).size).toBe(names.length);
    expect(apiPermissionName({ scope: "Zone", group: "Cache Rules", api: "Cache Settings" }, "Edit")).toBe("Cache Settings Write");
    expect(apiPermissionName({ scope: "Zone", group: "DNS" }, "Read")).toBe("DNS Read");
  });
});
