// Pulumi logical names come from each object's identity (the Change id), never from its position,
// so reordering files or records keeps every URN. The encoding is reversible so a URN found in
// state (a resource the desired state no longer declares) maps back to its Change id. Each kind's
// adapter (src/kinds/<kind>/pulumi.ts) names its own resources with these.

/** Characters kept as they are; everything else (":" of IPv6, spaces, quotes of TXT) is %-encoded. */
const safe = /[A-Za-z0-9._~@/+=-]/;

export function encodeLogicalName(id: string): string {
  let out = "";
  for (const char of id) {
    if (safe.test(char)) out += char;
    else out += [...Buffer.from(char, "utf8")].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
  }
  return out;
}

export function decodeLogicalName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** The last "::" part of a URN is the logical name (names never contain "::" once encoded). */
export function urnName(urn: string): string {
  const index = urn.lastIndexOf("::");
  return index < 0 ? urn : urn.slice(index + 2);
}

/** The resource type token of a URN: `urn:pulumi:stack::project::parent$type::name` -> type. */
export function urnType(urn: string): string {
  const parts = urn.split("::");
  const qualified = parts[parts.length - 2] ?? "";
  const index = qualified.lastIndexOf("$");
  return index < 0 ? qualified : qualified.slice(index + 1);
}
