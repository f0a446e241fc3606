// TXT content as Cloudflare stores it: quoted character-strings of at most 255 bytes each,
// separated by spaces, with `"` and `\` escaped. Plain text and already-quoted text are both accepted.

const maxChunkBytes = 255;

/** Plain or quoted input -> `"chunk" "chunk"`. */
export function quoteTxt(input: string): string {
  const chunks = parseQuotedTxt(input) ?? [input];
  return chunks.flatMap(splitUtf8).map((chunk) => `"${escapeTxt(chunk)}"`).join(" ");
}

/** `"a" "b"` -> ["a", "b"]; undefined when the text is not a sequence of quoted strings. */
export function parseQuotedTxt(text: string): string[] | undefined {
  const source = text.trim();
  if (!source.startsWith('"')) return undefined;
  const chunks: string[] = [];
  let i = 0;
  while (i < source.length) {
    if (source[i] !== '"') return undefined;
    i++;
    let chunk = "";
    let closed = false;
    while (i < source.length) {
      const char = source[i]!;
      if (char === "\\") {
        const digits = /^\d{3}/.exec(source.slice(i + 1, i + 4));
        if (digits) {
          chunk += String.fromCharCode(Number(digits[0]));
          i += 4;
          continue;
        }
        if (i + 1 >= source.length) return undefined;
        chunk += source[i + 1];
        i += 2;
        continue;
      }
      if (char === '"') {
        closed = true;
        i++;
        break;
      }
      chunk += char;
      i++;
    }
    if (!closed) return undefined;
    chunks.push(chunk);
    const gap = /^\s*/.exec(source.slice(i))![0].length;
    if (gap === 0 && i < source.length) return undefined;
    i += gap;
  }
  return chunks;
}

function escapeTxt(text: string): string {
  return text.replace(/[\\"]/g, (char) => `\\${char}`);
}

/** Splits at code-point boundaries so no chunk exceeds 255 UTF-8 bytes. */
function splitUtf8(text: string): string[] {
  if (Buffer.byteLength(text) <= maxChunkBytes) return [text];
  const chunks: string[] = [];
  let current = "";
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxChunkBytes) {
      chunks.push(current);
      current = "";
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  chunks.push(current);
  return chunks;
}
