// What the sandbox may read: the repository's policies/ folder, and the running cf-gitops (its
// code, its package.json and the dependencies it resolves from), nothing else. Node's permission
// model follows a symbolic link wherever it points, so a link under policies/ that leads outside
// what may be read (a committed `policies/x -> /proc/<pid>/environ`, or `-> ../.env`) would open
// it: such links are found before the sandbox starts, and custom policies do not run.
import { existsSync } from "node:fs";
import { readdir, readlink, realpath } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { dependenciesDir, packageRoot } from "../../shared/module-paths.ts";

/** src/ when running the sources, dist/ when running the compiled package. */
function codeDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
}

export function inside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** The product's own paths, as real paths (a symlinked install reads as its target). */
export async function productReads(): Promise<string[]> {
  const root = fileURLToPath(packageRoot);
  const paths = [codeDir(), join(root, "package.json"), dependenciesDir()].filter((path) => existsSync(path));
  return Promise.all(paths.map((path) => realpath(path)));
}

export type ReadsProblem = { file: string; message: string };

/**
 * <root>/node_modules when it is cf-gitops's own dependencies (the daemon links its checkouts' to
 * them; a configuration repository installs them there): a policy's `import "pkg"` is looked up by
 * that path, not by its target. A node_modules of anything else (say, committed) is not readable.
 */
async function dependencyLink(root: string, product: readonly string[]): Promise<string[]> {
  const link = join(root, "node_modules");
  const target = await realpath(link).catch(() => undefined);
  return target !== undefined && product.includes(target) ? [link] : [];
}

/**
 * The real path of <root>/policies (and the paths of cf-gitops's dependencies as the repository
 * names them), or why the sandbox must not start: policies/ itself leads outside the repository,
 * or a link under it leads outside what the sandbox may read.
 */
export async function policyReads(root: string, product: readonly string[]): Promise<{ dir: string; dependencies: string[] } | { problem: ReadsProblem }> {
  const realRoot = await realpath(root);
  const dir = await realpath(join(root, "policies"));
  if (!inside(dir, realRoot)) return { problem: { file: "policies", message: `policies/ is a link to ${dir}, outside the repository` } };
  const allowed = [dir, ...product];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      if (!entry.isSymbolicLink()) continue;
      const target = await realpath(full).catch(() => undefined); // a dangling link opens nothing
      if (target === undefined || allowed.some((path) => inside(target, path))) continue;
      const file = `policies/${relative(dir, full).split(sep).join("/")}`;
      const written = await readlink(full).catch(() => target);
      return { problem: { file, message: `${file} is a symbolic link to ${written}, outside what custom policies may read` } };
    }
  }
  return { dir, dependencies: await dependencyLink(root, product) };
}
