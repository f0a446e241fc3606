// The purge family's store slice (state file key `purges`): the purges received, newest last.
import type { EmulatorStore } from "../../store.ts";
import { defineSlice } from "../family.ts";
import type { PurgeRequest } from "./types.ts";

export const purgesSlice = defineSlice<PurgeRequest[]>({
  keys: ["purges"],
  create: () => [],
  snapshot: (purges) => ({ purges }),
  load(purges, snapshot) {
    purges.push(...((snapshot.purges as PurgeRequest[] | undefined) ?? []));
  },
});

export function purgesOf(store: EmulatorStore): PurgeRequest[] {
  return store.slice(purgesSlice);
}
