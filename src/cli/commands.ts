// The command registry: one line per subcommand, each lazy-loaded so `validate` never loads an SDK.
import type { CommandModule } from "./io.ts";

export interface CommandEntry {
  summary: string;
  load(): Promise<CommandModule>;
}

export const commands: Record<string, CommandEntry> = {
  init: { summary: "create a configuration repository for your own account (stacks, zones, policies, workflows)", load: () => import("./init.ts") },
  validate: { summary: "check the desired-state YAML (schema and semantic rules)", load: () => import("./validate.ts") },
  policy: { summary: "evaluate policies on the desired state", load: () => import("./policy.ts") },
  plan: { summary: "show what apply would change in Cloudflare", load: () => import("./plan.ts") },
  apply: { summary: "make Cloudflare match the desired state", load: () => import("./apply.ts") },
  drift: { summary: "report what differs between Cloudflare and git (read-only)", load: () => import("./drift.ts") },
  import: { summary: "write a zone file from a live zone", load: () => import("./import.ts") },
  profile: { summary: "move what zones have in common into a profile (profile extract)", load: () => import("./profile.ts") },
  history: { summary: "list past runs from the history database", load: () => import("./history.ts") },
  emulator: { summary: "serve a local Cloudflare API emulator", load: () => import("./emulator.ts") },
  daemon: { summary: "reconcile on every commit and on a schedule; serve status and metrics", load: () => import("./daemon.ts") },
  start: { summary: "the embedded default: emulator + daemon on this repository (what npm start runs)", load: () => import("./start.ts") },
  doctor: { summary: "check the token, zones, permissions and the pulumi CLI", load: () => import("./doctor.ts") },
  purge: { summary: "purge Cloudflare's cache for a zone", load: () => import("./purge.ts") },
  github: { summary: "pull-request comments and drift issues (used by the GitHub workflows)", load: () => import("./github.ts") },
  backup: { summary: "write a consistent backup of the daemon's data (safe while it runs)", load: () => import("./backup.ts") },
  restore: { summary: "restore a backup into a stopped daemon's data directory", load: () => import("./restore.ts") },
};
