// Checks an operation's parameters against its catalog inputs and turns them into the REST call, for any
// provider. Everything here happens before any HTTP call, so bad input costs nothing and changes nothing.
import type { ApiRequest } from '../api/client';
import type { OperationInput, RuntimeOperation } from '../catalog';
import { boundedLine, redactor } from '../voice';

/** Redacts what the provider's voice calls a secret (a key typed into a field); by default any Bearer token. */
export type Redact = (text: string) => string;

const MAX_MESSAGE_LENGTH = 300;
const bearerOnly: Redact = redactor({ secretPatterns: [] });

/** A parameter is missing or wrong: the message names the input and what is wrong, in plain words. */
export class InputError extends Error {
  /** The input's key (`lineItems`), for a host that points at the parameter. */
  readonly input?: string;

  constructor(message: string, input?: string, redact: Redact = bearerOnly) {
    super(boundedLine(message, MAX_MESSAGE_LENGTH, redact));
    this.name = 'InputError';
    if (input) this.input = input;
  }
}

export type Params = Record<string, unknown>;

/** Unset in every host's way: n8n leaves '' in an empty field, Zapier omits it, an agent sends null. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Whether `showWhen`/`requiredWhen` holds: on the checked value when there is one (`shipped` → `SHIPPED`). */
function holds(condition: { key: string; values: string[] } | undefined, params: Params, values: Params): boolean {
  if (!condition) return false;
  const value = condition.key in values ? values[condition.key] : params[condition.key];
  return condition.values.includes(String(value));
}

/** An enum value as the provider spells it: agents and people write `shipped` for `SHIPPED`. */
function canonical(input: OperationInput, value: unknown): unknown {
  if (!input.enum || typeof value !== 'string') return value;
  return input.enum.find((option) => option.toLowerCase() === value.toLowerCase()) ?? value;
}

const shown = (value: unknown, redact: Redact) => boundedLine(typeof value === 'string' ? `"${value}"` : String(JSON.stringify(value)), 60, redact);

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  datetime: 'a date such as 2026-04-01 or a date-time such as 2026-04-01T09:00:00Z',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** The value in the input's type (hosts send numbers and booleans as text), or undefined when it is not one. */
function coerce(input: OperationInput, value: unknown): unknown {
  switch (input.type) {
    case 'string':
      return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value.trim())) ? value.trim() : undefined;
    case 'number':
    case 'integer': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (!Number.isFinite(n) || (input.type === 'integer' && !Number.isInteger(n))) return undefined;
      return n;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined;
    case 'array':
      return Array.isArray(value) ? value : undefined;
    default:
      return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  }
}

/** Bounds on the value (numbers) or the length (text, lists). */
function outOfBounds(input: OperationInput, value: unknown): string | undefined {
  const { min, max } = input;
  if (typeof value === 'number') {
    if (min !== undefined && value < min) return `must be at least ${min}`;
    if (max !== undefined && value > max) return `must be at most ${max}`;
  } else if (typeof value === 'string') {
    if (min !== undefined && value.length < min) return min === 1 ? 'must not be empty' : `must be at least ${min} characters`;
    if (max !== undefined && value.length > max) return `must be at most ${max} characters`;
  } else if (Array.isArray(value)) {
    const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
    if (min !== undefined && value.length < min) return `must have at least ${entries(min)}`;
    if (max !== undefined && value.length > max) return `must have at most ${entries(max)}`;
  }
  return undefined;
}

function check(inputs: OperationInput[], params: Params, where: string, redact: Redact): Params {
  const values: Params = {};
  for (const input of inputs) {
    if (input.showWhen && !holds(input.showWhen, params, values)) continue;
    const raw = params[input.key];
    const name = `${input.label}${where}`;
    if (isAbsent(raw) || (Array.isArray(raw) && raw.length === 0 && !input.required)) {
      const required = input.required || holds(input.requiredWhen, params, values);
      if (required) {
        const when = input.requiredWhen && !input.required ? ` when ${input.requiredWhen.key} is ${values[input.requiredWhen.key]}` : '';
        throw new InputError(`${name} is required${when}. ${input.description}`, input.key, redact);
      }
      if (input.default !== undefined) values[input.key] = input.default;
      continue;
    }
    const value = canonical(input, coerce(input, raw));
    if (value === undefined) throw new InputError(`${name} must be ${TYPE_WORDS[input.type]}; got ${shown(raw, redact)}.`, input.key, redact);
    if (input.enum && !input.enum.includes(String(value))) {
      throw new InputError(`${name} must be one of ${input.enum.join(', ')}; got ${shown(raw, redact)}.`, input.key, redact);
    }
    const bounds = outOfBounds(input, value);
    if (bounds) throw new InputError(`${name} ${bounds}; got ${shown(raw, redact)}.`, input.key, redact);
    values[input.key] = Array.isArray(value) && input.items ? value.map((element, i) => checkElement(input, element, i, redact)) : value;
  }
  return values;
}

function checkElement(list: OperationInput, element: unknown, index: number, redact: Redact): Params {
  const where = ` (entry ${index + 1} of ${list.label})`;
  if (!element || typeof element !== 'object' || Array.isArray(element)) {
    throw new InputError(`Entry ${index + 1} of ${list.label} must be an object with ${list.items!.map((i) => i.key).join(' and ')}.`, list.key, redact);
  }
  return check(list.items!, element as Params, where, redact);
}

/**
 * Checks `params` against the operation's inputs: the values to send, typed, or an InputError. `redact`: the
 * provider's (its voice's secret patterns), so a key pasted into a field never shows in the message.
 */
export function validateParams(op: RuntimeOperation, params: Params, redact: Redact = bearerOnly): Params {
  return check(op.inputs, params ?? {}, '', redact);
}

/** Sets `a.b` in an object (`tracking.carrier` → `{tracking: {carrier}}`). */
function setPath(target: Params, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Params;
  at[parts.at(-1)!] = value;
}

/** The body value of an input: list entries renamed to their REST names. */
function apiValue(input: OperationInput, value: unknown): unknown {
  if (!input.items || !Array.isArray(value)) return value;
  return value.map((element: Params) => {
    const out: Params = {};
    for (const item of input.items!) if (element[item.key] !== undefined) setPath(out, item.apiName, element[item.key]);
    return out;
  });
}

/** The REST call for validated values: path parameters URL-encoded, the query, the body (nested where dotted). */
export function buildRequest(op: RuntimeOperation, values: Params): ApiRequest {
  const path = op.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(String(values[key])));
  const query: NonNullable<ApiRequest['query']> = {};
  const body: Params = {};
  for (const input of op.inputs) {
    const value = values[input.key];
    if (value === undefined || input.local || input.in === 'path') continue;
    if (input.in === 'query') query[input.apiName] = value as string | number | boolean;
    else setPath(body, input.apiName, apiValue(input, value));
  }
  const request: ApiRequest = { method: op.method, path };
  if (Object.keys(query).length) request.query = query;
  if (op.method !== 'GET') request.body = body;
  return request;
}
