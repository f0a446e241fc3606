// The shared engine conformance suite against the Pulumi engine: the real pulumi CLI and the
// cloudflare plugin, with the provider's baseUrl pointed at the in-process emulator. Skips (with
// one printed line) when the CLI is not on PATH, as on machines that cannot download it.
import { silentLogger } from "../../shared/logger.ts";
import { defineEngineConformance } from "../engine.case.ts";
import { findPulumiCli } from "./cli.ts";
import { createPulumiEngine } from "./index.ts";

const cli = findPulumiCli();
if (!cli && process.env.CFGITOPS_REQUIRE_PULUMI === "1") {
  throw new Error("CFGITOPS_REQUIRE_PULUMI=1 but the pulumi CLI is not on PATH");
}

defineEngineConformance(
  "pulumi",
  (target) =>
    createPulumiEngine({
      dataDir: target.dataDir,
      apiToken: target.apiToken,
      baseUrl: target.baseUrl,
      accountId: target.accountId,
      log: silentLogger(),
      // the suite's file backend is a fresh temporary one on purpose: not the CI refusal's case
      env: { ...process.env, PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "conformance", PULUMI_BACKEND_URL: "", CFGITOPS_ALLOW_FILE_BACKEND: "1" },
    }),
  cli ? { timeoutMs: 300_000 } : { skipReason: "the pulumi CLI is not on PATH (install it with `curl -fsSL https://get.pulumi.com | sh`)" },
);
