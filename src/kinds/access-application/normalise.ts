// A service's Access application in one comparable form: a self_hosted application for the
// service's hostname, named after the service, its session duration, and the policies it uses in
// order of precedence (by name: its own "<service> (cf-gitops)").
import { declaresApplication } from "../shared/access/block.ts";
import { canonicalDuration, defaultSessionDuration } from "../shared/access/duration.ts";
import { appId, servicePolicyName } from "../shared/access/names.ts";
import type { TunnelServiceSpec } from "../tunnel-service/spec.ts";

export const accessApplicationKindId = "access-application" as const;

export interface AccessApplicationValue extends Record<string, unknown> {
  name: string;
  domain: string;
  type: string;
  session_duration: string;
  policies: string[];
}

export function applicationValue(name: string, domain: string, type: string, sessionDuration: string | undefined, policies: string[]): AccessApplicationValue {
  return { name, domain: domain.toLowerCase(), type, session_duration: canonicalDuration(sessionDuration ?? defaultSessionDuration), policies };
}

export function applicationFromService(service: TunnelServiceSpec): AccessApplicationValue | undefined {
  const block = service.access;
  if (!declaresApplication(block)) return undefined;
  return applicationValue(service.service, service.hostname, "self_hosted", block.session_duration, [servicePolicyName(service.service)]);
}

export { appId };
