// TXT content: the YAML holds plain text; Cloudflare holds quoted character-strings of at most
// 255 bytes each ("abc" "def"), with `"` and `\` escaped. These two functions are inverses.

const chunkBytes = 255;

/** Plain text -> `"chunk" "chunk"`, splitting on UTF-8 character boundaries. */
export function quoteTxt(text: string): string {
  const chunks: string[] = [];
  let current = "";
  let size = 0;
  for (const char of text) {
    const bytes = Buffer.byteLength(char);
    if (size + bytes > chunkBytes) {
      chunks.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += bytes;
  }
  if (current !== "" || chunks.length === 0) chunks.push(current);
  return chunks.map((chunk) => `"${chunk.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(" ");
}

/** `"a" "b"` -> `ab`, undoing `\"`, `\\` and `\DDD`; unquoted input is returned as given. */
export function unquoteTxt(content: string): string {
  const text = content.trim();
  if (!text.startsWith('"')) return content;
  const bytes: number[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char !== '"') {
      if (/\s/.test(char)) {
        i++;
        continue;
      }
      return content; // not a sequence of quoted strings: keep it verbatim
    }
    i++;
    let closed = false;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        closed = true;
        i++;
        break;
      }
      if (c === "\\" && i + 1 < text.length) {
        const digits = /^\d{3}/.exec(text.slice(i + 1, i + 4));
        if (digits) {
          bytes.push(Number(digits[0]));
          i += 4;
          continue;
        }
        bytes.push(...Buffer.from(text[i + 1]!));
        i += 2;
        continue;
      }
      const codePoint = text.codePointAt(i)!;
      const glyph = String.fromCodePoint(codePoint);
      bytes.push(...Buffer.from(glyph));
      i += glyph.length;
    }
    if (!closed) return content;
  }
  return Buffer.from(bytes).toString("utf8");
}
