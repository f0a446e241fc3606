// How much a backup may unpack to. A gzip bomb (a small file that inflates to gigabytes) is
// refused as soon as it passes this, reading nothing more; a history of years is tens of MB.
export const defaultMaxUnpackedBytes = 2 * 1024 * 1024 * 1024;

/** The manifest is a few KB; more is not a manifest cf-gitops wrote. */
export const maxManifestBytes = 1024 * 1024;

export function describeBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
