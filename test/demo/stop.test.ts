import { EventEmitter } from 'node:events';
import { SAME_PRESS_MS, type SignalSource, Stopped, listenForStop } from '../../demo/stop';

// The demo's stop logic on its own (the terminal's real Ctrl-C is in start.e2e.test.ts): the first signal asks for the
// clean-up, npm's pass-on of the same Ctrl-C is not a second press, a later signal cuts the clean-up short.
function harness() {
  const source = new EventEmitter() as EventEmitter & SignalSource;
  let clock = 1_000_000;
  const seen: string[] = [];
  const stop = listenForStop({ first: (s) => seen.push(`first ${s}`), again: (s) => seen.push(`again ${s}`) }, source, () => clock);
  return { source, stop, seen, advance: (ms: number) => (clock += ms) };
}

describe('the demo stop request', () => {
  it('does nothing until a signal, then stops at the next checkpoint with the first signal', async () => {
    const { source, stop, seen } = harness();
    expect(() => stop.checkpoint()).not.toThrow();
    source.emit('SIGINT');
    expect(seen).toEqual(['first SIGINT']);
    expect(stop.signal).toBe('SIGINT');
    await expect(stop.requested).resolves.toBe('SIGINT');
    expect(() => stop.checkpoint()).toThrow(Stopped);
  });

  it("counts npm's pass-on of the same Ctrl-C (within SAME_PRESS_MS) as one press, and a later one as a second", () => {
    const { source, seen, advance } = harness();
    source.emit('SIGINT'); // the terminal's, to the whole foreground group
    advance(5);
    source.emit('SIGINT'); // npm's, passed on to its script
    expect(seen).toEqual(['first SIGINT']);
    advance(SAME_PRESS_MS);
    source.emit('SIGINT');
    expect(seen).toEqual(['first SIGINT', 'again SIGINT']);
  });

  it('treats SIGTERM (kill) and SIGHUP (a closed terminal) as stop requests too', () => {
    for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
      const { source, seen, stop } = harness();
      source.emit(signal);
      expect([signal, seen, stop.signal]).toEqual([signal, [`first ${signal}`], signal]);
    }
  });

  it('removes its listeners on close', () => {
    const { source, stop } = harness();
    expect(source.listenerCount('SIGINT')).toBe(1);
    stop.close();
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map((s) => source.listenerCount(s))).toEqual([0, 0, 0]);
  });
});
