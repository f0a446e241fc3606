// The one redaction of cf-gitops (DESIGN §7): log lines, history, notifications, the status page and
// API (read from history), and CLI errors all go through a Redactor. It replaces known secret values
// (collected from the environment, by name) wherever they appear, and whatever their value it
// replaces credentials in URLs, Authorization headers, key=value credentials and well-known token
// shapes. docs/adr/0017-one-redaction.md.

export const redactedMark = "[redacted]";

/** Variables that always hold secrets, whatever their name looks like or the stack files say. */
export const secretEnvNames: readonly string[] = [
  "CLOUDFLARE_API_TOKEN", "CFGITOPS_ADMIN_TOKEN", "CFGITOPS_READ_TOKEN", "CFGITOPS_WEBHOOK_SECRET",
  "GITHUB_TOKEN", "GH_TOKEN", "PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE",
];

// Any other variable named like a secret; *_FILE, *_PATH and *_DIR name where a secret is, not the secret.
const secretLikeName = /TOKEN|SECRET|PASSWORD|PASSPHRASE|PASSWD|API_KEY|PRIVATE_KEY|CREDENTIAL|SMTP_URL|WEBHOOK/i;
const locationName = /_(FILE|PATH|DIR)$/i;

// Shorter values are too likely to be ordinary words to replace everywhere. "emulator" is the token
// `cf-gitops start` gives its own local emulator: not a secret, and a word in many messages.
const minimumLength = 6;
const notSecret = new Set(["emulator"]);

/**
 * The variables stack files name through `*_env` keys, at any depth (notify.slack_webhook_env,
 * notify.webhook_url_env, notify.email.smtp_url_env, a per-stack api_token_env...).
 */
export function stackSecretEnvNames(stacks: readonly unknown[]): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === "object" && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key.endsWith("_env") && typeof inner === "string" && inner !== "") names.add(inner);
        else visit(inner);
      }
    }
  };
  stacks.forEach(visit);
  return [...names];
}

/** Names of the variables in `env` whose values are secrets: the fixed list, secret-like names, and `named`. */
export function secretVariableNames(env: NodeJS.ProcessEnv, named: readonly string[] = []): string[] {
  const names = new Set([...secretEnvNames, ...named]);
  for (const name of Object.keys(env)) if (secretLikeName.test(name) && !locationName.test(name)) names.add(name);
  return [...names].filter((name) => env[name] !== undefined);
}

/** The secret values in `env` (see secretVariableNames), plus the credentials inside those that are URLs. */
export function secretValues(env: NodeJS.ProcessEnv, named: readonly string[] = []): string[] {
  const values = secretVariableNames(env, named).map((name) => env[name]!);
  return [...values, ...values.flatMap(urlCredentials)];
}

const urlUserInfo = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:"'<>]*)(?::([^\s/?#@"'<>]*))?@/gi;

/** The user (when it is a token) and password of every URL in the text, as values to redact elsewhere. */
export function urlCredentials(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(urlUserInfo)) {
    const [, , user = "", password] = match;
    if (password) found.push(password);
    if (looksLikeToken(user)) found.push(user);
  }
  return found;
}

/** GitHub, GitLab and Slack tokens by prefix, or a long random-looking string. */
function looksLikeToken(text: string): boolean {
  if (/^(gh[pousr]_|github_pat_|glpat-|xox[abpors]-)/.test(text)) return true;
  return text.length >= 20 && /^[A-Za-z0-9_.~-]+$/.test(text) && /\d/.test(text) && /[A-Za-z]/.test(text);
}

function redactUserInfo(_match: string, scheme: string, user: string, password: string | undefined): string {
  const shownUser = looksLikeToken(user) ? redactedMark : user;
  if (password === undefined) return `${scheme}${shownUser}@`;
  return `${scheme}${shownUser}:${redactedMark}@`;
}

// What is secret whatever its value. Each keeps its label, so the message stays readable.
const shapes: { shape: RegExp; replace: (match: string, ...groups: string[]) => string }[] = [
  { shape: urlUserInfo, replace: redactUserInfo },
  // Authorization: Bearer …, "authorization":"token …", authorization=Basic …
  { shape: /(authorization["']?\s*[:=]\s*["']?)(?:(Bearer|Basic|token|Bot)\s+)?[^\s"',;]+/gi, replace: (_m, label, scheme) => `${label}${scheme ? `${scheme} ` : ""}${redactedMark}` },
  { shape: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, replace: (_m, scheme) => `${scheme} ${redactedMark}` },
  { shape: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abpors]-[A-Za-z0-9-]{10,})/g, replace: () => redactedMark },
  // api_token=…, "password": "…", secret: … (also as the tail of a longer key: webhookSecret=…)
  {
    shape: /((?:api[_-]?token|api[_-]?key|access[_-]?token|token|secret|password|passphrase|passwd)["']?\s*[:=]\s*["']?)(?!\[redacted\])([^\s"'&,;]{4,})/gi,
    // An upper-case word is a placeholder ("--user TOKEN=EMAIL" in a usage message), not a secret.
    replace: (match, label, value) => (/^[A-Z_]+$/.test(value) ? match : `${label}${redactedMark}`),
  },
  // Cloudflare API tokens: 40 characters mixing upper case, lower case and digits (a git SHA is lower-case hex).
  {
    shape: /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])/g,
    replace: () => redactedMark,
  },
];

export interface Redactor {
  /** Free text (messages, errors, log lines): known values, then URL credentials, headers and token shapes. */
  (text: string): string;
  /** Data (record contents, plan values): known values only, so keys and other random-looking data stay intact. */
  exact(text: string): string;
  /** More values to replace from now on (a stack's `*_env` variables, once the stack is loaded). */
  add(values: Iterable<string | undefined>): void;
}

/** A redactor for these secret values (the shapes apply whatever the values). */
export function createRedactor(secrets: Iterable<string | undefined> = []): Redactor {
  let values: string[] = [];
  function add(more: Iterable<string | undefined>): void {
    const set = new Set(values);
    for (const value of more) {
      if (typeof value !== "string" || value.length < minimumLength || notSecret.has(value)) continue;
      set.add(value);
      // As it appears inside JSON (a log line, a stored document).
      const escaped = JSON.stringify(value).slice(1, -1);
      if (escaped !== value) set.add(escaped);
    }
    // Longest first, so a secret that contains another is replaced whole.
    values = [...set].sort((a, b) => b.length - a.length);
  }
  function exact(text: string): string {
    let result = text;
    for (const value of values) if (result.includes(value)) result = result.split(value).join(redactedMark);
    return result;
  }
  const redact = ((text: string): string => {
    let result = exact(text);
    for (const { shape, replace } of shapes) result = result.replace(shape, replace as (match: string, ...groups: unknown[]) => string);
    return result;
  }) as Redactor;
  redact.exact = exact;
  redact.add = add;
  add(secrets);
  return redact;
}

/** A redactor for the secrets of this environment (plus the variables stack files name). */
export function redactorFromEnv(env: NodeJS.ProcessEnv, named: readonly string[] = []): Redactor {
  return createRedactor(secretValues(env, named));
}
