// Opens a backup file and proves it whole before anything is restored: gzip's CRC, every tar
// header's checksum, the manifest's format and versions, and each file's SHA-256.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { latestSchemaVersion } from "../history/migrations.ts";
import { BackupError } from "./errors.ts";
import { backupFormat, backupFormatVersion, manifestPath, sha256, type BackupManifest } from "./manifest.ts";
import { readTar, type TarEntry } from "./tar.ts";

export interface VerifiedBackup {
  manifest: BackupManifest;
  /** Every file listed in the manifest, checksums verified. */
  files: TarEntry[];
}

function safePath(path: string): boolean {
  return path !== "" && !path.startsWith("/") && !path.split("/").some((part) => part === ".." || part === "" || part === ".");
}

function refuse(file: string, message: string, hint?: string): never {
  throw new BackupError(`${file}: ${message}; nothing was restored`, { file, ...(hint ? { hint } : {}) });
}

export function readBackup(file: string): VerifiedBackup {
  let compressed: Buffer;
  try {
    compressed = readFileSync(file);
  } catch (error) {
    throw new BackupError(`cannot read ${file}: ${(error as Error).message}`, { file, cause: error });
  }
  if (compressed[0] !== 0x1f || compressed[1] !== 0x8b) refuse(file, "not a cf-gitops backup (not gzip data)", "pass a file written by cf-gitops backup");
  let entries: TarEntry[];
  try {
    entries = readTar(gunzipSync(compressed));
  } catch (error) {
    refuse(file, `the file is damaged (${(error as Error).message})`, "use another backup; this one cannot be trusted");
  }
  if (entries[0]?.path !== manifestPath) refuse(file, "not a cf-gitops backup (no manifest.json first)", "pass a file written by cf-gitops backup");
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(entries[0].data.toString("utf8")) as BackupManifest;
  } catch {
    refuse(file, "the manifest is not valid JSON (damaged file)");
  }
  if (manifest.format !== backupFormat) refuse(file, "not a cf-gitops backup (unknown manifest format)");
  if (manifest.formatVersion !== backupFormatVersion) {
    refuse(file, `backup format version ${String(manifest.formatVersion)} is not the one this cf-gitops reads (${backupFormatVersion})`, `restore it with the cf-gitops version that wrote it (${manifest.tool?.version ?? "unknown"})`);
  }
  if (!(manifest.history?.schemaVersion <= latestSchemaVersion)) {
    refuse(file, `its history database has schema version ${String(manifest.history?.schemaVersion)}, newer than this cf-gitops understands (${latestSchemaVersion})`, `upgrade cf-gitops to ${manifest.tool.version} or later, then restore`);
  }
  const byPath = new Map(entries.slice(1).map((entry) => [entry.path, entry]));
  if (byPath.size !== entries.length - 1 || byPath.size !== manifest.files.length) refuse(file, "the files in it do not match its manifest");
  for (const listed of manifest.files) {
    const entry = byPath.get(listed.path);
    if (!safePath(listed.path) || !entry) refuse(file, `the manifest lists ${JSON.stringify(listed.path)}, which is missing or not a safe relative path`);
    if (entry.data.length !== listed.size || sha256(entry.data) !== listed.sha256) refuse(file, `checksum mismatch for ${listed.path} (damaged file)`, "use another backup; this one cannot be trusted");
  }
  if (!byPath.has("history.sqlite")) refuse(file, "it holds no history.sqlite");
  return { manifest, files: manifest.files.map((listed) => byPath.get(listed.path)!) };
}
