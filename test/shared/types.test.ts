import type { DistribuEvent, EventData } from '@distribu/shared/schemas';
import { catalog } from '@distribu/shared/catalog';

// These functions are checked by `tsc` (npm test's typecheck): if the inferred types stopped
// discriminating on `event`, or lost a documented field, the build would fail.
function trackingNumber(e: DistribuEvent): string | null {
  switch (e.event) {
    case 'order.shipped':
      return e.data.tracking.number; // always present on order.shipped
    case 'order.status_changed':
      return e.data.tracking?.number ?? null; // nullable elsewhere
    default:
      return null;
  }
}

function lineCount(data: EventData<'order.created'>): number {
  return 'items' in data ? data.items.length : data.itemCount;
}

describe('inferred types', () => {
  it('narrow a delivery on its event name', () => {
    const shipped = catalog.find((e) => e.name === 'order.shipped')!.samples[0]!.envelope as DistribuEvent;
    expect(trackingNumber(shipped)).toBe('1Z999AA10123456784');
    const [api, storefront] = catalog.find((e) => e.name === 'order.created')!.samples;
    expect(lineCount(api!.envelope.data as EventData<'order.created'>)).toBe(2);
    expect(lineCount(storefront!.envelope.data as EventData<'order.created'>)).toBe(2);
  });
});
