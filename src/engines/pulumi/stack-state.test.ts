import type { automation } from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { AbortedError, CfGitopsError, EngineBusyError } from "../../shared/errors.ts";
import { mapPulumiError } from "./errors.ts";
import { clearPendingOperations, namesInState } from "./stack-state.ts";

const urn = (name: string) => `urn:pulumi:default::cf-gitops::cloudflare:index/dnsRecord:DnsRecord::${name}`;

function deployment(pending: unknown[]): automation.Deployment {
  return {
    version: 3,
    deployment: {
      manifest: {},
      resources: [{ urn: urn("example.com/dns/www/A/192.0.2.1") }, { urn: "urn:pulumi:default::cf-gitops::pulumi:pulumi:Stack::cf-gitops-default" }],
      pending_operations: pending,
    },
  };
}

/** A stand-in for automation.Stack: only importStack is used by the repair. */
function fakeStack(imported: automation.Deployment[]): automation.Stack {
  return { importStack: async (state: automation.Deployment) => void imported.push(state) } as unknown as automation.Stack;
}

describe("stack state", () => {
  it("lists the logical names in state", () => {
    expect([...namesInState(deployment([]))]).toEqual(["example.com/dns/www/A/192.0.2.1", "cf-gitops-default"]);
  });

  it("drops pending operations left by a crash, imports the state back and warns", async () => {
    const imported: automation.Deployment[] = [];
    const result = await clearPendingOperations(fakeStack(imported), deployment([{ type: "creating", resource: { urn: urn("example.com/dns/api/A/192.0.2.7") } }]));
    expect(imported).toHaveLength(1);
    expect(imported[0]!.deployment.pending_operations).toEqual([]);
    expect(imported[0]!.deployment.resources).toHaveLength(2);
    expect(result.warning).toMatch(/cleared 1 pending Pulumi operation.*creating example.com\/dns\/api\/A\/192.0.2.7/);
  });

  it("leaves a clean state alone", async () => {
    const imported: automation.Deployment[] = [];
    const result = await clearPendingOperations(fakeStack(imported), deployment([]));
    expect(imported).toHaveLength(0);
    expect(result.warning).toBeUndefined();
  });
});

describe("Pulumi failures -> our errors", () => {
  const commandError = (name: string, stderr: string) => Object.assign(new Error(`code: 255\n stderr: ${stderr}`), { name, commandResult: { stderr } });

  it("a locked stack is EngineBusyError", () => {
    const error = mapPulumiError(commandError("ConcurrentUpdateError", "error: the stack is currently locked by 1 lock(s)"), { stack: "default", aborted: false });
    expect(error).toBeInstanceOf(EngineBusyError);
    expect(error.message).toBe("another Pulumi update holds stack default");
  });

  it("a cancelled run is AbortedError", () => {
    expect(mapPulumiError(commandError("CommandError", "error: update canceled"), { stack: "default", aborted: true })).toBeInstanceOf(AbortedError);
  });

  it("anything else keeps the CLI's error lines in one message", () => {
    const error = mapPulumiError(commandError("CommandError", "Updating (default)\n\u001b[31merror: 1 error occurred: [81053] CNAME conflict\u001b[0m\n"), { stack: "default", aborted: false });
    expect(error).toBeInstanceOf(CfGitopsError);
    expect(error.message).toBe("pulumi failed for stack default: error: 1 error occurred: [81053] CNAME conflict");
  });
});
