// The zone settings part of the engine conformance suite: two settings set, one changed, one no
// longer listed (it stops being managed: no change), and one changed in the dashboard as drift.
import type { KindScenario } from "../conformance.ts";

export const scenario: KindScenario = {
  create: {
    zone: ["settings:", "  ssl: strict", '  min_tls_version: "1.2"'],
    expect: ["update zone-settings example.com/settings/min_tls_version [value]", "update zone-settings example.com/settings/ssl [value]"],
  },
  update: {
    zone: ["settings:", "  ssl: full", '  min_tls_version: "1.2"'],
    expect: ["update zone-settings example.com/settings/ssl [value]"],
  },
  remove: {
    zone: ["settings:", "  ssl: full"],
    expect: [],
  },
  drift: {
    async edit(api) {
      await api.request("PATCH", `/zones/${api.zoneId}/settings/ssl`, { value: "flexible" });
    },
    expect: ["update zone-settings example.com/settings/ssl [value]"],
  },
};
