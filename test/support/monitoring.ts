// deploy/monitoring as the containers see it: the compose file's bind mounts laid out under a
// temporary directory, so promtool checks the config with the rules exactly where Prometheus finds them.
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";

export const monitoringDir = resolve(import.meta.dirname, "../../deploy/monitoring");

export interface ComposeService {
  image: string;
  network_mode?: string;
  command?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  [key: string]: unknown;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export interface BindMount {
  source: string;
  target: string;
}

export function readCompose(text: string): ComposeFile {
  return parse(text) as ComposeFile;
}

/** The service's bind mounts from files in this repository (relative sources), resolved. */
export function repoMounts(service: ComposeService): BindMount[] {
  return (service.volumes ?? []).flatMap((volume) => {
    const [source, target] = volume.split(":");
    return source!.startsWith(".") ? [{ source: resolve(monitoringDir, source!), target: target! }] : [];
  });
}

/** Copies the service's repository mounts under dir; returns dir + the container path given. */
export function layOut(service: ComposeService, dir: string, path: string): string {
  for (const mount of repoMounts(service)) {
    mkdirSync(dirname(join(dir, mount.target)), { recursive: true });
    cpSync(mount.source, join(dir, mount.target), { recursive: true });
  }
  return join(dir, path);
}
