// dist0's read API as an operations catalog: one entry per capability its docs name (`POST
// /api/v1/invoke` with `{capability, input?, project?}`). The capability names are dist0's; the
// inputs beyond its `pageSize`/`sort` example and the record fields are ours (assumed-api.ts).
import { z } from 'zod';
import {
  briefRecord,
  DIST0_DEFAULT_PAGE_SIZE,
  DIST0_MAX_PAGE_SIZE,
  nextMoveRecord,
  PAIN_SORTS,
  painRecord,
  painSourcesRecord,
  postRecord,
  projectMemoryRecord,
  projectRecord,
  runRecord,
} from './assumed-api';

export type Dist0Resource = 'project' | 'pain' | 'brief' | 'contentBrief' | 'nextMove' | 'post' | 'run';

export interface Dist0Operation {
  /** dist0's capability name, as its docs spell it. */
  capability: string;
  resource: Dist0Resource;
  /** `getMany` lists (pages of `{items, nextPage}`); the others return one record. */
  kind: 'get' | 'getMany';
  label: string;
  /** For people and AI agents: what it returns; every capability only reads. */
  description: string;
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

export const dist0Operations: readonly Dist0Operation[] = [
  { capability: 'project.list', resource: 'project', kind: 'getMany', label: 'List Projects', description: 'Lists the projects this API key can read (a project-tied key: its one project). Changes nothing.', input: z.object(paging), output: projectRecord, sample: SAMPLES.project },
  { capability: 'project.memory', resource: 'project', kind: 'get', label: 'Get Project Memory', description: 'Gets what dist0 remembers about the project: positioning, audience and filtering rules. Changes nothing.', input: z.object({}), output: projectMemoryRecord, sample: SAMPLES.memory },
  { capability: 'pains.list', resource: 'pain', kind: 'getMany', label: 'List Pains', description: 'Lists the buyer pains dist0 found, newest first or by how many posts mention them. Changes nothing.', input: z.object({ sort: z.enum(PAIN_SORTS).optional().describe('"recent" (newest first, the default) or "posts" (most mentioned first).'), ...paging }), output: painRecord, sample: SAMPLES.pain },
  { capability: 'pains.get', resource: 'pain', kind: 'get', label: 'Get Pain', description: 'Gets one buyer pain by id. Changes nothing.', input: z.object({ id: id('pain', 'pain_41a') }), output: painRecord, sample: SAMPLES.pain },
  { capability: 'pains.sources', resource: 'pain', kind: 'get', label: 'Get Pain Sources', description: 'Gets the posts that mention one buyer pain, newest first. Changes nothing.', input: z.object({ id: id('pain', 'pain_41a') }), output: painSourcesRecord, sample: { painId: 'pain_41a', posts: [SAMPLES.post] } },
  { capability: 'posts.get', resource: 'post', kind: 'get', label: 'Get Post', description: 'Gets one post by id (the `post.id` of a webhook signal). Changes nothing.', input: z.object({ id: id('post', 'post_3xB8') }), output: postRecord, sample: SAMPLES.post },
  { capability: 'briefs.list', resource: 'brief', kind: 'getMany', label: 'List Briefs', description: 'Lists the project\'s briefs, newest first. Changes nothing.', input: z.object(paging), output: briefRecord, sample: SAMPLES.brief },
  { capability: 'briefs.get', resource: 'brief', kind: 'get', label: 'Get Brief', description: 'Gets one brief by id. Changes nothing.', input: z.object({ id: id('brief', 'brf_12') }), output: briefRecord, sample: SAMPLES.brief },
  { capability: 'contentBriefs.list', resource: 'contentBrief', kind: 'getMany', label: 'List Content Briefs', description: 'Lists the project\'s content briefs (what to write about), newest first. Changes nothing.', input: z.object(paging), output: briefRecord, sample: { ...SAMPLES.brief, id: 'cbr_3', title: 'Write: tracking lead sources without a CRM' } },
  { capability: 'contentBriefs.get', resource: 'contentBrief', kind: 'get', label: 'Get Content Brief', description: 'Gets one content brief by id. Changes nothing.', input: z.object({ id: id('content brief', 'cbr_3') }), output: briefRecord, sample: { ...SAMPLES.brief, id: 'cbr_3', title: 'Write: tracking lead sources without a CRM' } },
  { capability: 'nextMoves.list', resource: 'nextMove', kind: 'getMany', label: 'List Next Moves', description: 'Lists the next moves dist0 suggests, newest first. Changes nothing.', input: z.object(paging), output: nextMoveRecord, sample: SAMPLES.nextMove },
  { capability: 'nextMoves.get', resource: 'nextMove', kind: 'get', label: 'Get Next Move', description: 'Gets one suggested next move by id. Changes nothing.', input: z.object({ id: id('next move', 'mv_5') }), output: nextMoveRecord, sample: SAMPLES.nextMove },
  { capability: 'runs.get', resource: 'run', kind: 'get', label: 'Get Run', description: 'Gets one of dist0\'s search runs by id: whether it is running, finished or failed. Changes nothing.', input: z.object({ id: id('run', 'run_88') }), output: runRecord, sample: SAMPLES.run },
];

export function dist0Operation(capability: string): Dist0Operation | undefined {
  return dist0Operations.find((o) => o.capability === capability);
}

/** A list capability's answer (ours): one page and the next page's number, or null at the end. */
export const pageOf = (record: z.ZodType) => z.object({ items: z.array(record), nextPage: z.number().int().nullable() });
