/**
 * Benchmarks (never part of `npm test`). `npm run bench` runs hot-path, peers, sandbox, sizes and mcp;
 * `npm run bench -- n8n` runs the slow n8n webhook throughput benchmark (Distribu's trigger; `n8n-dist0` and
 * `n8n-orisha` the same for dist0's and Orisha Commerce's), `npm run bench -- queue` the n8n
 * queue-mode one (1 vs 2 webhook processes), `npm run bench -- wide-payload` the 1e4–1e6-key normalization
 * benchmark; names can be combined, and `npm run bench -- all` runs every one (about 20 minutes).
 * `--rounds N` gives the n8n webhook benchmarks N rounds per workflow and engine instead of 6.
 */
import os from 'node:os';
import { runDist0 } from './dist0.bench';
import { runHotPath } from './hot-path.bench';
import { runMcp } from './mcp.bench';
import { DEFAULT_ROUNDS, runN8nWebhook } from './n8n-webhook.bench';
import { runOrisha } from './orisha.bench';
import { runPeers } from './peers.bench';
import { runQueueMode } from './queue-mode.bench';
import { runSandboxDelivery } from './sandbox-delivery.bench';
import { runSizes } from './sizes.bench';
import { runWidePayload } from './wide-payload.bench';

/** `--rounds N` (or `--rounds=N`): the n8n webhook benchmarks' rounds. */
function roundsOption(args: string[]): number {
  const at = args.findIndex((a) => a === '--rounds' || a.startsWith('--rounds='));
  if (at < 0) return DEFAULT_ROUNDS;
  const value = args[at]!.includes('=') ? args[at]!.split('=')[1] : args[at + 1];
  return Number(value);
}
const rounds = roundsOption(process.argv.slice(2));

const suites: Record<string, () => Promise<void>> = {
  'hot-path': runHotPath,
  sandbox: runSandboxDelivery,
  sizes: runSizes,
  n8n: () => runN8nWebhook('distribu', rounds),
  'n8n-dist0': () => runN8nWebhook('dist0', rounds),
  'n8n-orisha': () => runN8nWebhook('orisha', rounds),
  'wide-payload': runWidePayload,
  peers: runPeers,
  queue: runQueueMode,
  mcp: runMcp,
  dist0: runDist0,
  orisha: runOrisha,
};
const DEFAULT = ['hot-path', 'peers', 'sandbox', 'sizes', 'mcp'];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // An option's value (`--rounds 24`) is not a benchmark's name.
  const named = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '--rounds');
  const asked = named.includes('all') ? Object.keys(suites) : named;
  const unknown = asked.filter((a) => !suites[a]);
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(', ')}. Known: ${Object.keys(suites).join(', ')}.`);
    process.exit(2);
  }
  console.log(`Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);
  for (const name of asked.length > 0 ? asked : DEFAULT) await suites[name]!();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
