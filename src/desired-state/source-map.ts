// Where each loaded object was written. Specs are registered with their YAML path; while a file's
// document is attached, any field (and any character inside a string field) can be located.
import type { ParsedYaml } from "./parse-yaml.ts";
import type { YamlPath } from "./positions.ts";
import { scalarOffset } from "./scalar-offset.ts";
import type { SourceLocation } from "./types.ts";

interface Origin {
  file: string;
  path: YamlPath;
  fallback: SourceLocation;
}

export function offsetLocation(parsed: ParsedYaml, offset: number): SourceLocation {
  const { line, col } = parsed.lineCounter.linePos(offset);
  return { file: parsed.file, line, column: col };
}

/** Location of `path`: its value, or its key with `atKey`, or a character inside a string value. */
export function pathLocation(parsed: ParsedYaml, path: YamlPath, options: { atKey?: boolean; charIndex?: number } = {}): SourceLocation {
  const found = parsed.find(path);
  if (found.complete && options.atKey && found.keyStart !== undefined) return offsetLocation(parsed, found.keyStart);
  if (found.complete && options.charIndex !== undefined && found.scalar) return offsetLocation(parsed, scalarOffset(parsed.text, found.scalar, options.charIndex));
  return offsetLocation(parsed, found.start);
}

export class SourceMap {
  readonly #origins = new WeakMap<object, Origin>();
  readonly #files = new Map<string, ParsedYaml>();
  readonly #fieldFallbacks = new WeakMap<object, Map<string, SourceLocation>>();

  attach(parsed: ParsedYaml): void {
    this.#files.set(parsed.file, parsed);
  }

  /** Drops a file's document (memory); later lookups fall back to the registered positions. */
  detach(file: string): void {
    this.#files.delete(file);
  }

  register(target: object, file: string, path: YamlPath, fallback: SourceLocation): void {
    this.#origins.set(target, { file, path, fallback });
  }

  /** Keeps a field's position for cross-file rules that run after the document is detached. */
  registerField(target: object, field: string, location: SourceLocation): void {
    const fields = this.#fieldFallbacks.get(target) ?? new Map<string, SourceLocation>();
    fields.set(field, location);
    this.#fieldFallbacks.set(target, fields);
  }

  readonly locate = (target: object, field?: string | (string | number)[], charIndex?: number, atKey?: boolean): SourceLocation => {
    const origin = this.#origins.get(target);
    if (!origin) return (target as { source?: SourceLocation }).source ?? { file: "", line: 1, column: 1 };
    const parsed = this.#files.get(origin.file);
    if (!parsed) return (typeof field === "string" ? this.#fieldFallbacks.get(target)?.get(field) : undefined) ?? origin.fallback;
    const tail = field === undefined ? [] : Array.isArray(field) ? field : [field];
    return pathLocation(parsed, [...origin.path, ...tail], { ...(charIndex !== undefined && { charIndex }), ...(atKey && { atKey }) });
  };
}
