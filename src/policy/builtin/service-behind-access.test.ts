import { describe, expect, it } from "vitest";
import type { AccessBlockSpec } from "../../kinds/shared/access/block.ts";
import { check, state, svc } from "../test-fixtures.ts";
import { serviceBehindAccess as policy } from "./service-behind-access.ts";

const at = { file: "desired-state/services/app.yaml", line: 5, column: 3 };
const block = (extra: Partial<AccessBlockSpec>): AccessBlockSpec => ({ public: false, allow: [], require: [], deny: [], keys: [], source: at, ...extra });
const rule = (type: string, ...values: string[]) => ({ type, values, list: values.length > 1, extra: [], source: at });

describe("service-behind-access", () => {
  it.each([
    ["an allow list", block({ allow: [rule("email", "me@example.com")], keys: ["allow"] })],
    ["public: true", block({ public: true, keys: ["public"] })],
  ])("passes a service with %s", async (_what, access) => {
    expect(await check(policy, state([], [{ ...svc("app", "app.example.com", "http://localhost:3000"), access }]))).toEqual([]);
  });

  it.each([["a service file without access:", svc("app", "app.example.com", "http://localhost:3000")]])("fails %s, at the service", async (_what, service) => {
    const found = await check(policy, state([], [service]));
    expect(found).toEqual([{ resource: "services/app", message: "service app publishes app.example.com with no access: block, so anyone on the internet can reach it", source: service.source }]);
  });

  it("passes a second service on a hostname whose Access application another service declares (one application per hostname)", async () => {
    const guarded = { ...svc("app", "app.example.com", "http://localhost:3000"), access: block({ allow: [rule("email", "me@example.com")], keys: ["allow"] }) };
    const api = { ...svc("app-api", "app.example.com", "http://localhost:3001"), path: "^/api/" };
    expect(await check(policy, state([], [guarded, api]))).toEqual([]);
    expect(await check(policy, state([], [api]))).toHaveLength(1);
  });

  it("is advisory by default (repositories written before access: are not blocked by an upgrade)", () => {
    expect(policy.level).toBe("advisory");
  });
});
