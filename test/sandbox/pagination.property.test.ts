import fc from 'fast-check';
import { paginate, parseLimit } from '../../sandbox/src/http/pagination';

// Walking the cursor from the first page visits exactly the matching records, newest first,
// whatever the limit, the filter and however many records share a createdAt millisecond.

const records = fc
  .array(fc.record({ t: fc.integer({ min: 0, max: 5 }), flag: fc.boolean() }), { maxLength: 60 })
  .map((rows) =>
    rows.map((r, i) => ({
      id: `cl${String(i).padStart(4, '0')}`,
      seq: i + 1,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, r.t)).toISOString(),
      updatedAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
      flag: r.flag,
    })),
  );

test('cursor walks are complete, ordered and duplicate-free', () => {
  fc.assert(
    fc.property(records, fc.integer({ min: -3, max: 120 }), fc.boolean(), (all, limit, onlyFlagged) => {
      const matches = (r: { flag: boolean }) => !onlyFlagged || r.flag;
      const expected = [...all]
        .sort((a, b) => (a.createdAt === b.createdAt ? b.seq - a.seq : a.createdAt < b.createdAt ? 1 : -1))
        .filter(matches)
        .map((r) => r.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page <= all.length + 1; page++) {
        const { items, pagination } = paginate(all, matches, { limit: String(limit), cursor });
        expect(items.length).toBeLessThanOrEqual(parseLimit(String(limit)));
        seen.push(...items.map((r) => r.id));
        if (!pagination.hasMore) {
          expect(pagination.nextCursor).toBeNull();
          break;
        }
        expect(pagination.nextCursor).toBe(items.at(-1)!.id);
        cursor = pagination.nextCursor!;
      }
      expect(seen).toEqual(expected);
    }),
    { numRuns: 200 },
  );
});

test('limit parsing: default 50, clamp 1..100, non-numeric 50', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
      expect(parseLimit(String(n))).toBe(Math.min(100, Math.max(1, n)));
    }),
  );
  expect(parseLimit(undefined)).toBe(50);
  expect(parseLimit('')).toBe(50);
  expect(parseLimit('ten')).toBe(50);
  expect(parseLimit('7.9')).toBe(7);
});
