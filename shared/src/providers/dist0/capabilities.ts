// dist0's read API as data the hosts read without zod: one entry per capability its docs name (`POST
// /api/v1/invoke` with `{capability, input?, project?}`), with what it returns in words. operations.ts adds
// each one's zod input, output and sample.

export type Dist0Resource = 'project' | 'pain' | 'brief' | 'contentBrief' | 'nextMove' | 'post' | 'run';

export interface Dist0Capability {
  /** dist0's capability name, as its docs spell it. */
  capability: string;
  resource: Dist0Resource;
  /** `getMany` lists (pages of `{items, nextPage}`); the others return one record. */
  kind: 'get' | 'getMany';
  label: string;
  /** For people and AI agents: what it returns; every capability only reads. */
  description: string;
}

export const DIST0_CAPABILITIES: readonly Dist0Capability[] = [
  { capability: 'project.list', resource: 'project', kind: 'getMany', label: 'List Projects', description: 'Lists the projects this API key can read (a project-tied key: its one project). Changes nothing.' },
  { capability: 'project.memory', resource: 'project', kind: 'get', label: 'Get Project Memory', description: 'Gets what dist0 remembers about the project: positioning, audience and filtering rules. Changes nothing.' },
  { capability: 'pains.list', resource: 'pain', kind: 'getMany', label: 'List Pains', description: 'Lists the buyer pains dist0 found, newest first or by how many posts mention them. Changes nothing.' },
  { capability: 'pains.get', resource: 'pain', kind: 'get', label: 'Get Pain', description: 'Gets one buyer pain by id. Changes nothing.' },
  { capability: 'pains.sources', resource: 'pain', kind: 'get', label: 'Get Pain Sources', description: 'Gets the posts that mention one buyer pain, newest first. Changes nothing.' },
  { capability: 'posts.get', resource: 'post', kind: 'get', label: 'Get Post', description: 'Gets one post by id (the `post.id` of a webhook signal). Changes nothing.' },
  { capability: 'briefs.list', resource: 'brief', kind: 'getMany', label: 'List Briefs', description: 'Lists the project\'s briefs, newest first. Changes nothing.' },
  { capability: 'briefs.get', resource: 'brief', kind: 'get', label: 'Get Brief', description: 'Gets one brief by id. Changes nothing.' },
  { capability: 'contentBriefs.list', resource: 'contentBrief', kind: 'getMany', label: 'List Content Briefs', description: 'Lists the project\'s content briefs (what to write about), newest first. Changes nothing.' },
  { capability: 'contentBriefs.get', resource: 'contentBrief', kind: 'get', label: 'Get Content Brief', description: 'Gets one content brief by id. Changes nothing.' },
  { capability: 'nextMoves.list', resource: 'nextMove', kind: 'getMany', label: 'List Next Moves', description: 'Lists the next moves dist0 suggests, newest first. Changes nothing.' },
  { capability: 'nextMoves.get', resource: 'nextMove', kind: 'get', label: 'Get Next Move', description: 'Gets one suggested next move by id. Changes nothing.' },
  { capability: 'runs.get', resource: 'run', kind: 'get', label: 'Get Run', description: 'Gets one of dist0\'s search runs by id: whether it is running, finished or failed. Changes nothing.' },
];
