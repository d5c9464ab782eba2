/**
 * The load generator of the webhook benchmark, run by `run.ts` in its own process so it does
 * not share the server's event loop. Reads a plan file (pre-signed deliveries), sends every
 * delivery exactly once over `connections` keep-alive connections (connection i sends
 * deliveries i, i + connections, …), and prints autocannon's result plus each delivery's
 * status and the `outcome` the server answered, as JSON on stdout.
 * `tsx webhooks/fire.ts <plan.json>`
 */
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { splitRoundRobin } from "./events";

export interface FirePlan {
  url: string;
  connections: number;
  bodies: string[];
  deliveries: { event: number; signature: string }[];
}

export interface FireOutput {
  result: autocannon.Result;
  /** Per delivery: the HTTP status, 0 when no answer came. */
  statuses: number[];
  /** Per delivery: `outcome` from the answer's JSON, "" when there was none. */
  outcomes: string[];
}

const file = process.argv[2];
if (!file) throw new Error("usage: fire.ts <plan.json>");
const plan = JSON.parse(readFileSync(file, "utf8")) as FirePlan;
const statuses = new Array<number>(plan.deliveries.length).fill(0);
const outcomes = new Array<string>(plan.deliveries.length).fill("");

const requests = plan.deliveries.map(
  (d, i): autocannon.Request => ({
    method: "POST",
    path: "/v1/webhooks/elevenlabs",
    headers: { "content-type": "application/json", "elevenlabs-signature": d.signature },
    body: plan.bodies[d.event] ?? "",
    onResponse: (status, body) => {
      statuses[i] = status;
      try {
        outcomes[i] = String((JSON.parse(body) as { outcome?: unknown }).outcome ?? "");
      } catch {
        outcomes[i] = "";
      }
    },
  }),
);
const slices = splitRoundRobin(requests, plan.connections);
let next = 0;

const result = await autocannon({
  url: plan.url,
  connections: slices.length,
  amount: requests.length,
  timeout: 30,
  setupClient: (client) => client.setRequests(slices[next++] ?? []),
});
const output: FireOutput = { result, statuses, outcomes };
process.stdout.write(JSON.stringify(output));
