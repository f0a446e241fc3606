#!/usr/bin/env node
// Entry point. Kept as plain JS so an old system Node gets a clear message instead of a syntax error.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(
    `cf-gitops needs Node.js 22.13 or newer (this is ${process.version}).\n` +
      "Run it through npm so the pinned runtime is used: npx cf-gitops --help\n",
  );
  process.exit(1);
}
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
