// Create or Update by a unique field (a customer's email): search, match exactly, then PATCH or POST.
import type { ApiRecord, DistribuClient } from './client';
import { DistribuApiError } from './errors';
import type { RuntimeOperation } from './operation-types';
import { readPages } from './paginate';

type Upsert = NonNullable<RuntimeOperation['upsert']>;

/** Distribu's answer to a create or update: `{data: record}`, or the record bare. */
export function recordOf(body: unknown): Record<string, unknown> {
  const value = body && typeof body === 'object' && 'data' in body ? (body as { data: unknown }).data : body;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The record whose `by` field equals `value` ignoring case (search is a substring match: filter exactly). */
async function findExact(client: DistribuClient, op: RuntimeOperation, spec: Upsert, value: string): Promise<ApiRecord | undefined> {
  const wanted = value.toLowerCase();
  const { records } = await readPages(client, {
    path: op.path,
    query: { [spec.searchParam]: value },
    pageSize: op.maxPageSize ?? 100,
    wanted: 1,
    keep: (record) => typeof record[spec.by] === 'string' && (record[spec.by] as string).toLowerCase() === wanted,
  });
  return records[0];
}

async function update(client: DistribuClient, spec: Upsert, found: ApiRecord, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { [spec.by]: _matched, ...changes } = body;
  // Nothing else to set: the found record is the answer, and Distribu fires no event.
  if (Object.keys(changes).length === 0) return found;
  const path = spec.updatePath.replace('{id}', encodeURIComponent(found.id));
  return recordOf((await client.call({ method: spec.updateMethod, path, body: changes })).body);
}

/**
 * Updates the record that has `body[by]`, or creates it. The create is never repeated: if Distribu
 * refuses it because the record appeared meanwhile (a 422 "already exists" from a parallel run),
 * that record is updated instead.
 */
export async function upsertRecord(
  client: DistribuClient,
  op: RuntimeOperation,
  body: Record<string, unknown>,
  attempt: { createSent: boolean },
): Promise<Record<string, unknown>> {
  const spec = op.upsert!;
  const value = String(body[spec.by]);
  const found = await findExact(client, op, spec, value);
  if (found) return update(client, spec, found, body);
  try {
    attempt.createSent = true;
    return recordOf((await client.call({ method: op.method, path: op.path, body })).body);
  } catch (error) {
    if (!(error instanceof DistribuApiError && error.status === 422)) throw error;
    // Refused: nothing was created, whatever happens next.
    attempt.createSent = false;
    const appeared = await findExact(client, op, spec, value);
    if (!appeared) throw error;
    return update(client, spec, appeared, body);
  }
}
