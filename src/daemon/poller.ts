// Git polling, once for all stacks: every interval, ask the remote for the branch head (a cheap
// ls-remote); when it is not the head the daemon last fetched, hand over to the branch sync, whose
// one fetch serves every stack. The interval is the shortest poll_interval among the stacks.
export interface PollerOptions {
  /** The branch head on the remote. */
  remoteHead(): Promise<string | undefined>;
  /** The head the daemon fetched last, if any. */
  fetchedHead(): string | undefined;
  /** The branch moved: fetch and route it. */
  moved(): Promise<unknown>;
  onError(error: unknown): void;
}

export interface Poller {
  /** (Re)starts polling every `seconds`; a no-op when unchanged or stopped. */
  every(seconds: number): void;
  stop(): void;
}

export function createPoller(options: PollerOptions): Poller {
  let timer: NodeJS.Timeout | undefined;
  let interval: number | undefined;
  let polling = false;
  let stopped = false;

  async function tick(): Promise<void> {
    if (polling) return;
    polling = true;
    try {
      const head = await options.remoteHead();
      if (head && head !== options.fetchedHead()) await options.moved();
    } catch (error) {
      options.onError(error);
    } finally {
      polling = false;
    }
  }

  return {
    every(seconds) {
      if (stopped || seconds === interval) return;
      interval = seconds;
      if (timer) clearInterval(timer);
      timer = setInterval(() => void tick(), seconds * 1000);
      timer.unref();
    },
    stop() {
      stopped = true;
      if (timer) clearInterval(timer);
    },
  };
}
