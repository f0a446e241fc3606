// Prints benchmark rows as an aligned plain-text table.
export function printTable(items: ReadonlyArray<object>, out: NodeJS.WritableStream = process.stdout): void {
  const rows = items as ReadonlyArray<Record<string, unknown>>;
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown) => (typeof value === "number" ? (Number.isInteger(value) ? String(value) : value.toFixed(3)) : String(value ?? ""));
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column]).length)));
  const line = (values: string[]) => values.map((value, i) => value.padEnd(widths[i]!)).join("  ").trimEnd();
  out.write(`${line(columns)}\n${line(widths.map((w) => "-".repeat(w)))}\n`);
  for (const row of rows) out.write(`${line(columns.map((column) => cell(row[column])))}\n`);
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}
