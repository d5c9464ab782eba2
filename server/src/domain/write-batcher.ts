/**
 * Group commit for writes that share hot rows (the post-call webhook: every call of a partner
 * adds to the same quota row and the same rollup rows). Up to `concurrency` batches are
 * written at once; items that arrive while they are busy wait and go together in the next
 * one. At low load a batch is one item and nothing waits; under load the number of
 * transactions stays about constant while the items per transaction grow. A batch that fails
 * is retried one item at a time, so one bad item fails alone.
 */

export interface WriteBatcher<I, O> {
  submit(item: I): Promise<O>;
}

interface Waiting<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (error: unknown) => void;
}

export interface BatchLimits {
  maxBatch: number;
  concurrency: number;
}

/** `write` gets a batch and answers one output per item, in order. */
export function createWriteBatcher<I, O>(
  write: (items: I[]) => Promise<O[]>,
  limits: BatchLimits = { maxBatch: 128, concurrency: 2 },
): WriteBatcher<I, O> {
  let queue: Waiting<I, O>[] = [];
  let writers = 0;

  async function settle(batch: Waiting<I, O>[]) {
    try {
      const out = await write(batch.map((w) => w.item));
      if (out.length !== batch.length) throw new Error("a batch write answered the wrong count");
      batch.forEach((w, i) => {
        w.resolve(out[i] as O);
      });
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const w of batch) await settle([w]);
    }
  }

  async function drain() {
    writers++;
    while (queue.length > 0) {
      const batch = queue.slice(0, limits.maxBatch);
      queue = queue.slice(limits.maxBatch);
      await settle(batch);
    }
    writers--;
  }

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (writers < limits.concurrency) void drain();
      });
    },
  };
}
