import { events, type TriggerItem } from '@distribu/shared/runtime';
import type { N8nResult } from './n8n';
import type { ZapierResult } from './zapier';
import { renderColumns } from './columns';

export interface Row {
  event: string;
  fired: number;
  zapier: ZapierResult;
  n8n?: { delivered: number; verified: number; executionId?: string };
}

/** One row per event: what fired, what each connector received and verified. */
export function rows(fired: Map<string, number>, zapier: Map<string, ZapierResult>, n8n?: N8nResult): Row[] {
  return events.map((e) => {
    const runs = n8n?.executions.filter((x) => x.item?.event === e.name) ?? [];
    return {
      event: e.name,
      fired: fired.get(e.name) ?? 0,
      zapier: zapier.get(e.name) ?? { delivered: 0, verified: 0, items: [] },
      n8n: n8n ? { delivered: runs.length, verified: runs.filter((r) => r.item?.id?.startsWith('evt_')).length, executionId: runs[0]?.id } : undefined,
    };
  });
}

/** All good when every fired event reached each connector and verified there. */
export function allVerified(table: Row[]): boolean {
  return table.every(
    (r) => r.fired > 0 && r.zapier.verified === r.fired && r.zapier.delivered === r.fired && (!r.n8n || (r.n8n.verified === r.fired && r.n8n.delivered === r.fired)),
  );
}

function itemSummary(item: TriggerItem | undefined): string {
  if (!item) return '-';
  const spec = events.find((e) => e.name === item.event);
  const key = spec?.idKey ?? 'stripeInvoiceId';
  return `${item.id.slice(0, 12)}… ${key}=${String(item[key] ?? '').slice(0, 10)}`;
}

const mark = (ok: boolean) => (ok ? '✔' : '✘');

export function render(table: Row[]): string {
  const header = ['Event', 'Fired', 'Delivered', 'Verified', 'Zapier item', 'n8n execution'];
  const body = table.map((r) => {
    const delivered = `Zapier ${r.zapier.delivered}` + (r.n8n ? ` · n8n ${r.n8n.delivered}` : '');
    const verifiedOk = r.zapier.verified === r.fired && (!r.n8n || r.n8n.verified === r.fired);
    const verified = `${mark(verifiedOk && r.fired > 0)} ${r.zapier.verified}/${r.fired}` + (r.n8n ? ` · ${r.n8n.verified}/${r.fired}` : '');
    return [r.event, String(r.fired), delivered, verified, itemSummary(r.zapier.items[0]), r.n8n ? (r.n8n.executionId ? `#${r.n8n.executionId}` : '-') : 'off'];
  });
  return renderColumns(header, body);
}
