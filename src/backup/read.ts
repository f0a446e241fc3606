// Opens a backup file and proves it whole, streaming (issue 22 item 12): gzip's CRC, every tar
// header, the manifest's format and versions, and each file's size and SHA-256 as it streams by.
// Nothing is held in memory but the manifest, and the archive may unpack to no more than its
// manifest declares, itself under a cap: a gzip bomb is refused once it passes it. With `into`,
// each file is written there as it is verified (restore's staging folder).
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Transform } from "node:stream";
import { createGunzip } from "node:zlib";
import { Parser, type ReadEntry } from "tar";
import { latestSchemaVersion } from "../history/migrations.ts";
import { BackupError } from "./errors.ts";
import { defaultMaxUnpackedBytes, describeBytes, maxManifestBytes } from "./limits.ts";
import { backupFormat, backupFormatVersion, manifestPath, type BackupManifest, type ManifestFile } from "./manifest.ts";

export interface ReadBackupOptions {
  /** Write each listed file under this folder as it is verified. */
  into?: string;
  /** The most the archive may unpack to (default 2 GiB). */
  maxBytes?: number;
}

export interface VerifiedBackup {
  manifest: BackupManifest;
  /** Every file listed in the manifest, sizes and checksums verified. */
  files: ManifestFile[];
}

function safePath(path: string): boolean {
  return path !== "" && !path.startsWith("/") && !path.split("/").some((part) => part === ".." || part === "" || part === ".");
}

/** A refusal: the message names the file and says nothing was restored. */
class Refusal extends BackupError {}

function refusal(file: string, message: string, hint?: string): Refusal {
  return new Refusal(`${file}: ${message}; nothing was restored`, { file, ...(hint ? { hint } : {}) });
}

const foreign = "pass a file written by cf-gitops backup";
const untrusted = "use another backup; this one cannot be trusted";

async function isGzip(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, "r");
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    return head[0] === 0x1f && head[1] === 0x8b;
  } catch (error) {
    throw new BackupError(`cannot read ${file}: ${(error as Error).message}`, { file, cause: error });
  } finally {
    await handle?.close();
  }
}

/** The manifest's claims, checked before any file after it is read. */
function checkManifest(file: string, text: string, maxBytes: number): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw refusal(file, "the manifest is not valid JSON (damaged file)");
  }
  if (manifest?.format !== backupFormat) throw refusal(file, "not a cf-gitops backup (unknown manifest format)");
  if (manifest.formatVersion !== backupFormatVersion) {
    throw refusal(file, `backup format version ${String(manifest.formatVersion)} is not the one this cf-gitops reads (${backupFormatVersion})`, `restore it with the cf-gitops version that wrote it (${manifest.tool?.version ?? "unknown"})`);
  }
  if (!(manifest.history?.schemaVersion <= latestSchemaVersion)) {
    throw refusal(file, `its history database has schema version ${String(manifest.history?.schemaVersion)}, newer than this cf-gitops understands (${latestSchemaVersion})`, `upgrade cf-gitops to ${manifest.tool?.version} or later, then restore`);
  }
  if (!Array.isArray(manifest.files)) throw refusal(file, "the files in it do not match its manifest");
  let declared = 0;
  for (const listed of manifest.files) {
    if (typeof listed?.path !== "string" || !safePath(listed.path)) throw refusal(file, `the manifest lists ${JSON.stringify(listed?.path)}, which is missing or not a safe relative path`);
    if (!Number.isSafeInteger(listed.size) || listed.size < 0 || typeof listed.sha256 !== "string") throw refusal(file, `the manifest's entry for ${listed.path} has no size or checksum (damaged file)`);
    declared += listed.size;
  }
  if (declared > maxBytes) {
    throw refusal(file, `its manifest says it unpacks to ${describeBytes(declared)}, over the limit of ${describeBytes(maxBytes)}`, "a cf-gitops backup is tens of MB; this one is not to be trusted");
  }
  return manifest;
}

/** Counts what gunzip produces, and stops past `limit` (an archive that inflates for ever). */
function byteCap(limit: number, file: string): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > limit) return done(refusal(file, `it unpacks to more than ${describeBytes(limit)}, more than a backup holds (a gzip bomb?)`, untrusted));
      done(null, chunk);
    },
  });
}

