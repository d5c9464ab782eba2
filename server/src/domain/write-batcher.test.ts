import { describe, expect, it } from "vitest";
import { createWriteBatcher } from "./write-batcher";

describe("write batcher", () => {
  it("writes a lone item at once and groups the items that arrive during a write", async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const batcher = createWriteBatcher(
      async (items: number[]) => {
        batches.push(items);
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return items.map((n) => n * 10);
      },
      { maxBatch: 128, concurrency: 1 },
    );
    const first = batcher.submit(1);
    const rest = [2, 3, 4].map((n) => batcher.submit(n));
    expect(batches).toEqual([[1]]);
    release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("caps a batch at maxBatch items", async () => {
    const sizes: number[] = [];
    const batcher = createWriteBatcher(
      async (items: number[]) => {
        sizes.push(items.length);
        return items;
      },
      { maxBatch: 2, concurrency: 1 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit(n)));
    expect(sizes).toEqual([1, 2, 2]);
  });

  it("writes up to `concurrency` batches at once, and no more", async () => {
    let running = 0;
    let most = 0;
    const batcher = createWriteBatcher(
      async (items: number[]) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return items;
      },
      { maxBatch: 3, concurrency: 2 },
    );
    const out = await Promise.all(Array.from({ length: 20 }, (_, i) => batcher.submit(i)));
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(2);
  });

  it("retries a failed batch one item at a time, so only the bad item fails", async () => {
    let hold: Promise<void> | null = new Promise<void>((resolve) => setTimeout(resolve, 5));
    const batcher = createWriteBatcher(
      async (items: string[]) => {
        if (hold) {
          const wait = hold;
          hold = null;
          await wait;
        }
        if (items.includes("bad")) throw new Error("refused");
        return items.map((s) => s.toUpperCase());
      },
      { maxBatch: 128, concurrency: 1 },
    );
    const results = await Promise.allSettled(
      ["first", "a", "bad", "b"].map((s) => batcher.submit(s)),
    );
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "failed"))).toEqual([
      "FIRST",
      "A",
      "failed",
      "B",
    ]);
  });
});
