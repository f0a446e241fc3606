// Every API call goes through `call`, which turns the SDK's errors into our ApiError /
// RateLimitError with the API's own message and what we were doing.
import Cloudflare from "cloudflare";
import { ApiError, RateLimitError } from "../../shared/errors.ts";

interface CfErrorBody {
  errors?: { code?: number; message?: string }[];
}

function apiMessages(error: InstanceType<typeof Cloudflare.APIError>): { text: string; codes: number[] } {
  const body = error.error as CfErrorBody | undefined;
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  const codes = errors.map((e) => e.code).filter((code): code is number => typeof code === "number");
  const text = errors.map((e) => (e.code ? `${e.message ?? "error"} (code ${e.code})` : (e.message ?? "error"))).join("; ");
  return { text: text || error.message, codes };
}

export async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toApiError(what, error);
  }
}

export function toApiError(what: string, error: unknown): Error {
  if (error instanceof ApiError) return error;
  if (error instanceof Cloudflare.APIError && error.status !== undefined) {
    const { text, codes } = apiMessages(error);
    if (error.status === 429) {
      return new RateLimitError(`Cloudflare rate limit while trying to ${what}: ${text}`, {
        status: 429,
        codes,
        cause: error,
        hint: "retries honoured retry-after and ran out of budget; Cloudflare allows 1,200 requests per 5 minutes, so wait a few minutes and rerun",
      });
    }
    const hint = error.status === 401 || error.status === 403 ? "check CLOUDFLARE_API_TOKEN and its permissions (cf-gitops doctor lists what is missing)" : undefined;
    return new ApiError(`Cloudflare API error while trying to ${what}: HTTP ${error.status}: ${text}`, {
      status: error.status,
      codes,
      cause: error,
      ...(hint && { hint }),
    });
  }
  if (error instanceof Cloudflare.APIError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return new ApiError(`could not reach the Cloudflare API while trying to ${what}${cause}`, {
      cause: error,
      hint: "check CLOUDFLARE_BASE_URL and the network",
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}
