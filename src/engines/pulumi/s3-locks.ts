// Stale Pulumi locks in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO): the same rule as
// on a file backend (a lock this host's pulumi took, whose process is gone), with the credentials
// the CLI gets (AWS_* from the engine's environment, or the SDK's default chain). Loaded only for
// s3:// backends: the AWS SDK is large.
import type * as S3 from "@aws-sdk/client-s3";
import type { S3Client, S3ClientConfig } from "@aws-sdk/client-s3";
import type { Logger } from "../../shared/logger.ts";
import { lockPrefixes, type S3Backend } from "./lock-keys.ts";
import { isStaleLock, type LockContent } from "./locks.ts";

/** The client's settings from the backend URL and the environment the CLI gets. */
export function s3ClientConfig(backend: S3Backend, env: NodeJS.ProcessEnv): S3ClientConfig {
  const config: S3ClientConfig = {
    region: backend.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    forcePathStyle: backend.forcePathStyle,
    // R2 and other S3-compatible stores reject or ignore the SDK's newer default checksums
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 },
  };
  if (backend.endpoint) config.endpoint = backend.endpoint;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    config.credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN && { sessionToken: env.AWS_SESSION_TOKEN }) };
  } else if (backend.profile) {
    config.profile = backend.profile;
  }
  return config;
}

async function lockKeys(client: S3Client, sdk: typeof S3, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    // "/" as delimiter: only the objects directly under the stack's lock prefix
    const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: "/", ...(token && { ContinuationToken: token }) }));
    for (const object of page.Contents ?? []) if (object.Key?.endsWith(".json")) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

async function readLock(client: S3Client, sdk: typeof S3, bucket: string, key: string): Promise<LockContent | undefined> {
  try {
    const object = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
    return JSON.parse((await object.Body?.transformToString()) ?? "") as LockContent;
  } catch {
    return undefined; // gone meanwhile (its CLI finished), or not a lock: left alone
  }
}

/** Removes this host's stale lock objects of the stack; returns them as s3://bucket/key. */
export async function removeStaleS3Locks(backend: S3Backend, project: string, stack: string, log: Logger, env: NodeJS.ProcessEnv): Promise<string[]> {
  const sdk = await import("@aws-sdk/client-s3");
  const client = new sdk.S3Client(s3ClientConfig(backend, env));
  const removed: string[] = [];
  try {
    for (const prefix of lockPrefixes(stack, project)) {
      const full = backend.prefix ? `${backend.prefix}/${prefix}` : prefix;
      for (const key of await lockKeys(client, sdk, backend.bucket, full)) {
        const lock = await readLock(client, sdk, backend.bucket, key);
        if (!isStaleLock(lock)) continue;
        await client.send(new sdk.DeleteObjectCommand({ Bucket: backend.bucket, Key: key }));
        const where = `s3://${backend.bucket}/${key}`;
        removed.push(where);
        log.warn({ stack, lock: where, pid: lock!.pid, since: lock!.timestamp }, "removed a stale pulumi lock left by a stopped CLI");
      }
    }
  } finally {
    client.destroy();
  }
  return removed;
}
