import type { ReactiveController, ReactiveControllerHost } from "lit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PendingPoll } from "./pending-poll";

/** Just enough of a Lit host: it keeps its controllers and lets the test say "rendered". */
function fakeHost() {
  const controllers: ReactiveController[] = [];
  const host: ReactiveControllerHost = {
    addController: (c) => controllers.push(c),
    removeController: () => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  };
  return {
    host,
    rendered: () => {
      for (const c of controllers) c.hostUpdated?.();
    },
    left: () => {
      for (const c of controllers) c.hostDisconnected?.();
    },
  };
}

describe("PendingPoll", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("refreshes every interval while pending, and stops once it is not", () => {
    const { host, rendered } = fakeHost();
    let pending = true;
    const refresh = vi.fn(() => rendered());
    new PendingPoll(host, () => pending, refresh, 1000);
    rendered();
    vi.advanceTimersByTime(999);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(refresh).toHaveBeenCalledTimes(2);
    pending = false;
    vi.advanceTimersByTime(5000);
    expect(refresh).toHaveBeenCalledTimes(3);
  });

  it("never schedules two refreshes for several renders", () => {
    const { host, rendered } = fakeHost();
    const refresh = vi.fn();
    new PendingPoll(host, () => true, refresh, 1000);
    rendered();
    rendered();
    rendered();
    vi.advanceTimersByTime(1000);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("gives up after maxTries", () => {
    const { host, rendered } = fakeHost();
    const refresh = vi.fn(() => rendered());
    new PendingPoll(host, () => true, refresh, 1000, 3);
    rendered();
    vi.advanceTimersByTime(10_000);
    expect(refresh).toHaveBeenCalledTimes(3);
  });

  it("stops when the page is left", () => {
    const { host, rendered, left } = fakeHost();
    const refresh = vi.fn();
    new PendingPoll(host, () => true, refresh, 1000);
    rendered();
    left();
    vi.advanceTimersByTime(5000);
    expect(refresh).not.toHaveBeenCalled();
  });
});
