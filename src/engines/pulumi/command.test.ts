// The tracked PulumiCommand leans on two things the Automation API exports without documenting
// them: its CommandResult and createCommandError (so its own `instanceof` checks keep working).
import { automation } from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { internalsOf } from "./command.ts";

describe("the Automation API internals the CLI wrapper uses", () => {
  it("are still exported, and classify a locked stack as ConcurrentUpdateError", () => {
    const internals = internalsOf(automation);
    expect(internals).toBeDefined();
    const locked = internals!.createCommandError(new internals!.CommandResult("", "error: the stack is currently locked by 1 lock(s).", 255));
    expect(locked).toBeInstanceOf(automation.ConcurrentUpdateError);
    const other = internals!.createCommandError(new internals!.CommandResult("", "error: something else", 1));
    expect(other).toBeInstanceOf(automation.CommandError);
    expect((other as unknown as { commandResult: { stderr: string } }).commandResult.stderr).toBe("error: something else");
  });

  it("are missing from anything else (the wrapper then falls back to the Automation API's command)", () => {
    expect(internalsOf({} as typeof automation)).toBeUndefined();
  });
});
