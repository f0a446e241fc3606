export { openHistory, HistoryStore, interruptedMessage, type OpenHistoryOptions, type ListRunsOptions } from "./store.ts";
export { HistoryOpenError, fileSystemReason } from "./open-errors.ts";
export { migrate, migrations, latestSchemaVersion, schemaVersion } from "./migrations.ts";
export { changesWithOutcomes, driftItemsFromChanges, historyFile } from "./adapters.ts";
export type * from "./types.ts";
