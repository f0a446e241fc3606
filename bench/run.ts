// `npm run bench`: every benchmark of the project, one table per area. Each area's bench lives beside
// this file and can also be run alone (node bench/<area>-bench.ts).
import { runDaemonBench } from "./daemon-bench.ts";
import { runNativeBench } from "./native-bench.ts";
import { runStartupBench } from "./startup-bench.ts";
import { runValidateBench } from "./validate-bench.ts";
import { printTable } from "./table.ts";

const only = process.argv[2];
const sections: Array<[string, () => Promise<ReadonlyArray<object>>]> = [
  ["startup (ratio to node -e 0)", runStartupBench],
  ["validate", runValidateBench],
  ["native engine (emulator)", runNativeBench],
  ["daemon", runDaemonBench],
];

for (const [title, run] of sections) {
  if (only && !title.startsWith(only)) continue;
  process.stdout.write(`\n## ${title}\n`);
  const started = performance.now();
  const rows = await run();
  printTable(rows);
  process.stdout.write(`(section took ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
