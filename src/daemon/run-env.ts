// The environment of a run's process: only what a run needs. It runs the engine with the stack's
// token (committed custom policies run in a sandbox it starts, with no environment at all), and it
// must not hold the daemon's own secrets (the admin token, the webhook secret, the notification
// channels' URLs, GITHUB_TOKEN: notifications are sent by the daemon), nor another stack's token
// (child-runner.ts drops every other stack's api_token_env variable, whatever its name). Allowed:
//   - the system basics (PATH, HOME, locale, time zone, temp dir, proxies and CA certificates);
//   - NODE_*, XDG_* and CFGITOPS_* settings (log level and file, data dir, policy floor), except
//     any whose name says it holds a secret;
//   - the run's credentials: PULUMI_* and AWS_* (the Pulumi backend, e.g. R2), CLOUDFLARE_BASE_URL and
//     CLOUDFLARE_ACCOUNT_ID, and the stack's token: the variable its `api_token_env` names, else
//     CLOUDFLARE_API_TOKEN.

import { isStackTokenVariable } from "../desired-state/stack.ts";

const basics = new Set([
  "PATH", "HOME", "USER", "LOGNAME", "SHELL", "TMPDIR", "TMP", "TEMP", "TZ", "LANG", "LANGUAGE",
  "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy", "SSL_CERT_FILE", "SSL_CERT_DIR",
  "SYSTEMROOT", "SystemRoot", "WINDIR", "COMSPEC", "PATHEXT",
]);
const settingPrefixes = ["LC_", "NODE_", "XDG_", "CFGITOPS_", "CLOUDFLARE_"];
const credentialPrefixes = ["PULUMI_", "AWS_"];
const secretShaped = /TOKEN|SECRET|PASSWORD|PASSPHRASE|API_?KEY|CREDENTIAL|AUTH|WEBHOOK|SMTP|PRIVATE/i;

export const defaultTokenEnv = "CLOUDFLARE_API_TOKEN";

function allowed(name: string): boolean {
  if (basics.has(name)) return true;
  if (credentialPrefixes.some((prefix) => name.startsWith(prefix))) return true;
  return settingPrefixes.some((prefix) => name.startsWith(prefix)) && !secretShaped.test(name);
}

/** The environment for one run of a stack whose token is in `tokenEnv` (default CLOUDFLARE_API_TOKEN). */
export function runEnvironment(env: NodeJS.ProcessEnv, tokenEnv: string = defaultTokenEnv): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && allowed(name)) result[name] = value;
  // a stack file naming one of the daemon's secrets is refused when it loads; this holds even so
  if (env[tokenEnv] !== undefined && isStackTokenVariable(tokenEnv)) result[tokenEnv] = env[tokenEnv];
  return result;
}
