// Bounds on what the loader will read: hostile or runaway YAML is refused, never expanded.
export const limits = {
  /** A 10,000-record zone file is about 1 MB; far beyond that is a mistake or an attack. */
  maxFileBytes: 16 * 1024 * 1024,
  /**
   * All the YAML one stack reads, together. A run holds about 30 bytes of memory per byte of YAML
   * while it validates (a 15.5 MB file: about 500 MB), and the daemon's unit caps memory at 768 MB:
   * one file as large as the file limit fits, two do not. Files past it are not read (yaml-total-too-large).
   */
  maxStackBytes: 16 * 1024 * 1024,
  /** Nesting depth of mappings and sequences; real files need about 5. */
  maxDepth: 32,
  /** Passed to yaml's toJS: alias expansions weighted by size (defeats "billion laughs"). */
  maxAliasCount: 100,
  /** yaml errors reported per file before giving up on it. */
  maxSyntaxErrors: 10,
};
