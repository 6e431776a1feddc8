import { isWithinReplayWindow } from '@distribu/shared/runtime';

describe('isWithinReplayWindow', () => {
  const now = Date.parse('2026-04-17T12:00:00.000Z');
  it('accepts timestamps inside the window on either side (clock skew)', () => {
    expect(isWithinReplayWindow('2026-04-17T11:55:00.000Z', 300, now)).toBe(true);
    expect(isWithinReplayWindow('2026-04-17T12:04:59.000Z', 300, now)).toBe(true);
  });
  it('rejects older and unparseable timestamps', () => {
    expect(isWithinReplayWindow('2026-04-17T11:54:59.000Z', 300, now)).toBe(false);
    expect(isWithinReplayWindow('yesterday', 300, now)).toBe(false);
    expect(isWithinReplayWindow(undefined, 300, now)).toBe(false);
  });
  it('is off at 0', () => {
    expect(isWithinReplayWindow('2020-01-01T00:00:00.000Z', 0, now)).toBe(true);
  });
});
