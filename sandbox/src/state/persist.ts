import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Store } from './store';

// Optional persistence for demos (`npm run sandbox -- --state file.json`): the company's records,
// webhooks (with their secrets) and key hashes survive a restart. In memory stays the default.
// The file holds webhook secrets: it is written owner-only.

const COLLECTIONS = ['products', 'customers', 'orders', 'returns', 'refunds', 'invoices', 'webhooks', 'apiKeys'] as const;
const VERSION = 1;

type Snapshot = { version: number; seq: number; audit?: Store['audit'] } & Record<(typeof COLLECTIONS)[number], unknown[]>;

export function snapshot(store: Store): Snapshot {
  const out = { version: VERSION, seq: store.lastSeq, audit: store.audit } as Snapshot;
  for (const name of COLLECTIONS) out[name] = [...store[name].values()];
  return out;
}

/** Replaces the store's records with a snapshot's (the request log starts empty). */
export function restore(store: Store, snap: Snapshot): void {
  if (snap.version !== VERSION) throw new Error(`Unsupported sandbox state version ${snap.version}.`);
  store.clear();
  for (const name of COLLECTIONS) {
    const map = store[name] as Map<string, { id: string }>;
    for (const record of (snap[name] ?? []) as Array<{ id: string }>) map.set(record.id, record);
  }
  store.audit = snap.audit ?? [];
  store.continueSeqFrom(snap.seq);
}

export function loadState(path: string): Snapshot | null {
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
}

/** Writes atomically (temp file + rename), readable by the owner only. */
export function saveState(path: string, store: Store): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(snapshot(store)), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}
