// pino-roll ships no types; this is the part of its API that log-file.ts uses.
declare module "pino-roll" {
  interface RollStream extends NodeJS.EventEmitter {
    /** The file currently written. */
    file: string;
    write(chunk: string): boolean;
    end(): void;
    flushSync(): void;
  }
  interface PinoRollOptions {
    file: string;
    /** "10m", "500k", "1g"; a number is megabytes. */
    size?: string | number;
    frequency?: "daily" | "hourly" | number;
    extension?: string;
    /** Keep a current.log link to the file being written, next to it. */
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    mode?: number;
  }
  export default function pinoRoll(options: PinoRollOptions): Promise<RollStream>;
}
