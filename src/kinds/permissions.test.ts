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
    // a group one kind only reads (names looked up) and another writes is asked for once, to edit
    const written = new Set(kinds.flatMap((kind) => kind.permissions.filter((permission) => !permission.readOnly).map((permission) => permission.group)));
    for (const kind of kinds) for (const permission of kind.permissions) expect(steps, kind.id).toContain(permissionName({ ...permission, readOnly: permission.readOnly && !written.has(permission.group) }, "Edit"));
    expect(tokenHint()).toMatch(/^a token with Zone › Zone › Read, Zone › DNS › Edit, /);
  });

  it("lists each group once, and spells the API's names with Write", () => {
    const names = permissionsOf().map((permission) => `${permission.scope} ${permission.group}`);
    expect(new Set(names).size).toBe(names.length);
    expect(apiPermissionName({ scope: "Zone", group: "Cache Rules", api: "Cache Settings" }, "Edit")).toBe("Cache Settings Write");
    expect(apiPermissionName({ scope: "Zone", group: "DNS" }, "Read")).toBe("DNS Read");
    // only read (service tokens by name): Read even where the others need Edit
    expect(permissionName({ scope: "Account", group: "Access: Service Tokens", readOnly: true }, "Edit")).toBe("Account › Access: Service Tokens › Read");
    expect(apiPermissionName({ scope: "Account", group: "Access: Service Tokens", readOnly: true }, "Edit")).toBe("Access: Service Tokens Read");
    expect(tokenHint()).toContain("Account › Access: Organizations, Identity Providers, and Groups › Edit, Account › Access: Service Tokens › Read, Account › Access: Apps and Policies › Edit");
  });
});
