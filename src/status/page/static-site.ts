// The status page as files (<data dir>/public), publishable anywhere. Each file is replaced atomically.
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StatusModel } from "../model.ts";
import { renderStatusPage } from "./render.ts";

async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, content, { encoding: "utf8", mode: 0o644 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Writes index.html (without the live script) and status.json; returns their paths. */
export async function writeStaticSite(dir: string, model: StatusModel): Promise<{ html: string; json: string }> {
  await mkdir(dir, { recursive: true });
  const paths = { html: join(dir, "index.html"), json: join(dir, "status.json") };
  await writeAtomically(paths.json, `${JSON.stringify(model, null, 2)}\n`);
  await writeAtomically(paths.html, renderStatusPage(model, { live: false }));
  return paths;
}
