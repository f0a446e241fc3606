// What a run's outcome leaves in history, as the page and the API read it back.
import { describe, expect, it } from "vitest";
import { openHistory } from "../history/store.ts";
import type { PolicyReport } from "../policy/index.ts";
import { buildStatusModel } from "../status/model.ts";
import { renderStatusPage } from "../status/page/render.ts";
import { historyRecorder } from "./history-recorder.ts";

describe("history recorder", () => {
  it("keeps why a policy failed to load or run, and the page shows it escaped in Details", () => {
    const history = openHistory(":memory:");
    const recorder = historyRecorder(history);
    const runId = recorder.start({ stack: "default", kind: "apply", triggers: ["webhook"] });
    const note = "cannot load custom policy: SyntaxError: Unexpected token '<img src=x onerror=alert(1)>'";
    const policy: PolicyReport = {
      results: [
        { id: "no-open-admin", description: "custom policy in policies/no-open-admin.ts", level: "mandatory", status: "error", violations: 0, exempted: 0, origin: "policies/no-open-admin.ts", note },
        { id: "ttl-range", description: "TTLs in range", level: "advisory", status: "passed", violations: 0, exempted: 0, origin: "builtin" },
      ],
      violations: [], exempted: [], diagnostics: [], blocked: true,
    };
    recorder.finish({ runId, stack: "default", kind: "apply", triggers: ["webhook"], result: "blocked", startedAt: 0, finishedAt: 1, branch: "main", diagnostics: [], outcomes: [], policy });
    expect(history.getRun(runId)?.policy).toEqual([
      { policy: "no-open-admin", level: "mandatory", status: "error", message: note, violations: [] },
      { policy: "ttl-range", level: "advisory", status: "passed", violations: [] },
    ]);
    const page = renderStatusPage(buildStatusModel(history, { stacks: [{ name: "default" }] }));
    const row = /<th scope="row"><code>no-open-admin<\/code><\/th>[\s\S]*?<\/tr>/.exec(page)?.[0] ?? "";
    expect(row).toContain("cannot load custom policy: SyntaxError: Unexpected token &#39;&lt;img src=x onerror=alert(1)&gt;&#39;");
    expect(page).not.toContain("<img src=x");
    history.close();
  });

  it("records what git declared per zone and kind, which the page's inventory reads from the newest successful apply", () => {
    const history = openHistory(":memory:");
    const recorder = historyRecorder(history);
    const runId = recorder.start({ stack: "default", kind: "apply", triggers: ["poll"] });
    const managed = [{ zone: "example.com", kind: "dns-record", count: 3 }, { zone: "account", kind: "list", count: 1 }];
    recorder.finish({ runId, stack: "default", kind: "apply", triggers: ["poll"], result: "success", startedAt: 0, finishedAt: 1, branch: "main", diagnostics: [], outcomes: [], managed });
    expect(history.latestInventory("default")?.counts).toEqual([
      { zone: "account", kind: "list", count: 1 },
      { zone: "example.com", kind: "dns-record", count: 3 },
    ]);
    history.close();
  });
});
