// Reads one YAML file of the repository (repository-file.ts: a regular file inside it, never more
// than the cap plus one byte), checks its encoding, then parses it safely.
import type { Diagnostic } from "./types.ts";
import { limits } from "./limits.ts";
import { parseYaml, type ParsedYaml } from "./parse-yaml.ts";
import { readRepositoryFile } from "./repository-file.ts";
import { decodeUtf8 } from "./utf8.ts";

export interface ReadYaml {
  parsed?: ParsedYaml;
  diagnostics: Diagnostic[];
  /** The file's size, when it was read. */
  bytes?: number;
}

/** `path` is absolute; `file` names it in diagnostics; `root` is the repository it must stay in. */
export async function readYamlFile(path: string, file: string, root: string, maxBytes: number = limits.maxFileBytes): Promise<ReadYaml> {
  const fail = (code: string, message: string, hint: string, line = 1, column = 1) => ({ diagnostics: [{ file, line, column, severity: "error" as const, code, message, hint }] });
  const text = await readText(path, root, maxBytes);
  if (typeof text !== "string") {
    const { problem, bytes } = text;
    return { ...fail(problem.code, problem.message, problem.hint, problem.line, problem.column), ...(bytes === undefined ? {} : { bytes }) };
  }
  const bytes = Buffer.byteLength(text);
  if (text.trim() === "") return { ...fail("yaml-empty-file", "the file is empty", "delete it, or write `zone:` (zone file) or `service:` (service file)"), bytes };
  return { ...parseYaml(text, file), bytes };
}

interface TextProblem {
  problem: { code: string; message: string; hint: string; line?: number; column?: number };
  bytes?: number;
}

/** The file's text (without a BOM); its bytes are let go before the parse holds the text for longer. */
async function readText(path: string, root: string, maxBytes: number): Promise<string | TextProblem> {
  const read = await readRepositoryFile(path, root, maxBytes);
  if (!read.ok) return { problem: read };
  const decoded = decodeUtf8(read.bytes);
  if (!decoded.ok) return { problem: { code: "yaml-invalid-utf8", message: "the file is not valid UTF-8", hint: "save it as UTF-8", line: decoded.line, column: decoded.column }, bytes: read.bytes.length };
  return decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
}
