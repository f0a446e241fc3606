// Session durations as Cloudflare takes them ("24h", "30m", "1h30m"; Go's duration syntax) in one
// form, so "90m" in git and "1h30m" in Cloudflare are one value and no phantom diff.

/** Cloudflare's default for an application's session. */
export const defaultSessionDuration = "24h";

export const durationPattern = "^([0-9]+(h|m|s))+$";

const units: Record<string, number> = { h: 3600, m: 60, s: 1 };

/** Seconds, or undefined when it is not h/m/s parts (e.g. "1.5h", "24 h"). */
export function durationSeconds(text: string): number | undefined {
  if (!new RegExp(durationPattern).test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/([0-9]+)(h|m|s)/g)) total += Number(amount) * units[unit!]!;
  return total;
}

/** The shortest spelling: 1h30m, 24h, 45s, 0s. Text that is not a duration is kept as it is. */
export function canonicalDuration(text: string): string {
  const seconds = durationSeconds(text.trim());
  if (seconds === undefined) return text.trim();
  if (seconds === 0) return "0s";
  const parts: [number, string][] = [[Math.floor(seconds / 3600), "h"], [Math.floor((seconds % 3600) / 60), "m"], [seconds % 60, "s"]];
  return parts.filter(([amount]) => amount > 0).map(([amount, unit]) => `${amount}${unit}`).join("");
}
