// Host names, shared by every kind and the core: one canonical form, and the zone a name is in.

/** Lower-case, no trailing dot. */
export function canonicalHost(name: string): string {
  return name.trim().replace(/\.$/, "").toLowerCase();
}

/** The zone a host name belongs to: the longest zone name it equals or ends with. */
export function zoneOf(hostname: string, zones: Iterable<string>): string | undefined {
  const host = canonicalHost(hostname);
  let best: string | undefined;
  for (const zone of zones) {
    if ((host === zone || host.endsWith(`.${zone}`)) && (best === undefined || zone.length > best.length)) best = zone;
  }
  return best;
}
