export { openHistory, HistoryStore, interruptedMessage, type OpenHistoryOptions, type ListRunsOptions } from "./store.ts";
// Kept for the daemon until it imports shared/redact.ts itself.
export { secretValues as secretsFromEnv } from "../shared/redact.ts";
export { HistoryOpenError, fileSystemReason } from "./open-errors.ts";
export { migrate, migrations, latestSchemaVersion, schemaVersion } from "./migrations.ts";
export { changesWithOutcomes, driftItemsFromChanges, historyFile } from "./adapters.ts";
export type * from "./types.ts";
