// Sample requests the rule policies evaluate expressions against (src/kinds/shared/expression/
// evaluate.ts): only what the policy knows is set; everything else (the host, the client's address)
// stays unknown, so a check depending on it answers "unknown" rather than a guess.
import type { SampleRequest, SampleValue } from "../../kinds/shared/expression/index.ts";

export interface SampleParts {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
}

export function sampleRequest(parts: SampleParts): SampleRequest {
  const headers = Object.fromEntries(Object.entries(parts.headers ?? {}).map(([name, value]) => [name.toLowerCase(), [value]]));
  const cookies = Object.fromEntries(Object.entries(parts.cookies ?? {}).map(([name, value]) => [name, [value]]));
  const cookieHeader = Object.entries(parts.cookies ?? {}).map(([name, value]) => `${name}=${value}`).join("; ");
  if (cookieHeader) headers.cookie = [cookieHeader];
  const last = parts.path.slice(parts.path.lastIndexOf("/") + 1);
  const dot = last.lastIndexOf(".");
  const fields: Record<string, SampleValue> = {
    "http.request.uri.path": parts.path,
    "http.request.uri.path.extension": dot > 0 ? last.slice(dot + 1).toLowerCase() : "",
    "http.request.uri.query": "",
    "http.request.uri": parts.path,
    "http.request.method": parts.method ?? "GET",
    "http.request.headers": headers,
    "http.request.headers.names": Object.keys(headers),
    "http.request.headers.values": Object.values(headers).flat(),
    "http.cookie": cookieHeader,
    "http.request.cookies": cookies,
  };
  return fields;
}
