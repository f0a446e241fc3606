// The Access applications part of the engine conformance suite: two services with access (each
// with its application, tunnel ingress rule and CNAME; their policies are the access-policy
// scenario's); one's session shortened; the other made public (its application goes); a session
// duration changed in the dashboard as drift.
import type { KindScenario } from "../conformance.ts";

const admin = (duration: string, emails: string[]) =>
  [
    "service: conf-admin",
    "hostname: admin.example.com",
    "origin: http://localhost:9000",
    "tunnel: home-pi",
    "access:",
    `  session_duration: ${duration}`,
    "  allow:",
    `    - email: [${emails.join(", ")}]`,
    "    - group: conformance-family",
    "  require:",
    "    - country: DE",
    "  deny:",
    "    - ip: 198.51.100.0/24",
    "",
  ].join("\n");
const wiki = (access: string[]) => ["service: conf-wiki", "hostname: wiki.example.com", "origin: http://localhost:9001", "tunnel: home-pi", "access:", ...access, ""].join("\n");
const adminFile = "desired-state/services/conf-admin.yaml";
const wikiFile = "desired-state/services/conf-wiki.yaml";
const app = (host: string) => `access-application access/apps/${host}.example.com [domain,name,policies,session_duration,type]`;

export const scenario: KindScenario = {
  create: {
    files: { [adminFile]: admin("12h", ["me@example.com", "ops@example.com"]), [wikiFile]: wiki(["  allow:", "    - email_domain: example.org"]) },
    expect: [
      `create ${app("admin")}`,
      `create ${app("wiki")}`,
      "create tunnel-service services/conf-admin [hostname,service,tunnel]",
      "create tunnel-service services/conf-wiki [hostname,service,tunnel]",
      "create dns-record example.com/dns/admin/CNAME [content,name,proxied,tags,ttl,type]",
      "create dns-record example.com/dns/wiki/CNAME [content,name,proxied,tags,ttl,type]",
    ],
  },
  update: {
    files: { [adminFile]: admin("8h", ["ops@example.com"]) },
    expect: ["update access-application access/apps/admin.example.com [session_duration]"],
  },
  remove: {
    files: { [wikiFile]: wiki(["  public: true"]) },
    expect: [`delete ${app("wiki")}`],
  },
  drift: {
    async edit(api) {
      const apps = await api.request<Record<string, unknown>[]>("GET", `/accounts/${api.accountId}/access/apps`);
      const found = apps.find((candidate) => candidate.domain === "admin.example.com")!;
      const policies = (found.policies as { id: string; precedence: number }[]).map(({ id, precedence }) => ({ id, precedence }));
      await api.request("PUT", `/accounts/${api.accountId}/access/apps/${String(found.id)}`, { ...found, session_duration: "720h", policies });
    },
    expect: ["update access-application access/apps/admin.example.com [session_duration]"],
  },
};
