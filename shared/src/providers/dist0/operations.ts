// dist0's read API as an operations catalog: one entry per capability its docs name (`POST
// /api/v1/invoke` with `{capability, input?, project?}`). The capability names are dist0's; the
// inputs beyond its `pageSize`/`sort` example and the record fields are ours (assumed-api.ts).
import { z } from 'zod';
import { assumedRecords, DIST0_DEFAULT_PAGE_SIZE, DIST0_MAX_PAGE_SIZE, PAIN_SORTS } from './assumed-api';
import { DIST0_CAPABILITIES, type Dist0Capability } from './capabilities';

export type { Dist0Resource } from './capabilities';
const { briefRecord, nextMoveRecord, painRecord, painSourcesRecord, postRecord, projectMemoryRecord, projectRecord, runRecord } = assumedRecords(z);

export interface Dist0Operation extends Dist0Capability {
  input: z.ZodObject;
  /** One record. */
  output: z.ZodType;
  sample: Record<string, unknown>;
}

const id = (what: string, example: string) => z.string().min(1).describe(`The ${what} id, e.g. "${example}".`);
const paging = {
  pageSize: z.number().int().min(1).max(DIST0_MAX_PAGE_SIZE).optional().describe(`How many per page, 1 to ${DIST0_MAX_PAGE_SIZE} (default ${DIST0_DEFAULT_PAGE_SIZE}).`),
  page: z.number().int().min(1).optional().describe('Which page, from 1 (default 1).'),
};

const SAMPLES = {
  project: { id: 'prj_9f2a', name: 'Leadtrail', url: 'https://leadtrail.example' },
  memory: { projectId: 'prj_9f2a', notes: ['Sells lead attribution to small agencies.', 'Ignore posts about job offers.'] },
  pain: { id: 'pain_41a', title: 'Losing track of lead sources', summary: 'Buyers cannot tell which community a lead came from.', posts: 7, firstSeenAt: '2026-06-28T10:00:00.000Z', lastSeenAt: '2026-07-02T16:20:00.000Z' },
  post: { id: 'post_3xB8', permalink: 'https://reddit.com/r/…', title: 'How do you track where leads come from?', author: 'some_redditor', postedAt: '2026-07-02T16:00:00.000Z' },
  brief: { id: 'brf_12', title: 'Where your buyers talk this week', body: 'Three threads ask for lead attribution…', createdAt: '2026-07-01T08:00:00.000Z' },
  nextMove: { id: 'mv_5', title: 'Answer the r/agency thread', detail: 'Seven people asked how to track lead sources; show the report.', createdAt: '2026-07-02T17:00:00.000Z' },
  run: { id: 'run_88', status: 'finished', startedAt: '2026-07-02T15:00:00.000Z', finishedAt: '2026-07-02T15:04:00.000Z' },
} as const;

const SHAPES: Record<string, Pick<Dist0Operation, 'input' | 'output' | 'sample'>> = {
  'project.list': { input: z.object(paging), output: projectRecord, sample: SAMPLES.project },
  'project.memory': { input: z.object({}), output: projectMemoryRecord, sample: SAMPLES.memory },
  'pains.list': { input: z.object({ sort: z.enum(PAIN_SORTS).optional().describe('"recent" (newest first, the default) or "posts" (most mentioned first).'), ...paging }), output: painRecord, sample: SAMPLES.pain },
  'pains.get': { input: z.object({ id: id('pain', 'pain_41a') }), output: painRecord, sample: SAMPLES.pain },
  'pains.sources': { input: z.object({ id: id('pain', 'pain_41a') }), output: painSourcesRecord, sample: { painId: 'pain_41a', posts: [SAMPLES.post] } },
  'posts.get': { input: z.object({ id: id('post', 'post_3xB8') }), output: postRecord, sample: SAMPLES.post },
  'briefs.list': { input: z.object(paging), output: briefRecord, sample: SAMPLES.brief },
  'briefs.get': { input: z.object({ id: id('brief', 'brf_12') }), output: briefRecord, sample: SAMPLES.brief },
  'contentBriefs.list': { input: z.object(paging), output: briefRecord, sample: { ...SAMPLES.brief, id: 'cbr_3', title: 'Write: tracking lead sources without a CRM' } },
  'contentBriefs.get': { input: z.object({ id: id('content brief', 'cbr_3') }), output: briefRecord, sample: { ...SAMPLES.brief, id: 'cbr_3', title: 'Write: tracking lead sources without a CRM' } },
  'nextMoves.list': { input: z.object(paging), output: nextMoveRecord, sample: SAMPLES.nextMove },
  'nextMoves.get': { input: z.object({ id: id('next move', 'mv_5') }), output: nextMoveRecord, sample: SAMPLES.nextMove },
  'runs.get': { input: z.object({ id: id('run', 'run_88') }), output: runRecord, sample: SAMPLES.run },
};

export const dist0Operations: readonly Dist0Operation[] = DIST0_CAPABILITIES.map((c) => ({ ...c, ...SHAPES[c.capability]! }));
export function dist0Operation(capability: string): Dist0Operation | undefined {
  return dist0Operations.find((o) => o.capability === capability);
}

/** A list capability's answer (ours): one page and the next page's number, or null at the end. */
export const pageOf = (record: z.ZodType) => z.object({ items: z.array(record), nextPage: z.number().int().nullable() });
