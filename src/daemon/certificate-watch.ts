// Certificate expiry, checked in the background after each successful apply: handshakes to many
// hosts must not delay the page or the next run. One check at a time per stack; the page lists the
// results of every stack.
import { checkCertificates, type CertificateTarget } from "../status/certificates.ts";
import type { Metrics } from "../status/metrics.ts";
import type { CertificateStatus } from "../status/model.ts";

export interface CertificateWatch {
  current(): CertificateStatus[];
  /** Starts a check of a stack's hostnames unless one is running; `onDone` runs when the results are in. */
  check(stack: string, targets: CertificateTarget[], onDone: () => void): void;
  /** Forgets a stack (it left the repository). */
  forget(stack: string): void;
}

export function createCertificateWatch(options: { metrics: Metrics; enabled: boolean }): CertificateWatch {
  const found = new Map<string, CertificateStatus[]>();
  const running = new Set<string>();
  return {
    current: () => [...found.values()].flat(),
    check(stack, targets, onDone) {
      if (!options.enabled || running.has(stack)) return;
      running.add(stack);
      void checkCertificates(targets, options.metrics)
        .then((results) => {
          found.set(stack, results);
          onDone();
        })
        .finally(() => running.delete(stack));
    },
    forget: (stack) => void found.delete(stack),
  };
}

/** Hostnames behind a local emulator are not served anywhere: no handshakes against them. */
export function certificateChecksWanted(env: NodeJS.ProcessEnv, override: boolean | undefined): boolean {
  return override ?? !/^https?:\/\/(127\.|localhost|\[::1\])/.test(env.CLOUDFLARE_BASE_URL ?? "");
}
