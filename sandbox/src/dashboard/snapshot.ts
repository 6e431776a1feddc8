import { events } from '@distribu/shared/runtime';
import type { SandboxCore } from '../core';
import type { DeliveryAttempt } from '../state/store';
import { WEBHOOK_CAP, listWebhooks } from '../domain/webhooks';
import { webhookView } from '../http/views';

/** How a delivery ended, in the words the page shows. */
export type Outcome = 'delivered' | 'http-error' | 'timeout' | 'network-error';

export interface DashboardDelivery {
  id: string;
  event: string;
  /** HTTP status, null when no response came. */
  status: number | null;
  outcome: Outcome;
  /** The network error in words (timeouts, refused connections); null when a response came. */
  error: string | null;
  durationMs: number;
  at: string;
  /** Why it failed, when whoever caused it said so (the demo stops n8n on purpose): shown with the row. */
  note: string | null;
}

export type DashboardWebhook = ReturnType<typeof webhookView> & { deliveries: DashboardDelivery[] };

export interface DashboardSnapshot {
  cap: number;
  /** Real Distribu's cap, for the page to explain a raised one. */
  distribuCap: number;
  webhooks: DashboardWebhook[];
}

export interface DashboardEvent {
  name: string;
  label: string;
  resource: string;
  description: string;
}

/** What the page shows, newest webhook first. Built from the secret-free webhook view only. */
export function dashboardSnapshot(core: SandboxCore, notes: ReadonlyMap<string, string> = new Map()): DashboardSnapshot {
  return {
    cap: core.webhookCap,
    distribuCap: WEBHOOK_CAP,
    webhooks: listWebhooks(core).map((w) => ({
      ...webhookView(w),
      deliveries: w.deliveries.map((d) => ({ ...deliveryView(d), note: notes.get(d.id) ?? null })),
    })),
  };
}

/** The catalog's events as the fire buttons need them (a 13th event gets its button for free). */
export function dashboardEvents(): DashboardEvent[] {
  return events.map((e) => ({ name: e.name, label: e.label, resource: e.resource, description: e.description }));
}

function deliveryView(d: DeliveryAttempt): Omit<DashboardDelivery, 'note'> {
  const noResponse = d.status === null;
  return {
    id: d.id,
    event: d.event,
    status: d.status,
    outcome: d.ok ? 'delivered' : !noResponse ? 'http-error' : isTimeout(d) ? 'timeout' : 'network-error',
    // Without a response the log keeps the error message; with one it keeps the body, which the page does not need.
    error: noResponse ? d.response : null,
    durationMs: d.durationMs,
    at: d.at,
  };
}

/** The deliverer logs aborted attempts as "Timed out after N ms." */
function isTimeout(d: DeliveryAttempt): boolean {
  return /^timed out/i.test(d.response ?? '');
}
