// The Access policies part of the engine conformance suite. The services are the
// access-application scenario's (a policy comes from a service's access: block): two policies; one's
// allow changed; the other's service made public (its policy goes); an e-mail added to a policy's
// include through the API as drift.
import type { KindScenario } from "../conformance.ts";

export const scenario: KindScenario = {
  create: {
    expect: ["create access-policy access/policies/conf-admin [decision,exclude,include,name,require]", "create access-policy access/policies/conf-wiki [decision,include,name]"],
  },
  update: {
    expect: ["update access-policy access/policies/conf-admin [include]"],
  },
  remove: {
    expect: ["delete access-policy access/policies/conf-wiki [decision,include,name]"],
  },
  drift: {
    async edit(api) {
      const policies = await api.request<{ id: string; name: string; decision: string; include: unknown[]; require?: unknown[]; exclude?: unknown[] }[]>("GET", `/accounts/${api.accountId}/access/policies`);
      const policy = policies.find((candidate) => candidate.name === "conf-admin (cf-gitops)")!;
      await api.request("PUT", `/accounts/${api.accountId}/access/policies/${policy.id}`, { ...policy, include: [...policy.include, { email: { email: "intruder@example.net" } }] });
    },
    expect: ["update access-policy access/policies/conf-admin [include]"],
  },
};
