import type { automation } from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { AbortedError, CfGitopsError, EngineBusyError } from "../../shared/errors.ts";
import { mapPulumiError } from "./errors.ts";
import { namesInState, stateForApply, withoutPendingOperations } from "./stack-state.ts";

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

describe("stack state", () => {
  it("lists the logical names in state", () => {
    expect([...namesInState(deployment([]))]).toEqual(["example.com/dns/www/A/192.0.2.1", "cf-gitops-default"]);
  });

  it("reads past pending operations left by a crash, in memory only, and warns", () => {
    const state = deployment([{ type: "creating", resource: { urn: urn("example.com/dns/api/A/192.0.2.7") } }]);
    const read = withoutPendingOperations(state);
    expect(read.deployment.deployment.pending_operations).toEqual([]);
    expect(read.deployment.deployment.resources).toHaveLength(2);
    expect(read.warning).toMatch(/1 pending Pulumi operation.*creating example.com\/dns\/api\/A\/192.0.2.7.*the next apply drops them/);
    // the export it came from is untouched
    expect(state.deployment.pending_operations).toHaveLength(1);
    expect(withoutPendingOperations(deployment([])).warning).toBeUndefined();
  });

  it("apply's edit: pending operations dropped, released resources marked retainOnDelete, nothing when there is nothing to do", () => {
    const released = new Set(["example.com/dns/www/A/192.0.2.1"]);
    const edited = stateForApply(deployment([{ type: "updating", resource: { urn: urn("x") } }]), released)!;
    expect(edited.deployment.pending_operations).toEqual([]);
    const resources = edited.deployment.resources as { urn: string; retainOnDelete?: boolean }[];
    expect(resources.map((r) => r.retainOnDelete ?? false)).toEqual([true, false]);
    expect(stateForApply(deployment([]), new Set())).toBeUndefined();
    expect(stateForApply(edited, released)).toBeUndefined();
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
