// dist0's read API in the sandbox: `POST /api/v1/invoke` and `GET /api/v1/capabilities`, with the
// capabilities dist0's API docs name. A missing, unknown or cancelled key gets 403 (the docs: "403
// forbidden", not 401); a project-tied key reads its project and ignores the request's `project`.
// Paging, sorting, the record fields and the error body are ours (assumed-api.ts).
import type { FastifyInstance } from 'fastify';
import { DIST0_DEFAULT_PAGE_SIZE, dist0Operation, dist0Operations } from '@distribu/shared/providers/dist0/catalog';
import type { ApiKey, Brief, Dist0Store, Project } from './store';

class Refusal extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const refuse = (status: number, code: string, message: string): never => {
  throw new Refusal(status, code, message);
};

function keyOf(store: Dist0Store, authorization: string | undefined): ApiKey {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const key = match ? store.keys.get(match[1]!) : undefined;
  if (!key || key.cancelled) return refuse(403, 'forbidden', 'This API key is not recognized.');
  return key;
}

/** The project a call reads: a tied key's own; otherwise the named one, or the only one. */
function projectOf(store: Dist0Store, key: ApiKey, requested: unknown): Project {
  if (key.projectId) return store.projects.get(key.projectId)!;
  if (typeof requested === 'string' && requested !== '') return store.projects.get(requested) ?? refuse(404, 'not_found', `No project ${requested}.`);
  if (store.projects.size === 1) return [...store.projects.values()][0]!;
  return refuse(400, 'project_required', 'This key is not tied to a project: say which project to read.');
}

function paged<T>(all: T[], input: Record<string, unknown>) {
  const pageSize = typeof input.pageSize === 'number' ? input.pageSize : DIST0_DEFAULT_PAGE_SIZE;
  const page = typeof input.page === 'number' ? input.page : 1;
  const items = all.slice((page - 1) * pageSize, page * pageSize);
  return { items, nextPage: page * pageSize < all.length ? page + 1 : null };
}

const newestFirst = <T extends { createdAt: string }>(list: T[]) => [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
const briefView = ({ projectId: _p, ...brief }: Brief) => brief;

function run(store: Dist0Store, project: Project, capability: string, input: Record<string, unknown>): unknown {
  const mine = <T extends { projectId: string }>(map: Map<string, T>) => [...map.values()].filter((r) => r.projectId === project.id);
  const one = <T extends { projectId: string }>(map: Map<string, T>, what: string): T => {
    const record = map.get(String(input.id));
    return record && record.projectId === project.id ? record : refuse(404, 'not_found', `No ${what} ${String(input.id)} in this project.`);
  };
  const painView = (p: ReturnType<typeof one<import('./store').Pain>>) => ({ id: p.id, title: p.title, summary: p.summary, posts: p.postIds.length, firstSeenAt: p.firstSeenAt, lastSeenAt: p.lastSeenAt });
  const postView = (id: string) => {
    const { projectId: _p, ...post } = store.posts.get(id)!;
    return post;
  };
  switch (capability) {
    case 'project.memory': return { projectId: project.id, notes: project.notes };
    case 'pains.list': {
      const pains = mine(store.pains);
      const sorted = input.sort === 'posts'
        ? pains.sort((a, b) => b.postIds.length - a.postIds.length || b.firstSeenAt.localeCompare(a.firstSeenAt))
        : pains.sort((a, b) => b.firstSeenAt.localeCompare(a.firstSeenAt) || b.id.localeCompare(a.id));
      return paged(sorted.map(painView), input);
    }
    case 'pains.get': return painView(one(store.pains, 'pain'));
    case 'pains.sources': {
      const pain = one(store.pains, 'pain');
      return { painId: pain.id, posts: pain.postIds.map(postView) };
    }
    case 'posts.get': return postView(one(store.posts, 'post').id);
    case 'briefs.list': return paged(newestFirst(mine(store.briefs)).map(briefView), input);
    case 'briefs.get': return briefView(one(store.briefs, 'brief'));
    case 'contentBriefs.list': return paged(newestFirst(mine(store.contentBriefs)).map(briefView), input);
    case 'contentBriefs.get': return briefView(one(store.contentBriefs, 'content brief'));
    case 'nextMoves.list': return paged(newestFirst(mine(store.nextMoves)).map(({ projectId: _p, ...m }) => m), input);
    case 'nextMoves.get': {
      const { projectId: _p, ...move } = one(store.nextMoves, 'next move');
      return move;
    }
    case 'runs.get': {
      const { projectId: _p, ...r } = one(store.runs, 'run');
      return r;
    }
    default: return refuse(400, 'unknown_capability', `No capability ${capability}.`);
  }
}

export function readApi(app: FastifyInstance, store: Dist0Store): void {
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof Refusal) return reply.code(error.status).send({ error: { code: error.code, message: error.message } });
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    // A 4xx's message is the sandbox's own words (a control's check, a body that is not JSON).
    return reply.code(status).send({ error: { code: status < 500 ? 'bad_request' : 'internal', message: status < 500 ? (error as Error).message : 'Something went wrong.' } });
  });

  app.get('/api/v1/capabilities', async (request) => {
    keyOf(store, request.headers.authorization);
    return { data: dist0Operations.map((o) => ({ name: o.capability, description: o.description })) };
  });

  app.post('/api/v1/invoke', async (request) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const capability = typeof body.capability === 'string' ? body.capability : '';
    store.calls.push({ at: new Date().toISOString(), capability });
    if (store.calls.length > 1_000) store.calls.shift();
    const key = keyOf(store, request.headers.authorization);
    const operation = dist0Operation(capability) ?? refuse(400, 'unknown_capability', `No capability ${capability || '(none given)'}.`);
    const parsed = operation.input.safeParse(body.input ?? {});
    if (!parsed.success) refuse(400, 'invalid_input', parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
    if (capability === 'project.list') {
      // A tied key sees its one project; another key every project of the account.
      const list = key.projectId ? [store.projects.get(key.projectId)!] : [...store.projects.values()];
      return { data: paged(list.map(({ notes: _n, ...p }) => p), (parsed.data ?? {}) as Record<string, unknown>) };
    }
    const project = projectOf(store, key, body.project);
    return { data: run(store, project, capability, (parsed.data ?? {}) as Record<string, unknown>) };
  });
}
