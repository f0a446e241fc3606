// How a field's value is shown to people (text and markdown plans, policy messages): a TTL of 1 is
// Cloudflare's "automatic", which the YAML writes `auto`; `ttl: 3600 -> 1` read as one second.
// JSON output keeps the API's 1.

/** `auto` for a TTL of 1, else `format(value)`. */
export function shownValue(field: string, value: unknown, format: (value: unknown) => string): string {
  return field === "ttl" && value === 1 ? "auto" : format(value);
}
