// The Lists API's errors. Cloudflare words them as "filters.api.<reason>" keys; two of these are
// recorded in public reports (10026 filters.api.invalid_json, terraform-provider-cloudflare#5016;
// 10031 filters.api.ip_list_in_use, crowdsecurity/cs-cloudflare-bouncer#130). The other codes are
// the emulator's own, in the same style: match on the HTTP status, not on these numbers.
import { ApiFailure, fail } from "../../envelope.ts";

export const listErrors = {
  invalidJson: (detail: string) => new ApiFailure(400, [{ code: 10026, message: `filters.api.invalid_json: ${detail}` }]),
  inUse: (name: string, rules: number) =>
    new ApiFailure(400, [{ code: 10031, message: `filters.api.ip_list_in_use: list ${name} is referenced by ${rules} rule${rules === 1 ? "" : "s"}` }]),
  notFound: () => fail(404, 10001, "filters.api.not_found"),
  itemNotFound: () => fail(404, 10001, "filters.api.item_not_found"),
  invalidName: (name: unknown) =>
    fail(400, 10002, `filters.api.invalid_name: ${JSON.stringify(name)}; use lower-case letters, digits and underscores, at most 50 characters`),
  duplicateName: (name: string) => fail(400, 10003, `filters.api.duplicate_name: a list named ${name} already exists`),
  invalidKind: (kind: unknown) => fail(400, 10004, `filters.api.invalid_kind: ${JSON.stringify(kind)}; use ip, asn, hostname or redirect`),
  invalidDescription: () => fail(400, 10005, "filters.api.invalid_description: description must be a string of at most 500 characters"),
  invalidItems: (problems: string[]) => new ApiFailure(400, problems.map((message) => ({ code: 10021, message: `filters.api.invalid_item: ${message}` }))),
  operationInProgress: () =>
    new ApiFailure(429, [{ code: 10046, message: "A bulk operation is already in progress for this account; wait until it completes before retrying" }]),
};
