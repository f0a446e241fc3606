// The provider checks an API token passed as provider config (which the program does) against this
// pattern before any request (terraform-provider-cloudflare internal/provider.go), so a token of
// another shape fails every preview. No Pulumi SDK here: `doctor` and tests import it.

/** The cloudflare provider's pattern for `apiToken`. */
export const providerTokenPattern = /^[0-9A-Za-z_-]{40,80}$/;

export function isProviderToken(token: string): boolean {
  return providerTokenPattern.test(token);
}

/** Why the provider would reject this token, or undefined when it would not. */
export function providerTokenProblem(token: string): string | undefined {
  if (isProviderToken(token)) return undefined;
  const length = [...token].length;
  const shape = length < 40 || length > 80 ? `${length} characters long` : "contains characters other than letters, digits, - and _";
  return `CLOUDFLARE_API_TOKEN is ${shape}; the Pulumi provider only accepts tokens of 40 to 80 letters, digits, - or _ (Cloudflare's API tokens are 40), and rejects any other before sending a request`;
}
