import type { ReactiveController, ReactiveControllerHost } from "lit";

/**
 * Looks again, every few seconds, while something is still being set up on the server
 * (an agent's premium voice is provisioned in the background after it is saved): after
 * each render of the host, if `isPending()` holds, `refresh()` runs once `everyMs` later,
 * at most `maxTries` times. Stops when the host leaves the page.
 */
export class PendingPoll implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private tries = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly isPending: () => boolean,
    private readonly refresh: () => void,
    private readonly everyMs = 3000,
    private readonly maxTries = 40,
  ) {
    host.addController(this);
  }

  hostUpdated() {
    if (this.timer !== undefined || this.tries >= this.maxTries || !this.isPending()) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.tries += 1;
      this.refresh();
    }, this.everyMs);
  }

  hostDisconnected() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
