// After a successful apply: check the certificates of the hostnames it serves, in the background;
// the page is rebuilt when the results are in.
import type { CertificateWatch } from "../certificate-watch.ts";
import type { StatusCache } from "../status-cache.ts";
import type { PostRunHook } from "./post-run-hook.ts";

export function certificatesHook(watch: CertificateWatch, cache: StatusCache): PostRunHook {
  return {
    name: "certificates",
    afterRun(outcome) {
      if (outcome.certificateTargets) watch.check(outcome.stack, outcome.certificateTargets, () => cache.invalidate());
    },
  };
}
