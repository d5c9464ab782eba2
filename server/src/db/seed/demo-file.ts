/**
 * `.data/demo.json` (design §5): the demo's URLs and credentials. Keys are stored hashed in
 * the database, so this file is the only place their plaintext lives.
 */
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";

/** `.data/demo.json` (design §5). */
export const DemoInfo = z.object({
  url: z.string(),
  publishableKey: z.string(),
  secretKey: z.string(),
  allowedOrigin: z.string(),
  agents: z.array(z.object({ id: z.string(), name: z.string() })),
  login: z.object({ email: z.string(), password: z.string() }),
});
export type DemoInfo = z.infer<typeof DemoInfo>;

export async function readDemoFile(path: string): Promise<DemoInfo | null> {
  try {
    const parsed = DemoInfo.safeParse(JSON.parse(await readFile(path, "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written owner-only and atomically: it holds a live secret key. */
export async function writeDemoFile(path: string, info: DemoInfo): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}
