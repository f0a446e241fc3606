// Reading a file of the repository safely (issue 22 items 1 and 9): only a regular file, only inside
// the repository (a symbolic link may point elsewhere in it, never out of it), and never more than
// the cap plus one byte, whatever stat() says (a device such as /dev/zero has size 0 and no end).
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from "node:fs";
import { lstat, open, readlink, realpath } from "node:fs/promises";
import { relative, sep } from "node:path";

export type RepositoryRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; code: "file-outside-repository" | "file-not-regular" | "yaml-file-too-large" | "file-unreadable"; message: string; hint: string };

/** Whether `path` is `dir` or inside it (both real paths). */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

function tooLarge(maxBytes: number, size?: number): RepositoryRead {
  const message = size !== undefined && size > maxBytes ? `the file is ${megabytes(size)}; the limit is ${megabytes(maxBytes)}` : `the file is larger than the limit of ${megabytes(maxBytes)}`;
  return { ok: false, code: "yaml-file-too-large", message, hint: "split it into smaller files (one zone per file)" };
}

function unreadable(error: unknown): RepositoryRead {
  return { ok: false, code: "file-unreadable", message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, hint: "check that it exists and is readable" };
}

function outside(written: string): RepositoryRead {
  return { ok: false, code: "file-outside-repository", message: `the file is a symbolic link to ${written}, outside the repository`, hint: "replace the link with the file itself, or point it at a file inside the repository" };
}

function notRegular(stats: Stats): RepositoryRead {
  return { ok: false, code: "file-not-regular", message: `the file is ${kindOf(stats)}, not a regular file`, hint: "desired-state and stack files must be plain files in the repository" };
}

// O_NOFOLLOW: the checked real path is opened as it is; O_NONBLOCK: a FIFO put there meanwhile does not hang the open.
const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Reads `path` if it is a regular file inside `root` (real path) of at most `maxBytes`. */
export async function readRepositoryFile(path: string, root: string, maxBytes: number): Promise<RepositoryRead> {
  try {
    const realRoot = await realpath(root);
    const link = await lstat(path);
    const real = await realpath(path);
    if (!isInside(real, realRoot)) return outside(link.isSymbolicLink() ? await readlink(path) : real);
    const handle = await open(real, flags);
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) return notRegular(stats);
      if (stats.size > maxBytes) return tooLarge(maxBytes, stats.size);
      const buffer = Buffer.allocUnsafe(Math.min(maxBytes, stats.size) + 1);
      let length = 0;
      // Read until the end or one byte past the cap; the size stat() gave is only a first guess.
      for (;;) {
        if (length === buffer.length) {
          if (length > maxBytes) return tooLarge(maxBytes);
          return await readGrowing(handle, buffer, length, maxBytes);
        }
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) return { ok: true, bytes: buffer.subarray(0, length) };
        length += bytesRead;
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    return unreadable(error);
  }
}

/** The file grew past what stat() said: keep reading in steps, up to the cap plus one byte. */
async function readGrowing(handle: Awaited<ReturnType<typeof open>>, start: Buffer, length: number, maxBytes: number): Promise<RepositoryRead> {
  const parts = [start.subarray(0, length)];
  let total = length;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, maxBytes + 1 - total), total);
    if (bytesRead === 0) return { ok: true, bytes: Buffer.concat(parts) };
    parts.push(Buffer.from(chunk.subarray(0, bytesRead)));
    total += bytesRead;
    if (total > maxBytes) return tooLarge(maxBytes);
  }
}

/** The same checks, synchronously, for the diagnostics formatter's source excerpts; undefined when it may not be read. */
export function readRepositoryFileSync(path: string, root: string, maxBytes: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    const real = realpathSync(path);
    if (!isInside(real, realpathSync(root)) || lstatSync(real).isSymbolicLink()) return undefined;
    fd = openSync(real, flags);
    if (!fstatSync(fd).isFile()) return undefined;
    const parts: Buffer[] = [];
    const chunk = Buffer.allocUnsafe(64 * 1024);
    for (let total = 0; ;) {
      const read = readSync(fd, chunk, 0, chunk.length, total);
      if (read === 0) return Buffer.concat(parts);
      parts.push(Buffer.from(chunk.subarray(0, read)));
      total += read;
      if (total > maxBytes) return undefined;
    }
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
