// Where Pulumi keeps its state and how it encrypts secrets. The workspace (Pulumi.yaml and the
// stack's config with the encrypted API token) lives in the data directory, not in the repository,
// so a run never leaves the git tree dirty and no secret, even encrypted, lands in git.
import { accessSync, constants } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError } from "../../shared/errors.ts";

export const projectName = "cf-gitops";

/** Variables a shared state backend reads its credentials and options from. */
const backendCredential = /^(AWS_[A-Z0-9_]+|PULUMI_ACCESS_TOKEN)$/;

export interface PulumiSettings {
  backendUrl: string;
  workDir: string;
  /** Passed to every pulumi CLI call. */
  envVars: Record<string, string>;
  /** "passphrase" for self-managed backends; undefined for Pulumi Cloud (it manages secrets). */
  secretsProvider?: string;
}

/** The state backend: PULUMI_BACKEND_URL, else the file backend in the data directory. */
export function backendUrlOf(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.PULUMI_BACKEND_URL || pathToFileURL(resolve(dataDir, "pulumi")).href;
}

export function resolvePulumiSettings(dataDir: string, env: NodeJS.ProcessEnv = process.env): PulumiSettings {
  const root = resolve(dataDir, "pulumi");
  const backendUrl = backendUrlOf(dataDir, env);
  const envVars: Record<string, string> = { PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_BACKEND_URL: backendUrl };
  // a shared backend's credentials (S3-compatible storage such as R2, Pulumi Cloud) reach the CLI
  for (const [key, value] of Object.entries(env)) if (value !== undefined && backendCredential.test(key)) envVars[key] = value;
  const selfManaged = !/^https:\/\//.test(backendUrl);
  if (env.PULUMI_CONFIG_PASSPHRASE !== undefined) {
    envVars.PULUMI_CONFIG_PASSPHRASE = env.PULUMI_CONFIG_PASSPHRASE;
  } else if (env.PULUMI_CONFIG_PASSPHRASE_FILE) {
    const file = env.PULUMI_CONFIG_PASSPHRASE_FILE;
    try {
      accessSync(file, constants.R_OK);
    } catch (error) {
      throw new ConfigError(`PULUMI_CONFIG_PASSPHRASE_FILE names ${file}, which cannot be read`, { cause: error, file, hint: "point it at a readable file that holds the passphrase" });
    }
    envVars.PULUMI_CONFIG_PASSPHRASE_FILE = file;
  } else if (selfManaged) {
    throw new ConfigError("the Pulumi engine needs a secrets passphrase for its state backend", {
      hint: "set PULUMI_CONFIG_PASSPHRASE, or PULUMI_CONFIG_PASSPHRASE_FILE to a file holding it (keep the same passphrase for every run)",
    });
  }
  const settings: PulumiSettings = { backendUrl, workDir: join(root, "workspace"), envVars };
  if (selfManaged) settings.secretsProvider = "passphrase";
  return settings;
}

function flagSet(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}

/**
 * Under CI (GitHub Actions sets CI and GITHUB_ACTIONS) a local file backend starts empty on every
 * job: a pull request's preview would adopt everything afresh and never see what the daemon's
 * state would delete. The pulumi engine refuses there unless told the file backend is the real one
 * (a self-hosted runner on the daemon's host).
 */
export function requireSharedBackendUnderCi(settings: PulumiSettings, env: NodeJS.ProcessEnv): void {
  if (!(flagSet(env.CI) || flagSet(env.GITHUB_ACTIONS))) return;
  if (!settings.backendUrl.startsWith("file://") || flagSet(env.CFGITOPS_ALLOW_FILE_BACKEND)) return;
  throw new ConfigError(
    `the pulumi engine needs a shared state backend under CI, and ${settings.backendUrl} is a local file backend: a preview here would start from an empty state (everything adopted afresh, no deletion ever shown)`,
    {
      hint: "set PULUMI_BACKEND_URL (from a secret) to the backend the daemon uses: an S3-compatible bucket such as Cloudflare R2, or Pulumi Cloud (docs/pulumi.md, \"A shared backend\"); on a self-hosted runner that holds the daemon's state, set CFGITOPS_ALLOW_FILE_BACKEND=1",
    },
  );
}
