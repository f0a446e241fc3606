// Builds the notifiers a stack's `notify:` section asks for, reading secrets from the environment.
// A missing variable disables that channel with a warning instead of stopping the daemon.
import type { NotifyConfig } from "../desired-state/types.ts";
import type { GithubRepo } from "../github/repo.ts";
import { createEmailNotifier } from "./email.ts";
import { createGithubStatusNotifier } from "./github-status.ts";
import { createRedactor, secretEnvNames, type Redactor } from "./redact.ts";
import { createSlackNotifier } from "./slack.ts";
import type { Notifier } from "./types.ts";
import { createWebhookNotifier } from "./webhook.ts";

export interface NotifierSetup {
  notifiers: Notifier[];
  redact: Redactor;
  warnings: string[];
}

export function createNotifiersFromConfig(config: Partial<NotifyConfig> | undefined, env: NodeJS.ProcessEnv, github?: GithubRepo): NotifierSetup {
  const notifiers: Notifier[] = [];
  const warnings: string[] = [];
  const secrets: (string | undefined)[] = secretEnvNames.map((name) => env[name]);
  function fromEnv(name: string | undefined, what: string): string | undefined {
    if (!name) return undefined;
    const value = env[name];
    if (!value) warnings.push(`${what} is off: the environment variable ${name} is not set`);
    secrets.push(value);
    return value || undefined;
  }
  const slackUrl = fromEnv(config?.slack_webhook_env, "the Slack webhook");
  if (slackUrl) notifiers.push(createSlackNotifier({ url: slackUrl }));
  const webhookUrl = fromEnv(config?.webhook_url_env, "the webhook");
  const webhookSecret = fromEnv(config?.webhook_secret_env, "webhook signing");
  if (webhookUrl) notifiers.push(createWebhookNotifier({ url: webhookUrl, ...(webhookSecret ? { secret: webhookSecret } : {}) }));
  if (webhookUrl && !webhookSecret) warnings.push("the webhook is sent unsigned: set notify.webhook_secret_env");
  const email = config?.email;
  const smtpUrl = email ? fromEnv(email.smtp_url_env, "email") : undefined;
  if (email && smtpUrl) notifiers.push(createEmailNotifier({ smtpUrl, from: email.from, to: email.to }));
  if (config?.github_status !== false && github) notifiers.push(createGithubStatusNotifier({ target: github }));
  return { notifiers, redact: createRedactor(secrets), warnings };
}
