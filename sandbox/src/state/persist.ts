import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { SandboxCore } from '../core';
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

/** Saves the state 200 ms after changes (API writes, controls, delivery attempts) and on stop. */
export function saveOnChange(app: FastifyInstance, core: SandboxCore, path: string): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    timer = null;
    saveState(path, core.store);
  };
  const changed = () => {
    timer ??= setTimeout(save, 200).unref();
  };
  // onSend, not onResponse: a call whose answer a fault loses has changed the state all the same.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') changed();
    return payload;
  });
  core.deliverer.attemptListeners.add(changed);
  saveState(path, core.store);
  return {
    stop() {
      if (timer) clearTimeout(timer);
      core.deliverer.attemptListeners.delete(changed);
      save();
    },
  };
}
