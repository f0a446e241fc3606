// The manifest at the front of every backup: what the file is, which versions wrote it, and a
// SHA-256 per file so restore can prove every byte before it touches the data directory.
import { createHash } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";

export const manifestPath = "manifest.json";
export const backupFormat = "cf-gitops-backup";
export const backupFormatVersion = 1;

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof backupFormat;
  formatVersion: number;
  createdAt: string;
  tool: { name: string; version: string };
  node: string;
  history: { schemaVersion: number; runs: number; lastRunId: number | null };
  /** What happened to the Pulumi state: included (file backend), or why not. */
  pulumi: { included: boolean; note: string };
  /** Set when a daemon was running on the data directory while the backup was taken. */
  daemonPid: number | null;
  files: ManifestFile[];
}

export function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export function describeFile(path: string, data: Buffer): ManifestFile {
  return { path, size: data.length, sha256: sha256(data) };
}

/** The same for a file on disk, read as a stream. */
export async function describeFileOnDisk(path: string, file: string): Promise<ManifestFile> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { path, size, sha256: hash.digest("hex") };
}

/** The version of the installed cf-gitops package (works from src/ and from a compiled dist/). */
export function toolVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}
