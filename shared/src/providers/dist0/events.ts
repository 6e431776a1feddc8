// dist0's one webhook event, `signal.created`, as its webhook docs document it ("What we send"),
// with its two kinds. The pain sample is the docs' own body; the competitor sample is that body with
// the other kind (the docs show one example).
import { z } from 'zod';

import { DOCUMENTED_BODY, KIND_LABELS, SIGNAL_EVENT, SIGNAL_KINDS, type Dist0SignalBody, type SignalKind } from './signal';

export { DOCUMENTED_BODY, KIND_LABELS, SIGNAL_KINDS, type Dist0SignalBody, type SignalKind } from './signal';

export const signalSchema = z.looseObject({
  id: z.string().min(1).describe('The signal\'s durable id (the read API uses the same), e.g. "sig_7Qd1". The item\'s dedupe key.'),
  kind: z.enum(SIGNAL_KINDS).describe('"pain" (a buyer pain) or "competitor" (a competitor mention).'),
  quote: z.string().describe('What the author wrote.'),
  author: z.string().describe('Who wrote it, e.g. "some_redditor".'),
});

export const postSchema = z.looseObject({
  id: z.string().min(1).describe('The post\'s durable id (the read API\'s `posts.get` takes it), e.g. "post_3xB8".'),
  permalink: z.string().describe('Where the post is.'),
  title: z.string().describe('The post\'s title.'),
});

const body = (kind: SignalKind) =>
  z.looseObject({
    type: z.literal('signal.created'),
    project_id: z.string().min(1).describe('The project the signal belongs to, e.g. "prj_9f2a".'),
    signal: signalSchema.extend({ kind: z.literal(kind) }),
    post: postSchema,
  });

/** A `signal.created` body of either kind. */
export const signalCreatedBody = z.union([body('pain'), body('competitor')]);


export interface Dist0EventDefinition {
  event: 'signal.created';
  label: string;
  description: string;
  /** The kind variants: the `X-Dist0-Signal-Kind` header and `signal.kind` carry one. */
  variants: ReadonlyArray<{ kind: SignalKind; label: string; schema: z.ZodType; sample: Dist0SignalBody }>;
}

export const signalCreated: Dist0EventDefinition = {
  ...SIGNAL_EVENT,
  variants: SIGNAL_KINDS.map((kind) => ({
    kind,
    label: KIND_LABELS[kind],
    schema: body(kind),
    sample: kind === 'pain' ? DOCUMENTED_BODY : { ...DOCUMENTED_BODY, signal: { ...DOCUMENTED_BODY.signal, id: 'sig_8Re2', kind } },
  })),
};

/** Every event dist0 sends (one today). */
export const dist0Events: readonly Dist0EventDefinition[] = [signalCreated];

/** Which variant schema a body matches, by its `signal.kind`; undefined for any other kind. */
export function variantSchemaOf(kind: unknown): z.ZodType | undefined {
  return signalCreated.variants.find((v) => v.kind === kind)?.schema;
}
