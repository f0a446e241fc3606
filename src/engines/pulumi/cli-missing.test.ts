// The real CLI process, with a PATH that has no pulumi: one clear error, the install hint, exit 1.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { token } from "../../../test/native-support.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(`${root}node_modules/.bin/node`, [`${root}bin/cf-gitops.js`, ...args], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("cf-gitops plan --engine pulumi without the pulumi CLI", () => {
  it("exits 1 with the install hint and no stack trace", async () => {
    const env = { PATH: "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", CLOUDFLARE_API_TOKEN: token, CLOUDFLARE_BASE_URL: "http://127.0.0.1:9/client/v4" };
    const result = await runCli(["plan", "--engine", "pulumi"], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("error: the pulumi CLI is not on PATH");
    expect(result.stderr).toContain("curl -fsSL https://get.pulumi.com | sh");
    expect(result.stderr).toContain("arm64");
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr.trim().split("\n")).toHaveLength(2);
  });
});
