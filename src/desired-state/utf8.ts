// Strict UTF-8 decoding that says where the first bad byte is.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export type Utf8Result = { ok: true; text: string } | { ok: false; line: number; column: number };

export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
    const lines = before.split("\n");
    return { ok: false, line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
  }
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function firstInvalidByte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const length = sequenceLength(bytes[index]!);
    if (length === 0 || index + length > bytes.length) return index;
    for (let k = 1; k < length; k++) if ((bytes[index + k]! & 0xc0) !== 0x80) return index;
    if (length > 1 && !decodes(bytes.subarray(index, index + length))) return index; // overlong or surrogate forms
    index += length;
  }
  return index;
}

function decodes(sequence: Uint8Array): boolean {
  try {
    decoder.decode(sequence);
    return true;
  } catch {
    return false;
  }
}
