/**
 * How a provider's errors speak to Zap and workflow authors, as data: its name, where things are in
 * its app, what its keys and secrets look like (redacted wherever they appear), and its cap message.
 * The functions here apply a voice; they know no provider.
 */

export interface RedactionPattern {
  /** A global regular expression matching a secret (e.g. a key prefix and what follows). */
  pattern: RegExp;
  /** What replaces it; may keep a prefix with `$1`. */
  replacement: string;
}

export interface ErrorVoice {
  name: string;
  /** Where the user manages webhooks (and API keys) in the provider's app, e.g. "Settings → Webhooks". */
  places: { webhooks: string; apiKeys?: string };
  secretPatterns: readonly RedactionPattern[];
  /** The cap message: `{name}`, `{cap}` and `{webhooks}` are filled in. */
  capMessage: string;
}

/** Any Bearer token, whatever the provider. */
const BEARER: RedactionPattern = { pattern: /\b(Bearer)\s+[^\s"',;]+/gi, replacement: '$1 …[redacted]' };

/** A function replacing everything shaped like one of the voice's secrets, and any Bearer token. */
export function redactor(voice: Pick<ErrorVoice, 'secretPatterns'>): (text: string) => string {
  const patterns = [...voice.secretPatterns, BEARER];
  return (text) => patterns.reduce((out, { pattern, replacement }) => out.replace(pattern, replacement), text);
}

/** One line, redacted, at most `max` characters (a cut one ends in '…'). */
export function boundedLine(text: string, max: number, redact: (text: string) => string): string {
  const line = redact(text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim());
  if (line.length <= max) return line;
  // Never end on half of a surrogate pair (an emoji cut in two).
  const cut = line.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '');
  return `${cut.trimEnd()}…`;
}

/** Fills `{name}`, `{webhooks}`, `{apiKeys}` and the given values into a template of the voice. */
export function say(voice: ErrorVoice, template: string, values: Record<string, string | number> = {}): string {
  const all: Record<string, string | number> = { name: voice.name, webhooks: voice.places.webhooks, apiKeys: voice.places.apiKeys ?? '', ...values };
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(all, key) ? String(all[key]) : whole));
}

/** `a`, `a and b`, `a, b and c`: items in a sentence. */
export function wordList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function capMessage(voice: ErrorVoice, cap: number): string {
  return say(voice, voice.capMessage, { cap });
}

/** A host's HTTP failure without a usable answer. */
export type NetworkErrorKind = 'timeout' | 'network' | 'malformed';

/** The kind, and for a network failure why, when its codes tell: no such host, or nothing listening. */
export interface NetworkFailure {
  kind: NetworkErrorKind;
  why?: 'host-not-found' | 'refused';
}

function field(value: unknown, key: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/** The host error's codes and names (axios, node-fetch, undici, Node's net), its cause's too. */
function signalsOf(error: unknown): string {
  const parts: unknown[] = [];
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = field(e, 'cause'), depth += 1) {
    parts.push(field(e, 'code'), field(e, 'name'), field(e, 'type'), field(e, 'errno'), field(e, 'message'));
  }
  return parts.filter((p) => typeof p === 'string').join(' ');
}

// Connectors abort a call only for taking too long, so an abort or cancel is a timeout.
const TIMEOUT_SIGNAL = /ETIMEDOUT|ESOCKETTIMEDOUT|ECONNABORTED|ERR_CANCELED|TimeoutError|AbortError|request-timeout|UND_ERR_(CONNECT|HEADERS|BODY)_TIMEOUT|timed? ?out/i;
const MALFORMED_SIGNAL = /SyntaxError|invalid-json|invalid json|Unexpected (token|end)|in JSON at position|is not valid JSON|premature close|ERR_STREAM_PREMATURE_CLOSE/i;
const NOT_FOUND_SIGNAL = /ENOTFOUND|EAI_AGAIN/;
const REFUSED_SIGNAL = /ECONNREFUSED/;

/**
 * What kind of failure a host's HTTP call threw, read from its codes and names only (never its
 * message text as such: it may hold the URL, headers or a proxy's page).
 */
export function networkFailureOf(error: unknown): NetworkFailure {
  const signals = signalsOf(error);
  if (MALFORMED_SIGNAL.test(signals)) return { kind: 'malformed' };
  if (TIMEOUT_SIGNAL.test(signals)) return { kind: 'timeout' };
  if (NOT_FOUND_SIGNAL.test(signals)) return { kind: 'network', why: 'host-not-found' };
  if (REFUSED_SIGNAL.test(signals)) return { kind: 'network', why: 'refused' };
  return { kind: 'network' };
}
