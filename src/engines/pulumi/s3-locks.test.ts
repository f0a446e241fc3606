// Stale Pulumi locks in an S3-compatible bucket (issue 27 item 4), against a local S3 server
// (s3rver, on 127.0.0.1) through the real AWS SDK: the same rule as on a file backend.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../shared/logger.ts";
import { describePulumiLock, pulumiLockKeys, s3Backend } from "./lock-keys.ts";
import { removeStaleLocks } from "./locks.ts";
import { s3ClientConfig } from "./s3-locks.ts";
import { Writable } from "node:stream";

let dir: string;
let server: S3rver;
let endpoint: string;
const credentials = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };
const sessionToken = ["session", "of", "the", "bucket"].join("-");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cf-gitops-s3-"));
  server = new S3rver({ port: 0, address: "127.0.0.1", directory: dir, silent: true, configureBuckets: [{ name: "state", configs: [] }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

function client(): S3Client {
  return new S3Client({ region: "auto", endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
}

async function keys(prefix: string): Promise<string[]> {
  const listed = await client().send(new ListObjectsV2Command({ Bucket: "state", Prefix: prefix }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

describe("where a stack's lock lives", () => {
  it("reads an R2 backend URL as Pulumi does: bucket, prefix, endpoint, region, path style", () => {
    const r2 = "s3://cf-gitops-state/prod?endpoint=https://acc.r2.cloudflarestorage.com&region=auto&s3ForcePathStyle=true";
    expect(s3Backend(r2)).toEqual({ bucket: "cf-gitops-state", prefix: "prod", endpoint: "https://acc.r2.cloudflarestorage.com", region: "auto", forcePathStyle: true });
    expect(s3Backend("s3://bucket?endpoint=minio.local:9000&disableSSL=true&use_path_style=true")).toMatchObject({ prefix: "", endpoint: "http://minio.local:9000", forcePathStyle: true });
    expect(s3Backend("file:///var/lib/cf-gitops/pulumi")).toBeUndefined();
    expect(pulumiLockKeys(r2, "default")).toEqual(["s3://cf-gitops-state/prod/.pulumi/locks/organization/cf-gitops/default/", "s3://cf-gitops-state/prod/.pulumi/locks/default/"]);
  });

  it("names it for doctor and the status page, and how a stale one is cleared, for each backend", () => {
    expect(describePulumiLock({ dataDir: "/var/lib/cf-gitops", stack: "prod", env: {} })).toEqual({
      backend: "file",
      locations: ["/var/lib/cf-gitops/pulumi/.pulumi/locks/organization/cf-gitops/prod/", "/var/lib/cf-gitops/pulumi/.pulumi/locks/prod/"],
      clearing: expect.stringContaining("removes a lock taken on this host by a pulumi process that no longer runs"),
    });
    expect(describePulumiLock({ dataDir: "/d", stack: "prod", env: { PULUMI_BACKEND_URL: "s3://b/p?region=auto" } }).locations[0]).toBe("s3://b/p/.pulumi/locks/organization/cf-gitops/prod/");
    const cloud = describePulumiLock({ dataDir: "/d", stack: "prod", env: { PULUMI_BACKEND_URL: "https://api.pulumi.com" } });
    expect(cloud).toMatchObject({ backend: "cloud", locations: [] });
    expect(cloud.clearing).toMatch(/pulumi cancel --stack prod --yes/);
  });

  it("gives the S3 client the CLI's credentials, the URL's endpoint and region, and no checksums R2 refuses", () => {
    const config = s3ClientConfig(s3Backend("s3://b/p?endpoint=https://acc.r2.cloudflarestorage.com&region=auto&s3ForcePathStyle=true")!, { ...credentials, AWS_SESSION_TOKEN: sessionToken });
    expect(config).toMatchObject({ region: "auto", endpoint: "https://acc.r2.cloudflarestorage.com", forcePathStyle: true, requestChecksumCalculation: "WHEN_REQUIRED" });
    expect(config.credentials).toEqual({ accessKeyId: "S3RVER", secretAccessKey: "S3RVER", sessionToken });
    expect(s3ClientConfig(s3Backend("s3://b")!, { AWS_REGION: "eu-west-1" })).toMatchObject({ region: "eu-west-1" });
  });
});

describe("stale locks in an S3-compatible bucket", () => {
  it("removes this host's locks whose CLI is gone, and no other", async () => {
    const running = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", "pulumi-up-stand-in"], { stdio: "ignore" });
    const s3 = client();
    try {
      const dead = await deadPid();
      const lock = (pid: number, host = hostname()) => JSON.stringify({ pid, username: "cf-gitops", hostname: host, timestamp: new Date().toISOString() });
      const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: "state", Key: `prod/${key}`, Body: body }));
      const project = ".pulumi/locks/organization/cf-gitops/default";
      await put(`${project}/stale.json`, lock(dead));
      await put(".pulumi/locks/default/stale-legacy.json", lock(dead));
      await put(`${project}/running.json`, lock(running.pid!));
      await put(`${project}/other-host.json`, lock(dead, "some-other-host"));
      await put(`${project}/recycled.json`, lock(process.pid));
      await put(`${project}/not-a-lock.json`, "{");
      await put(".pulumi/locks/organization/cf-gitops/other-stack/stale.json", lock(dead));
      await put(".pulumi/stacks/cf-gitops/default.json", "{}");
      const lines: Record<string, unknown>[] = [];
      const log = createLogger({ level: "debug", destination: new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) }) });
      const backend = `s3://state/prod?endpoint=${endpoint}&region=auto&s3ForcePathStyle=true`;
      const removed = await removeStaleLocks(backend, "cf-gitops", "default", log, credentials);
      expect(removed.sort()).toEqual([`s3://state/prod/${project}/recycled.json`, `s3://state/prod/${project}/stale.json`, "s3://state/prod/.pulumi/locks/default/stale-legacy.json"].sort());
      expect(await keys("prod/")).toEqual(
        [`prod/${project}/not-a-lock.json`, `prod/${project}/other-host.json`, `prod/${project}/running.json`, "prod/.pulumi/locks/organization/cf-gitops/other-stack/stale.json", "prod/.pulumi/stacks/cf-gitops/default.json"].sort(),
      );
      expect(lines.filter((line) => line.msg === "removed a stale pulumi lock left by a stopped CLI")).toHaveLength(3);
    } finally {
      running.kill("SIGKILL");
      for (const key of await keys("prod/")) await s3.send(new DeleteObjectCommand({ Bucket: "state", Key: key }));
    }
  });

  it("a bucket it cannot reach is logged, not fatal: the update then reports the lock itself", async () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger({ level: "debug", destination: new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) }) });
    await expect(removeStaleLocks("s3://state/prod?endpoint=http://127.0.0.1:9&region=auto&s3ForcePathStyle=true", "cf-gitops", "default", log, credentials)).resolves.toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: "could not check the stack's pulumi locks in the bucket", stack: "default" }));
  });
});
