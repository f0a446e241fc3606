// Atomic persistence of the store to --state: write a temporary file beside it, then rename.
// Writes are coalesced: many changes while a write runs give one more write afterwards.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { EmulatorStore, StoreSnapshot } from "./store.ts";

export class StatePersister {
  readonly path: string;
  private readonly store: EmulatorStore;
  private running: Promise<void> | undefined;
  private pending = false;
  private readonly onError: (error: unknown) => void;
  /** The last failed write, if the latest attempt failed (cleared by a successful write). */
  lastError: unknown;

  constructor(path: string, store: EmulatorStore, onError: (error: unknown) => void = reportToStderr) {
    this.path = path;
    this.store = store;
    this.onError = onError;
  }

  /** Loads the state file if it exists; returns whether it did. A corrupt file is an error, not a reset. */
  async load(): Promise<boolean> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
    let snapshot: StoreSnapshot;
    try {
      snapshot = JSON.parse(text) as StoreSnapshot;
    } catch (error) {
      throw new Error(`emulator state file ${this.path} is not valid JSON; move it away to start empty`, { cause: error });
    }
    if (snapshot.format !== "cf-gitops-emulator-state") {
      throw new Error(`${this.path} is not a cf-gitops emulator state file (no "format": "cf-gitops-emulator-state")`);
    }
    this.store.load(snapshot);
    return true;
  }

  /** Asks for a write soon; resolves when the state as of now was written (or failed: see lastError). */
  schedule(): Promise<void> {
    this.pending = true;
    if (!this.running) this.running = this.drain();
    return this.running;
  }

  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        this.pending = false;
        try {
          await this.write();
          this.lastError = undefined;
        } catch (error) {
          // A failed save must not take the emulator down; the next change tries again.
          this.lastError = error;
          this.onError(error);
        }
      }
    } finally {
      this.running = undefined;
    }
  }

  private async write(): Promise<void> {
    const text = JSON.stringify(this.store.toSnapshot());
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, text, "utf8");
    await rename(temporary, this.path);
  }
}

function reportToStderr(error: unknown): void {
  process.stderr.write(`cf-gitops emulator: could not save state: ${error instanceof Error ? error.message : String(error)}\n`);
}
