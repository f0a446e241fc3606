// Service files (desired-state/services/<service>.yaml): a service published through a tunnel.
import type { SourceLocation } from "../../desired-state/types.ts";
import { buildAccessBlock, type AccessBlockSpec } from "../shared/access/block.ts";
import { canonicalHost, zoneOf } from "../shared/names.ts";
import type { FilePlacement } from "../kind.ts";
import { isRecord } from "../kind.ts";

export { tunnelServiceKindId } from "./normalise.ts";

export interface TunnelServiceSpec {
  service: string;
  hostname: string; // lower-case FQDN
  origin: string; // http(s)://, tcp://, ssh://, unix:, http_status:NNN
  tunnel: string; // a tunnel named in the stack file
  path?: string;
  originRequest?: Record<string, unknown>;
  /** Who may reach it (Cloudflare Access), or public: true; undefined when the file does not say. */
  access?: AccessBlockSpec;
  file: string;
  source: SourceLocation;
}

declare module "../../desired-state/types.ts" {
  interface DesiredState {
    services: TunnelServiceSpec[];
  }
}

export const servicePlacement: FilePlacement<TunnelServiceSpec, "service"> = {
  scope: "file",
  file: "service",
  folder: "services",
  nameKey: "service",
  description: "desired-state/services/<service>.yaml: a service published through Cloudflare Tunnel.",
  init(state) {
    state.services = [];
  },
  build(raw, ctx) {
    if (ctx.failed()) return undefined;
    const source = ctx.at([]);
    const service: TunnelServiceSpec = {
      service: String(raw.service),
      hostname: canonicalHost(String(raw.hostname)),
      origin: String(raw.origin),
      tunnel: String(raw.tunnel),
      file: ctx.file,
      source,
    };
    if (typeof raw.path === "string") service.path = raw.path;
    if (isRecord(raw.originRequest)) service.originRequest = raw.originRequest;
    ctx.register(service, [], source);
    const access = buildAccessBlock(raw.access, ctx);
    if (access) service.access = access;
    return service;
  },
  add: (state, spec) => void state.services.push(spec),
  all: (state) => state.services,
  nameOf: (spec) => ({ name: spec.service, file: spec.file }),
  zoneOf: (spec, zones) => zoneOf(spec.hostname, zones),
};
