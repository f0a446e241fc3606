// Reads one YAML file from disk with size and encoding checks, then parses it safely.
import { open } from "node:fs/promises";
import type { Diagnostic } from "./types.ts";
import { limits } from "./limits.ts";
import { parseYaml, type ParsedYaml } from "./parse-yaml.ts";
import { decodeUtf8 } from "./utf8.ts";

export async function readYamlFile(path: string, file: string): Promise<{ parsed?: ParsedYaml; diagnostics: Diagnostic[] }> {
  const fail = (code: string, message: string, hint: string, line = 1, column = 1) => ({ diagnostics: [{ file, line, column, severity: "error" as const, code, message, hint }] });
  let bytes: Uint8Array;
  try {
    const handle = await open(path, "r");
    try {
      const { size } = await handle.stat();
      if (size > limits.maxFileBytes) {
        return fail("yaml-file-too-large", `the file is ${(size / 1048576).toFixed(1)} MB; the limit is ${limits.maxFileBytes / 1048576} MB`, "split it into smaller files (one zone per file)");
      }
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return fail("file-unreadable", `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, "check that it exists and is readable");
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return fail("yaml-invalid-utf8", "the file is not valid UTF-8", "save it as UTF-8", decoded.line, decoded.column);
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  if (text.trim() === "") return fail("yaml-empty-file", "the file is empty", "delete it, or write `zone:` (zone file) or `service:` (service file)");
  return parseYaml(text, file);
}
