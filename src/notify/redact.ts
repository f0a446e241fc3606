// Secrets never reach a message: known secret values are replaced, and so are credentials in URLs.

export type Redactor = (text: string) => string;

/** Environment variables whose values are always secret, whatever the stack file says. */
export const secretEnvNames = ["GITHUB_TOKEN", "CLOUDFLARE_API_TOKEN", "CFGITOPS_WEBHOOK_SECRET", "CFGITOPS_ADMIN_TOKEN", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_ACCESS_TOKEN"];

export function createRedactor(secrets: (string | undefined)[]): Redactor {
  // Longest first, so a secret that contains another is replaced whole; short values are too
  // likely to be ordinary words to replace safely.
  const values = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length >= 6))].sort((a, b) => b.length - a.length);
  return (text: string) => {
    let result = text;
    for (const value of values) result = result.split(value).join("[redacted]");
    return result.replace(/(\w+:\/\/)[^\s/@:]+:[^\s/@]+@/g, "$1[redacted]@");
  };
}
