// Every built-in policy, one line each. A test checks each has a file, table tests and docs.
import { accessAllowsEveryone } from "./builtin/access-allows-everyone.ts";
import { alwaysUseHttps } from "./builtin/always-use-https.ts";
import { bulkRedirectChain } from "./builtin/bulk-redirect-chain.ts";
import { cachePrivatePaths } from "./builtin/cache-private-paths.ts";
import { caaPresent } from "./builtin/caa-present.ts";
import { firewallRuleDescribed } from "./builtin/firewall-rule-described.ts";
import { headerNotSecret } from "./builtin/header-not-secret.ts";
import { maxDeletions } from "./builtin/max-deletions.ts";
import { minTlsVersion } from "./builtin/min-tls-version.ts";
import { noCatchAllBlock } from "./builtin/no-catch-all-block.ts";
import { noDanglingCname } from "./builtin/no-dangling-cname.ts";
import { noPrivateIpInPublicDns } from "./builtin/no-private-ip-in-public-dns.ts";
import { originRulePrivateHost } from "./builtin/origin-rule-private-host.ts";
import { protectedRecords } from "./builtin/protected-records.ts";
import { proxiedWebRecords } from "./builtin/proxied-web-records.ts";
import { rateLimitLogin } from "./builtin/rate-limit-login.ts";
import { redirectLoop } from "./builtin/redirect-loop.ts";
import { spfDmarcForMail } from "./builtin/spf-dmarc-for-mail.ts";
import { serviceBehindAccess } from "./builtin/service-behind-access.ts";
import { sslStrict } from "./builtin/ssl-strict.ts";
import { ttlBounds } from "./builtin/ttl-bounds.ts";
import { tunnelOriginPrivate } from "./builtin/tunnel-origin-private.ts";
import { zoneUsesProfile } from "./builtin/zone-uses-profile.ts";
import type { AnyPolicy } from "./types.ts";

export const builtinPolicies: readonly AnyPolicy[] = [
  noPrivateIpInPublicDns,
  proxiedWebRecords,
  sslStrict,
  minTlsVersion,
  alwaysUseHttps,
  ttlBounds,
  spfDmarcForMail,
  caaPresent,
  noCatchAllBlock,
  firewallRuleDescribed,
  tunnelOriginPrivate,
  serviceBehindAccess,
  accessAllowsEveryone,
  maxDeletions,
  protectedRecords,
  noDanglingCname,
  redirectLoop,
  cachePrivatePaths,
  rateLimitLogin,
  headerNotSecret,
  originRulePrivateHost,
  bulkRedirectChain,
  zoneUsesProfile,
];
