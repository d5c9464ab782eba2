/**
 * `pnpm --filter @parley/server keys:rotate`: a new current signing key; the old one stays as
 * "previous" so tokens it signed remain valid until they expire. Running servers pick the new
 * ring up on SIGHUP or restart.
 */
import { rotateKeyRing } from "../auth/key-ring";
import { parseEnv } from "../env";

try {
  process.loadEnvFile(new URL("../../../.env", import.meta.url));
} catch {
  // No .env: the environment alone configures us.
}
try {
  const env = parseEnv();
  const ring = await rotateKeyRing(env.SIGNING_KEYS_FILE, env.PARLEY_SECRET);
  console.log(
    `New signing key ${ring.current.kid}; previous ${ring.previous?.kid ?? "none"} stays valid.`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
