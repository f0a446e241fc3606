// Human-readable times, durations and values for the page. Pure functions of their inputs.

export function shortSha(sha: string): string {
  return /^[0-9a-f]{40}$/i.test(sha) ? sha.slice(0, 7) : sha.slice(0, 12);
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** "3 min ago" / "in 12 min", relative to `now`. */
export function formatAge(iso: string | undefined, now: Date): string {
  if (iso === undefined) return "—";
  const delta = Date.parse(iso) - now.getTime();
  if (Number.isNaN(delta)) return iso;
  const abs = Math.abs(delta);
  const units: [number, string][] = [[86_400_000, "d"], [3_600_000, "h"], [60_000, "min"], [1000, "s"]];
  const [size, unit] = units.find(([ms]) => abs >= ms) ?? [1000, "s"];
  const amount = Math.floor(abs / size);
  if (amount === 0 && unit === "s") return "just now";
  return delta < 0 ? `${amount} ${unit} ago` : `in ${amount} ${unit}`;
}

export function formatTimestamp(iso: string | undefined): string {
  if (iso === undefined) return "—";
  return iso.replace("T", " ").replace(/\.\d+Z$/, " UTC").replace(/Z$/, " UTC");
}

/** A field's value as text: strings as they are, everything else as JSON; absent is marked. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "(absent)";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

export function fieldOf(value: unknown, field: string): unknown {
  if (value === null || typeof value !== "object") return undefined;
  return (value as Record<string, unknown>)[field];
}

export function daysUntil(iso: string, now: Date): number {
  return Math.floor((Date.parse(iso) - now.getTime()) / 86_400_000);
}
