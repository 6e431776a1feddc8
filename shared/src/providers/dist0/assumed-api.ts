// OURS UNTIL DIST0 CONFIRMS. Everything dist0's public docs leave open, decided here and only here,
// so that each answer from dist0 changes one file. The provider, the sandbox and the tests read these.
// What dist0's docs do fix (the webhook body, the four headers, the signature, https-only URLs,
// growing-gap retries, the failed-sends list, `POST /api/v1/invoke`, `GET /api/v1/capabilities`,
// 403 for a missing or unknown key, project-tied keys) is stated where it is used, not here.

import type { z as Zod } from 'zod';

/** The API's origin (the docs' examples use it); a host may point elsewhere (the sandbox). */
export const DIST0_BASE_URL = 'https://dist0.com';

/** What a key looks like, to redact it wherever it appears. dist0 does not publish a format: ours. */
export const DIST0_KEY_PATTERN = /(?<![A-Za-z0-9])d0k_[A-Za-z0-9_\-]+/g;
/** What a signing secret looks like (ours), also redacted. */
export const DIST0_SECRET_PATTERN = /(?<![A-Za-z0-9])d0s_[A-Za-z0-9_\-]+/g;

/** The replay window: the docs say "more than a few minutes off from your own clock"; ours is 300 s, both ways. */
export const DIST0_TOLERANCE_SECONDS = 300;

/** List capabilities page by `page` (1-based) and `pageSize` (the docs show `pageSize: 5`); answer `{data: {items, nextPage}}`. */
export const DIST0_MAX_PAGE_SIZE = 100;
export const DIST0_DEFAULT_PAGE_SIZE = 20;

/** `pains.list` sorts: the docs show `posts`; `recent` (newest first, by when the pain was first seen) is ours. */
export const PAIN_SORTS = ['recent', 'posts'] as const;

/** An error answer's body: `{ "error": { "code", "message" } }` (ours; the docs name only the 403 status). */
export interface Dist0ErrorBody {
  error: { code: string; message: string };
}

/**
 * Retries (the docs: "tries again with growing gaps … After several failed attempts we stop and mark
 * the send as given up"). Ours: 5 attempts in all, gaps doubling from 30 s, 10 s per attempt.
 * Whether a retry keeps `X-Dist0-Delivery-Id` is not stated: the sandbox does both, and the item's
 * dedupe key is `signal.id`, which holds either way.
 */
export const DIST0_RETRY = { attempts: 5, firstGapMs: 30_000, factor: 2, timeoutMs: 10_000 } as const;
export type DeliveryIdStyle = 'same' | 'new';

/** The failed-sends list keeps this many (the docs: "your most recent failed sends"). */
export const DIST0_FAILED_SENDS_KEPT = 50;

/** Where things are in dist0's app: the webhook place is the docs' own words; the API keys place is ours. */
export const DIST0_PLACES = { webhooks: 'Settings → Send new signals to your URL', apiKeys: 'Settings → API keys' } as const;

// The records the read API returns. The docs name the capabilities, not their fields: every field
// below is ours. Ids are the durable ids the webhook uses (`post.id` is the docs' own link). Built from
// the zod it is given, so this file costs nothing at run time where zod is not wanted (the n8n package).
export function assumedRecords(z: typeof Zod) {
  const at = (what: string) => z.string().describe(`When ${what}, ISO 8601 UTC, e.g. "2026-07-01T09:30:00.000Z".`);

  const projectRecord = z.looseObject({
    id: z.string().describe('The project id, e.g. "prj_9f2a" (the webhook\'s `project_id`).'),
    name: z.string().describe('The project\'s name.'),
    url: z.string().describe('The product\'s site the project watches the web for.'),
  });
  const projectMemoryRecord = z.looseObject({
    projectId: z.string().describe('The project id.'),
    notes: z.array(z.string()).describe('What dist0 remembers about the project (positioning, audience, filtering rules).'),
  });
  const painRecord = z.looseObject({
    id: z.string().describe('The pain id, e.g. "pain_41a"'),
    title: z.string().describe('The pain in a few words.'),
    summary: z.string().describe('What buyers say about it.'),
    posts: z.number().int().describe('How many posts mention it.'),
    firstSeenAt: at('dist0 first saw it'),
    lastSeenAt: at('dist0 last saw it'),
  });
  const postRecord = z.looseObject({
    id: z.string().describe('The post id, e.g. "post_3xB8" (the webhook\'s `post.id`).'),
    permalink: z.string().describe('Where the post is.'),
    title: z.string().describe('The post\'s title.'),
    author: z.string().describe('Who wrote it.'),
    postedAt: at('it was posted'),
  });
  const painSourcesRecord = z.looseObject({
    painId: z.string().describe('The pain id.'),
    posts: z.array(postRecord).describe('The posts that mention the pain, newest first.'),
  });
  const briefRecord = z.looseObject({
    id: z.string().describe('The brief id.'),
    title: z.string().describe('The brief\'s title.'),
    body: z.string().describe('The brief, as text.'),
    createdAt: at('it was written'),
  });
  const nextMoveRecord = z.looseObject({
    id: z.string().describe('The next move id.'),
    title: z.string().describe('What to do next, in a few words.'),
    detail: z.string().describe('Why, and how.'),
    createdAt: at('it was suggested'),
  });
  const runRecord = z.looseObject({
    id: z.string().describe('The run id.'),
    status: z.enum(['running', 'finished', 'failed']).describe('Where the run is.'),
    startedAt: at('it started'),
    finishedAt: z.string().nullable().describe('When it ended, or null while running.'),
  });
  /** `GET /api/v1/capabilities`: one entry per capability (ours: name and description). */
  const capabilityInfo = z.looseObject({ name: z.string(), description: z.string() });
  return { projectRecord, projectMemoryRecord, painRecord, postRecord, painSourcesRecord, briefRecord, nextMoveRecord, runRecord, capabilityInfo };
}
