// dist0's one webhook event as plain data (no zod: the n8n package reads it): its name, kinds, words and
// the docs' example body ("What we send"). events.ts builds the zod catalog from it.

export const SIGNAL_KINDS = ['pain', 'competitor'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];
export const KIND_LABELS: Record<SignalKind, string> = { pain: 'Buyer pain', competitor: 'Competitor mention' };

export const SIGNAL_EVENT = {
  event: 'signal.created',
  label: 'New Signal',
  description: 'dist0 found a new signal in your project: a buyer pain or a competitor mention, with the post it came from.',
} as const;

export interface Dist0SignalBody {
  type: 'signal.created';
  project_id: string;
  signal: { id: string; kind: SignalKind; quote: string; author: string; [key: string]: unknown };
  post: { id: string; permalink: string; title: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** The docs' example body, exactly. */
export const DOCUMENTED_BODY: Dist0SignalBody = {
  type: 'signal.created',
  project_id: 'prj_9f2a',
  signal: { id: 'sig_7Qd1', kind: 'pain', quote: 'I keep losing track of which subreddit a lead came from.', author: 'some_redditor' },
  post: { id: 'post_3xB8', permalink: 'https://reddit.com/r/…', title: 'How do you track where leads come from?' },
};
