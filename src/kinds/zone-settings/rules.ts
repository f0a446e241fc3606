// Settings that contradict each other.
import type { ZoneRule } from "../kind.ts";

export const tlsVersionRule: ZoneRule = {
  name: "settings-tls-versions",
  check({ zone, locate }, report) {
    const values = zone.settings?.values;
    if (!zone.settings || values?.min_tls_version !== "1.3" || values.tls_1_3 !== "off") return;
    report(
      { code: "settings-contradiction", message: 'min_tls_version "1.3" needs tls_1_3 on; with tls_1_3 off no visitor could connect', hint: "set tls_1_3: on (or zrt), or lower min_tls_version" },
      locate(zone.settings, "tls_1_3"),
    );
  },
};
