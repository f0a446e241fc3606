// The build context of a zone file with profiles: the kinds build the merged mapping as they build
// any zone file, and every position they ask for (or register for rules) is looked up in the file
// the value came from. Positions in a profile carry its name, so plans say "from profile NAME".
import type { BuildContext } from "../../kinds/kind.ts";
import { pathLocation, type SourceMap } from "../source-map.ts";
import type { SourceLocation } from "../types.ts";
import type { MergedZone, Origin } from "./merge.ts";

function marked(at: SourceLocation, origin: Origin): SourceLocation {
  return origin.profile === undefined ? at : { ...at, profile: origin.profile };
}

export function mergedContext(merged: MergedZone, zone: Origin, map: SourceMap): BuildContext {
  return {
    file: zone.parsed.file,
    failed(path) {
      if (path === undefined) return zone.failed.size > 0;
      if (!merged.anyFailed) return false;
      const slash = path.indexOf("/");
      const steps = slash < 0 ? [path] : [path.slice(0, slash), /^\d+$/.test(path.slice(slash + 1)) ? Number(path.slice(slash + 1)) : path.slice(slash + 1)];
      const found = merged.origin(steps);
      return found.origin.failed.has(found.path.slice(0, 2).join("/"));
    },
    at(path, options = {}) {
      const found = merged.origin(path);
      return marked(pathLocation(found.origin.parsed, found.path, options), found.origin);
    },
    register(target, path, source, keepFields = []) {
      const found = merged.origin(path);
      map.register(target, found.origin.parsed.file, found.path, source);
      for (const field of keepFields) map.registerField(target, field, pathLocation(found.origin.parsed, [...found.path, field]));
    },
  };
}
