// Which rules of an ordered kind moved: those present on both sides that are not part of the
// longest common subsequence of their order. Inserting or deleting a rule moves nothing else.

export function movedRefs(desired: string[], live: string[]): string[] {
  const liveSet = new Set(live);
  const desiredSet = new Set(desired);
  const a = desired.filter((key) => liveSet.has(key));
  const b = live.filter((key) => desiredSet.has(key));
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Array<number>(rows * cols).fill(0);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] = a[i] === b[j] ? table[(i + 1) * cols + j + 1]! + 1 : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      kept.add(a[i]!);
      i++;
      j++;
    } else if (table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!) i++;
    else j++;
  }
  return a.filter((key) => !kept.has(key));
}
