// A minimal ustar writer and reader, for tests that craft archives by hand (damaged, hostile, or as
// cf-gitops wrote backups before it used the npm `tar` package, ADR 16 and 26). Regular files only.
const block = 512;

export interface TarEntry {
  path: string;
  data: Buffer;
  /** Permission bits (default 0o600: backups hold history and encrypted state). */
  mode?: number;
  mtime?: Date;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

/** ustar keeps names up to 100 bytes, or 155 + 100 split at a slash. */
function splitName(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: "" };
  for (let slash = path.indexOf("/"); slash !== -1; slash = path.indexOf("/", slash + 1)) {
    const prefix = path.slice(0, slash);
    const name = path.slice(slash + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  throw new Error(`path too long for a ustar archive: ${path}`);
}

function header(entry: TarEntry): Buffer {
  const buffer = Buffer.alloc(block);
  const { name, prefix } = splitName(entry.path);
  buffer.write(name, 0, 100, "utf8");
  buffer.write(octal(entry.mode ?? 0o600, 8), 100, "ascii");
  buffer.write(octal(0, 8), 108, "ascii");
  buffer.write(octal(0, 8), 116, "ascii");
  buffer.write(octal(entry.data.length, 12), 124, "ascii");
  buffer.write(octal(Math.floor((entry.mtime ?? new Date()).getTime() / 1000), 12), 136, "ascii");
  buffer.write("        ", 148, "ascii"); // checksum is computed with its own field as spaces
  buffer.write("0", 156, "ascii");
  buffer.write("ustar\u000000", 257, "ascii");
  buffer.write(prefix, 345, 155, "utf8");
  buffer.write(`${checksum(buffer).toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return buffer;
}

function checksum(headerBlock: Buffer): number {
  let sum = 0;
  for (let i = 0; i < block; i++) sum += i >= 148 && i < 156 ? 32 : headerBlock[i]!;
  return sum;
}

/** The archive as one buffer: each entry's header and data padded to 512 bytes, then two empty blocks. */
export function writeTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(header(entry), entry.data);
    const padding = (block - (entry.data.length % block)) % block;
    if (padding) parts.push(Buffer.alloc(padding));
  }
  parts.push(Buffer.alloc(block * 2));
  return Buffer.concat(parts);
}

function text(buffer: Buffer, start: number, length: number): string {
  const raw = buffer.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
}

function number(buffer: Buffer, start: number, length: number): number {
  const value = text(buffer, start, length).trim();
  return /^[0-7]+$/.test(value) ? parseInt(value, 8) : NaN;
}

/** Reads a ustar archive; throws (with the reason) on anything it did not write itself. */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + block <= archive.length) {
    const head = archive.subarray(offset, offset + block);
    if (head.every((byte) => byte === 0)) return entries;
    if (number(head, 148, 8) !== checksum(head)) throw new Error(`bad header checksum at byte ${offset}`);
    const type = String.fromCharCode(head[156]!);
    const prefix = text(head, 345, 155);
    const path = prefix ? `${prefix}/${text(head, 0, 100)}` : text(head, 0, 100);
    const size = number(head, 124, 12);
    if (!Number.isFinite(size)) throw new Error(`bad size for ${path}`);
    const dataStart = offset + block;
    if (dataStart + size > archive.length) throw new Error(`${path} is cut short`);
    if (type === "0" || type === "\0") {
      entries.push({ path, data: Buffer.from(archive.subarray(dataStart, dataStart + size)), mode: number(head, 100, 8), mtime: new Date(number(head, 136, 12) * 1000) });
    } else if (type !== "5") {
      throw new Error(`unexpected entry type "${type}" for ${path}`);
    }
    offset = dataStart + Math.ceil(size / block) * block;
  }
  throw new Error("the archive has no end marker (cut short?)");
}
