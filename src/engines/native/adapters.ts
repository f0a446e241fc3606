// The native adapters of every registered kind, each loaded from its kind's folder on first use.
import { kinds } from "../../kinds/registry.ts";
import type { NativeAdapter } from "./adapter.ts";

let loaded: Promise<Map<string, NativeAdapter>> | undefined;

/** Checks what a kind's native.ts exports: the registry test and every run rely on the shape. */
export function asNativeAdapter(kind: string, module: unknown): NativeAdapter {
  const adapter = (module as { native?: NativeAdapter } | undefined)?.native;
  const reads = adapter && [adapter.readZone, adapter.readAccount].filter((read) => typeof read === "function").length;
  if (!adapter || adapter.kind !== kind || reads !== 1 || typeof adapter.payload !== "function" || typeof adapter.writes !== "function") {
    throw new Error(`src/kinds/${kind}/native.ts must export \`native\`, a NativeAdapter for ${kind} with one of readZone or readAccount, payload and writes`);
  }
  return adapter;
}

export function nativeAdapters(): Promise<Map<string, NativeAdapter>> {
  loaded ??= Promise.all(kinds.map(async (kind) => [kind.id, asNativeAdapter(kind.id, await kind.modules.native())] as const)).then((entries) => new Map(entries));
  return loaded;
}
