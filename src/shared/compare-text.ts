// Ordinal string order (by UTF-16 code units), for everything that must sort the same on every
// machine: change order, tunnel ingress order, fingerprints. `localeCompare` depends on the process's
// locale (a plan made in CI and applied on a Pi could differ) and costs ~10 ms to set up on first use.

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
