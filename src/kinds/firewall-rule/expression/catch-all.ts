export function matchesEverything(_ast: unknown): boolean { return false; }
