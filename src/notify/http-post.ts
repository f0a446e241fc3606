// One JSON POST with a timeout. Errors name the status, never the URL (webhook URLs are secrets).
import { CfGitopsError } from "../shared/errors.ts";

export class NotifyError extends CfGitopsError {
  override name = "NotifyError";
}

export async function postJson(url: string, body: string, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "user-agent": "cf-gitops", ...headers }, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    throw new NotifyError(`webhook request failed: ${reason}`);
  }
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new NotifyError(`webhook answered HTTP ${response.status}`);
}
