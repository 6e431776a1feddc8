// Orisha Commerce's reads as the hosts' runtime operations (the shape every provider's action node, search and
// MCP tool takes: shared/src/kit/catalog.ts), and `performOrisha`, the host's `perform`: the codes
// checked first in plain words (nothing is sent without them), then the read by its path; a list reads its pages
// up to the host's Limit or to the end (Return All). Every operation only reads; nothing is retried.
import type { HostRunOptions } from '../../kit/host';
import type { OperationInput, OutputField, RuntimeOperation } from '../../kit/catalog';
import { InputError } from '../../kit/operations/request';
import { ORISHA_PAGE_SIZE_MAX, recordFields } from './assumed-api';
import type { OrishaClient } from './client';
import { codeLabel, ORISHA_CODE_HELP, ORISHA_LIST_LIMIT, orishaRead, runOrishaRead, type OrishaRead } from './reads';
import { ORISHA_RECORD_SAMPLES } from './samples';
import { redactOrisha } from './voice';

/** A host's parameter name for a code: `CustomerCode` → `customerCode` (n8n's camelCase; the REST name stays). */
export const orishaInputKey = (code: string): string => code.charAt(0).toLowerCase() + code.slice(1);

/** A record's fields (assumed-api.ts) as output fields: what the AI tool description says a record holds. */
function outputFields(read: OrishaRead): OutputField[] {
  return Object.entries(recordFields[read.resource]).map(([key, type]) => ({
    key,
    label: key,
    type: type === 'string|null' ? 'string' : type,
    required: true,
    nullable: type === 'string|null',
  }));
}

export function orishaRuntimeOperation(read: OrishaRead): RuntimeOperation {
  const get = read.kind === 'get';
  const what = (get ? read.noun : read.plural).toLowerCase();
  const inputs: OperationInput[] = read.codes.map((code) => ({
    key: orishaInputKey(code),
    apiName: code,
    in: 'path',
    label: codeLabel(code),
    description: ORISHA_CODE_HELP[code],
    type: 'string',
    required: true,
    simple: true,
  }));
  // The path with placeholders, for docs: `/administrations/{administrationCode}/customers/{CustomerCode}`.
  const placeholders = Object.fromEntries(read.codes.map((code) => [code, `{${code}}`]));
  return {
    key: read.key,
    resource: read.resource,
    operation: get ? 'get' : 'getAll',
    kind: get ? 'get' : 'getMany',
    label: get ? `Get ${read.noun}` : `Get Many ${read.plural}`,
    action: get ? `Get ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}` : `Get many ${what}`,
    description: get
      ? `Get one ${read.noun.toLowerCase()} by its code${read.codes.length > 1 ? 's' : ''}. A deleted one answers "not found".`
      : `List ${read.plural.toLowerCase()}${read.codes.length > 0 ? ' of one customer' : ''}.`,
    method: 'GET',
    path: decodeURIComponent(read.path('{administrationCode}', placeholders)),
    scope: '',
    retrySafe: true,
    paginated: !get,
    maxPageSize: get ? null : ORISHA_PAGE_SIZE_MAX,
    inputs,
    outputFields: outputFields(read),
    simpleKeys: [],
    sample: ORISHA_RECORD_SAMPLES[read.resource],
    notes: [],
  };
}

/** Runs one operation for a host: one record, or a list's records up to `limit` (50 unless set) or all. */
export async function performOrisha(client: OrishaClient, op: RuntimeOperation, params: Record<string, unknown>, options: HostRunOptions = {}): Promise<Record<string, unknown>[]> {
  if (!orishaRead(op.key)) throw new InputError(`Orisha Commerce has no read operation "${op.key}".`, undefined, redactOrisha);
  const codes: Record<string, string> = {};
  const missing: OperationInput[] = [];
  for (const input of op.inputs) {
    const raw = params[input.key];
    const value = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
    if (value !== '') codes[input.apiName] = value;
    else if (input.required) missing.push(input);
  }
  if (missing.length > 0) throw new InputError(`${op.label} needs ${missing.map((i) => i.apiName).join(' and ')}.`, missing[0]!.key, redactOrisha);
  if (!op.paginated) return [(await runOrishaRead(client, op.key, codes)) as Record<string, unknown>];
  if (options.returnAll) return (await runOrishaRead(client, op.key, codes)) as Record<string, unknown>[];
  const limit = options.limit ?? ORISHA_LIST_LIMIT.default;
  if (!Number.isInteger(limit) || limit < 1) throw new InputError(`Limit must be a whole number of at least 1; got ${limit}.`, 'limit', redactOrisha);
  // One record beyond the limit says whether the limit left some.
  const records = (await runOrishaRead(client, op.key, codes, limit + 1)) as Record<string, unknown>[];
  if (records.length > limit) options.onMore?.();
  return records.slice(0, limit);
}
