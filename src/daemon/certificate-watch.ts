// Certificate expiry, checked in the background after each successful apply: handshakes to many
// hosts must not delay the page or the next run. One check at a time.
import { checkCertificates, type CertificateTarget } from "../status/certificates.ts";
import type { Metrics } from "../status/metrics.ts";
import type { CertificateStatus } from "../status/model.ts";

export interface CertificateWatch {
  current(): CertificateStatus[];
  /** Starts a check unless one is running; `onDone` runs when the results are in. */
  check(targets: CertificateTarget[], onDone: () => void): void;
}

export function createCertificateWatch(options: { metrics: Metrics; enabled: boolean }): CertificateWatch {
  let certificates: CertificateStatus[] = [];
  let running: Promise<void> | undefined;
  return {
    current: () => certificates,
    check(targets, onDone) {
      if (!options.enabled || running) return;
      running = checkCertificates(targets, options.metrics)
        .then((found) => {
          certificates = found;
          onDone();
        })
        .finally(() => (running = undefined));
    },
  };
}

/** Hostnames behind a local emulator are not served anywhere: no handshakes against them. */
export function certificateChecksWanted(env: NodeJS.ProcessEnv, override: boolean | undefined): boolean {
  return override ?? !/^https?:\/\/(127\.|localhost|\[::1\])/.test(env.CLOUDFLARE_BASE_URL ?? "");
}
