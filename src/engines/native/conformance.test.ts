// The shared engine conformance suite, run against the native engine and the in-process emulator.
import { silentLogger } from "../../shared/logger.ts";
import { defineEngineConformance } from "../engine.case.ts";
import { createNativeEngine } from "./index.ts";

defineEngineConformance("native", (target) =>
  createNativeEngine({ apiToken: target.apiToken, baseUrl: target.baseUrl, accountId: target.accountId, log: silentLogger() }),
);
