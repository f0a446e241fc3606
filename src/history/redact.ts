// Secrets never reach the history database, the page or an error message.

const placeholder = "[redacted]";

// Shapes that are secrets whatever their value; each keeps its label so the message stays readable.
// A git SHA (lower-case hex) and DNS names (lower case) are not matched by the last shape.
const secretShapes: { shape: RegExp; keep: (match: string, label: string, tail: string) => string }[] = [
  { shape: /\b(Bearer |Basic |token )[A-Za-z0-9._~+/=-]{8,}()/gi, keep: (_m, label) => `${label}${placeholder}` },
  { shape: /()\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abpors]-[A-Za-z0-9-]{10,})()/g, keep: () => placeholder },
  {
    shape: /((?:api[_-]?token|api[_-]?key|token|secret|password|passphrase|authorization)["']?\s*[:=]\s*["']?)[^\s"'&,;]{4,}()/gi,
    keep: (_m, label) => `${label}${placeholder}`,
  },
  { shape: /(\/\/[^/\s:@]+:)[^/\s@]+(@)/g, keep: (_m, label, tail) => `${label}${placeholder}${tail}` },
  {
    // Cloudflare API tokens: 40 random characters mixing upper case, lower case and digits.
    shape: /()(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])()/g,
    keep: () => placeholder,
  },
];

/**
 * Removes every known secret value (exact match) and anything shaped like a token
 * (Bearer headers, GitHub/Slack tokens, key=value credentials, URL passwords, 40-char API tokens).
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text;
  const known = secrets.filter((secret): secret is string => typeof secret === "string" && secret.length >= 4);
  for (const secret of known.sort((a, b) => b.length - a.length)) result = result.split(secret).join(placeholder);
  for (const { shape, keep } of secretShapes) {
    result = result.replace(shape, (match: string, label: string, tail: string) => keep(match, label, tail));
  }
  return result;
}

/** Secret values commonly present in the daemon's environment. */
export function secretsFromEnv(env: NodeJS.ProcessEnv): string[] {
  const names = Object.keys(env).filter((name) => /TOKEN|SECRET|PASSWORD|PASSPHRASE|API_KEY|SMTP_URL|WEBHOOK_URL/i.test(name));
  return names.map((name) => env[name]).filter((value): value is string => typeof value === "string" && value.length >= 4);
}
