/**
 * A small in-process work queue keyed by what the work is about (an agent): the API answers
 * at once while provider calls run behind it, at most `concurrency` at a time and at most
 * `maxKeys` distinct keys waiting. Work for a key that is already waiting is replaced by the
 * newer work; work for a key that is running runs once more after it, so the latest state
 * always reaches the provider and one key never runs twice at the same time.
 */

export interface KeyedQueue {
  /**
   * Schedules `job` for `key`. Resolves when a run that started after this call has ended,
   * or at once if the queue is full or closed (the retry job picks dropped work up). Never
   * rejects: a job's error goes to `onError`.
   */
  enqueue(key: string, job: () => Promise<void>): Promise<void>;
  /** Resolves when nothing is waiting or running (tests await this instead of sleeping). */
  idle(): Promise<void>;
  /** Refuses new work and waits for the work already accepted. */
  close(): Promise<void>;
}

interface Entry {
  job: () => Promise<void>;
  waiters: (() => void)[];
  running: boolean;
  /** Work that arrived while this key was running. */
  next: { job: () => Promise<void>; waiters: (() => void)[] } | null;
}

export function createKeyedQueue(options: {
  concurrency?: number;
  maxKeys?: number;
  onError: (key: string, error: unknown) => void;
  onDrop?: (key: string) => void;
}): KeyedQueue {
  const concurrency = options.concurrency ?? 4;
  const maxKeys = options.maxKeys ?? 1000;
  const entries = new Map<string, Entry>();
  const waiting: string[] = [];
  const idleWaiters: (() => void)[] = [];
  let running = 0;
  let closed = false;

  const settleIdle = () => {
    if (entries.size > 0) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  };

  const run = async (key: string, entry: Entry) => {
    try {
      await entry.job();
    } catch (error) {
      options.onError(key, error);
    }
    running--;
    for (const resolve of entry.waiters.splice(0)) resolve();
    if (entry.next) {
      entry.job = entry.next.job;
      entry.waiters = entry.next.waiters;
      entry.next = null;
      entry.running = false;
      waiting.push(key);
    } else {
      entries.delete(key);
    }
    pump();
    settleIdle();
  };

  const pump = () => {
    while (running < concurrency && waiting.length > 0) {
      const key = waiting.shift();
      const entry = key === undefined ? undefined : entries.get(key);
      if (key === undefined || !entry) continue;
      entry.running = true;
      running++;
      void run(key, entry);
    }
  };

  const idle = () => {
    if (entries.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => idleWaiters.push(resolve));
  };

  return {
    enqueue(key, job) {
      if (closed) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const entry = entries.get(key);
        if (entry && !entry.running) {
          entry.job = job;
          entry.waiters.push(resolve);
        } else if (entry) {
          entry.next = { job, waiters: [...(entry.next?.waiters ?? []), resolve] };
        } else if (entries.size >= maxKeys) {
          options.onDrop?.(key);
          resolve();
        } else {
          entries.set(key, { job, waiters: [resolve], running: false, next: null });
          waiting.push(key);
          pump();
        }
      });
    },
    idle,
    close() {
      closed = true;
      return idle();
    },
  };
}
