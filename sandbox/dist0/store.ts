// What a dist0 account holds in the sandbox: projects, API keys (tied to a project or not), posts,
// signals, pains, briefs, content briefs, next moves, runs, each project's webhook settings and its
// failed sends. Plain maps in memory; ids look like dist0's docs' (`prj_9f2a`, `sig_7Qd1`, `post_3xB8`).
import { randomBytes } from 'node:crypto';
import { DIST0_FAILED_SENDS_KEPT, type SignalKind } from '@distribu/shared/providers/dist0/catalog';

export interface Project { id: string; name: string; url: string; notes: string[] }
export interface ApiKey { key: string; name: string; projectId: string | null; cancelled: boolean }
export interface Post { id: string; projectId: string; permalink: string; title: string; author: string; postedAt: string }
export interface Signal { id: string; projectId: string; kind: SignalKind; quote: string; author: string; postId: string; painId: string | null; createdAt: string }
export interface Pain { id: string; projectId: string; title: string; summary: string; postIds: string[]; firstSeenAt: string; lastSeenAt: string }
export interface Brief { id: string; projectId: string; title: string; body: string; createdAt: string }
export interface NextMove { id: string; projectId: string; title: string; detail: string; createdAt: string }
export interface Run { id: string; projectId: string; status: 'running' | 'finished' | 'failed'; startedAt: string; finishedAt: string | null }
export interface WebhookSettings { url: string | null; enabled: boolean; kinds: SignalKind[]; secret: string }
export interface FailedSend { at: string; signalId: string; deliveryId: string; attempt: number; reason: string; givenUp: boolean }

export const randomId = (prefix: string, bytes = 4) => `${prefix}_${randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x')}`;
export const newSecret = () => `d0s_${randomBytes(24).toString('base64url')}`;
export const newKey = () => `d0k_${randomBytes(24).toString('base64url')}`;

export class Dist0Store {
  projects = new Map<string, Project>();
  keys = new Map<string, ApiKey>();
  posts = new Map<string, Post>();
  signals = new Map<string, Signal>();
  pains = new Map<string, Pain>();
  briefs = new Map<string, Brief>();
  contentBriefs = new Map<string, Brief>();
  nextMoves = new Map<string, NextMove>();
  runs = new Map<string, Run>();
  webhooks = new Map<string, WebhookSettings>();
  failedSends = new Map<string, FailedSend[]>();
  /** The read API's calls, newest last (the last 1,000), for tests that count a poller's reads. */
  calls: Array<{ at: string; capability: string }> = [];
  /** A clock tests can move (ms epoch); the sends' timestamps use it too. */
  now: () => number = Date.now;

  addProject(input: { id?: string; name?: string; url?: string } = {}): Project {
    const project = { id: input.id ?? randomId('prj'), name: input.name ?? 'My project', url: input.url ?? 'https://example.com', notes: [] };
    this.projects.set(project.id, project);
    this.webhooks.set(project.id, { url: null, enabled: false, kinds: ['pain', 'competitor'], secret: newSecret() });
    this.failedSends.set(project.id, []);
    return project;
  }

  addKey(input: { name?: string; projectId?: string | null; key?: string } = {}): ApiKey {
    if (input.projectId && !this.projects.has(input.projectId)) throw new Error(`No project ${input.projectId}.`);
    const key = { key: input.key ?? newKey(), name: input.name ?? 'Zapier', projectId: input.projectId ?? null, cancelled: false };
    this.keys.set(key.key, key);
    return key;
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** A new signal with its post; a pain signal joins the named pain or starts a new one. */
  addSignal(input: { projectId: string; kind: SignalKind; quote?: string; author?: string; post?: { title?: string; permalink?: string }; painId?: string; painTitle?: string }): Signal {
    const at = this.iso();
    const post: Post = {
      id: randomId('post'),
      projectId: input.projectId,
      permalink: input.post?.permalink ?? `https://reddit.com/r/sandbox/comments/${randomId('t').slice(2)}`,
      title: input.post?.title ?? 'How do you track where leads come from?',
      author: input.author ?? 'some_redditor',
      postedAt: at,
    };
    this.posts.set(post.id, post);
    let painId: string | null = null;
    if (input.kind === 'pain') {
      const pain = input.painId ? this.pains.get(input.painId) : undefined;
      if (pain) {
        pain.postIds.unshift(post.id);
        pain.lastSeenAt = at;
        painId = pain.id;
      } else {
        const fresh: Pain = { id: randomId('pain'), projectId: input.projectId, title: input.painTitle ?? post.title, summary: input.quote ?? post.title, postIds: [post.id], firstSeenAt: at, lastSeenAt: at };
        this.pains.set(fresh.id, fresh);
        painId = fresh.id;
      }
    }
    const signal: Signal = {
      id: randomId('sig'),
      projectId: input.projectId,
      kind: input.kind,
      quote: input.quote ?? 'I keep losing track of which subreddit a lead came from.',
      author: post.author,
      postId: post.id,
      painId,
      createdAt: at,
    };
    this.signals.set(signal.id, signal);
    return signal;
  }

  recordFailure(projectId: string, failure: FailedSend): void {
    const list = this.failedSends.get(projectId) ?? [];
    list.unshift(failure);
    list.length = Math.min(list.length, DIST0_FAILED_SENDS_KEPT);
    this.failedSends.set(projectId, list);
  }

  /** The docs' example project, with a few pains, briefs, next moves and a run. */
  seed(): Project {
    const project = this.addProject({ id: 'prj_9f2a', name: 'Leadtrail', url: 'https://leadtrail.example' });
    project.notes.push('Sells lead attribution to small agencies.', 'Ignore posts about job offers.');
    const day = (n: number) => new Date(Date.UTC(2026, 5, 20 + n, 9)).toISOString();
    const pains = [
      ['Losing track of lead sources', 'Buyers cannot tell which community a lead came from.', 7],
      ['Spreadsheets for attribution', 'Teams copy leads into sheets by hand.', 3],
      ['Reports nobody trusts', 'Numbers differ between tools.', 5],
    ] as const;
    pains.forEach(([title, summary, count], i) => {
      const postIds: string[] = [];
      for (let k = 0; k < count; k += 1) {
        const post: Post = { id: randomId('post'), projectId: project.id, permalink: `https://reddit.com/r/agency/comments/${i}${k}`, title: `${title} (${k + 1})`, author: `user_${i}${k}`, postedAt: day(i) };
        this.posts.set(post.id, post);
        postIds.push(post.id);
      }
      const pain: Pain = { id: `pain_${i + 1}`, projectId: project.id, title, summary, postIds, firstSeenAt: day(i), lastSeenAt: day(i + 1) };
      this.pains.set(pain.id, pain);
    });
    this.briefs.set('brf_1', { id: 'brf_1', projectId: project.id, title: 'Where your buyers talk this week', body: 'Three threads ask for lead attribution.', createdAt: day(2) });
    this.contentBriefs.set('cbr_1', { id: 'cbr_1', projectId: project.id, title: 'Write: tracking lead sources without a CRM', body: 'Outline: the problem, three ways, a checklist.', createdAt: day(2) });
    this.nextMoves.set('mv_1', { id: 'mv_1', projectId: project.id, title: 'Answer the r/agency thread', detail: 'Seven people asked how to track lead sources.', createdAt: day(3) });
    this.runs.set('run_1', { id: 'run_1', projectId: project.id, status: 'finished', startedAt: day(3), finishedAt: day(3) });
    return project;
  }
}
