import { commands } from "./commands.ts";
import { processIo, type CliIo } from "./io.ts";
import { reportError } from "./report-error.ts";

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`);
  return [
    "cf-gitops: Cloudflare zones, DNS, firewall rules and tunnel services as code, from git.",
    "",
    "Usage: cf-gitops <command> [flags]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run `cf-gitops <command> --help` for a command's flags.",
    "Credentials come from CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_BASE_URL.",
    "Exit codes: 0 success, 1 error or blocked, 2 changes or drift (with --detailed-exitcode).",
    "",
  ].join("\n");
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(usage());
    return 0;
  }
  if (name === "--version" || name === "-v") {
    const { packageVersion } = await import("../shared/module-paths.ts");
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const entry = commands[name];
  if (entry === undefined) {
    io.stderr.write(`cf-gitops: unknown command "${name}"\n\n${usage()}`);
    return 1;
  }
  try {
    const command = await entry.load();
    if (!command.handlesHelp && (rest.includes("--help") || rest.includes("-h"))) {
      io.stdout.write(command.help.endsWith("\n") ? command.help : `${command.help}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}
