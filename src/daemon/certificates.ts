// Certificate watch after a successful apply: a TLS handshake per proxied hostname (or the stack's
// list), recorded on the page and in cfgitops_certificate_expiry_timestamp_seconds.
import { loadDesiredState } from "../desired-state/index.ts";
import type { StackConfig } from "../desired-state/types.ts";
import { certificateTargets, checkCertificates } from "../status/certificates.ts";
import type { Metrics } from "../status/metrics.ts";
import type { CertificateStatus } from "../status/model.ts";

export async function refreshCertificates(root: string, stack: StackConfig, metrics: Metrics, previous: CertificateStatus[]): Promise<CertificateStatus[]> {
  if (!stack.certificates.enabled) return [];
  try {
    const { state } = await loadDesiredState(`${root}/${stack.desired_state.dir}`, { root, stack });
    return await checkCertificates(certificateTargets(state, stack), metrics, { concurrency: 4 });
  } catch {
    return previous;
  }
}