export async function readBackup(file: string, options: ReadBackupOptions = {}): Promise<VerifiedBackup> {
  if (!(await isGzip(file))) throw refusal(file, "not a cf-gitops backup (not gzip data)", foreign);
  const maxBytes = options.maxBytes ?? defaultMaxUnpackedBytes;
  // Headers, the manifest and padding come on top of the files themselves.
  const source = createReadStream(file);
  const gunzip = createGunzip();
  const cap = byteCap(maxBytes + maxManifestBytes + 64 * 1024 * 1024, file);
  const parser = new Parser({ strict: true });
  let manifest: BackupManifest | undefined;
  let expected = new Map<string, ManifestFile>();
  const seen = new Set<string>();
  const writes: Promise<void>[] = [];
  let failed: Error | undefined;

  return new Promise<VerifiedBackup>((resolve, reject) => {
    const fail = (error: unknown) => {
      if (failed) return;
      failed = error instanceof Refusal || error instanceof BackupError ? error : refusal(file, `the file is damaged (${(error as Error)?.message ?? String(error)})`, untrusted);
      source.destroy();
      gunzip.destroy();
      cap.destroy();
      reject(failed);
    };
    const entries = (entry: ReadEntry) => {
      try {
        if (!manifest) return readManifest(entry);
        readFile(entry);
      } catch (error) {
        entry.resume();
        fail(error);
      }
    };
    const readManifest = (entry: ReadEntry) => {
      if (entry.path !== manifestPath || entry.type !== "File") throw refusal(file, "not a cf-gitops backup (no manifest.json first)", foreign);
      if (entry.size > maxManifestBytes) throw refusal(file, "not a cf-gitops backup (its manifest is too large)", foreign);
      const parts: Buffer[] = [];
      entry.on("data", (chunk: Buffer) => parts.push(chunk));
      entry.on("end", () => {
        try {
          manifest = checkManifest(file, Buffer.concat(parts).toString("utf8"), maxBytes);
          expected = new Map(manifest.files.map((listed) => [listed.path, listed]));
        } catch (error) {
          fail(error);
        }
      });
    };
    const readFile = (entry: ReadEntry) => {
      const listed = expected.get(entry.path);
      if (!listed || seen.has(entry.path) || (entry.type !== "File" && entry.type !== "OldFile")) throw refusal(file, "the files in it do not match its manifest");
      seen.add(entry.path);
      if (entry.size !== listed.size) throw refusal(file, `${entry.path} is ${entry.size} bytes in the archive but ${listed.size} in the manifest (damaged file)`, untrusted);
      const hash = createHash("sha256");
      const out = options.into ? writeTo(join(options.into, listed.path), (entry.mode ?? 0o600) & 0o777, fail) : undefined;
      entry.on("data", (chunk: Buffer) => {
        hash.update(chunk);
        if (out && !out.stream.write(chunk)) {
          entry.pause();
          out.stream.once("drain", () => entry.resume());
        }
      });
      entry.on("end", () => {
        out?.stream.end();
        if (out) writes.push(out.done);
        if (hash.digest("hex") !== listed.sha256) fail(refusal(file, `checksum mismatch for ${listed.path} (damaged file)`, untrusted));
      });
    };
    parser.on("entry", entries);
    parser.on("error", fail);
    // The archive's end marker: whatever follows is not read (tar would crawl through it, and a
    // bomb's trailing zeros are exactly that).
    parser.once("eof", () => {
      cap.unpipe(parser as unknown as NodeJS.WritableStream);
      for (const stream of [source, gunzip, cap]) stream.destroy();
      parser.end();
    });
    parser.on("end", () => {
      if (failed) return;
      void Promise.all(writes).then(() => {
        if (failed) return;
        if (!manifest) return fail(refusal(file, "not a cf-gitops backup (no manifest.json first)", foreign));
        if (seen.size !== expected.size) return fail(refusal(file, "the files in it do not match its manifest"));
        if (!expected.has("history.sqlite")) return fail(refusal(file, "it holds no history.sqlite"));
        resolve({ manifest, files: manifest.files });
      }, fail);
    });
    for (const stream of [source, gunzip, cap]) stream.on("error", fail);
    source.pipe(gunzip).pipe(cap).pipe(parser as unknown as NodeJS.WritableStream);
  });
}

/** A file being written during the read (its folder made first; never over an existing file). */
function writeTo(path: string, mode: number, fail: (error: unknown) => void): { stream: WriteStream; done: Promise<void> } {
  mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
  const stream = createWriteStream(path, { mode: mode || 0o600, flush: true, flags: "wx" });
  const done = new Promise<void>((resolve, reject) => {
    stream.once("close", resolve);
    stream.once("error", reject);
  });
  done.catch(fail);
  return { stream, done };
}
