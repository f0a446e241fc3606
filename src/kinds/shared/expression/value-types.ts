// Value types of the Rules language, spelled as Cloudflare's docs spell them, so an error
// message can print them as they are ("Array<String>", "Map<Array<String>>").
export type ScalarType = "String" | "Integer" | "IP address" | "Boolean";
export type ValueType = ScalarType | `Array<${string}>` | `Map<${string}>`;

/** A parameter or return position may accept any array or any map; `Any` accepts everything. */
export type TypePattern = ValueType | "Array<*>" | "Map<*>" | "Any";

export function arrayOf(element: ValueType): ValueType {
  return `Array<${element}>`;
}

export function mapOf(element: ValueType): ValueType {
  return `Map<${element}>`;
}

export function isArray(type: ValueType): boolean {
  return type.startsWith("Array<");
}

export function isMap(type: ValueType): boolean {
  return type.startsWith("Map<");
}

/** The element type of an array or map type, or undefined for a scalar. */
export function elementOf(type: ValueType): ValueType | undefined {
  if (type.startsWith("Array<")) return type.slice(6, -1) as ValueType;
  if (type.startsWith("Map<")) return type.slice(4, -1) as ValueType;
  return undefined;
}

export function matchesPattern(type: ValueType, pattern: TypePattern): boolean {
  if (pattern === "Any") return true;
  if (pattern === "Array<*>") return isArray(type);
  if (pattern === "Map<*>") return isMap(type);
  return type === pattern;
}
