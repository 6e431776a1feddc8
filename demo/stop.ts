/**
 * How the demo learns that it should stop: Ctrl-C (SIGINT), a closed terminal (SIGHUP) or `kill` (SIGTERM). The first
 * one asks for a full clean-up after the current step; a later one cuts the clean-up short.
 *
 * One Ctrl-C reaches the demo twice: the terminal signals its whole foreground process group (npm and the demo), and npm
 * passes the SIGINT it received on to the script it runs. Both arrive within milliseconds, so a signal less than
 * SAME_PRESS_MS after the first one counts as the same press.
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** Longer than npm's pass-on takes even on a busy machine, shorter than a person's deliberate second Ctrl-C. */
export const SAME_PRESS_MS = 1000;

/** The part of `process` this needs (a stand-in in the unit test). */
export interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
}

export interface StopRequest {
  /** The first signal, once one came. */
  readonly signal: StopSignal | undefined;
  /** Resolves with the first signal. */
  readonly requested: Promise<StopSignal>;
  /** Throws Stopped if a stop was requested: called between the demo's steps. */
  checkpoint(): void;
  /** Removes the listeners. */
  close(): void;
}

export class Stopped extends Error {
  constructor(readonly signal: StopSignal) {
    super(`stopped by ${signal}`);
  }
}

export function listenForStop(
  handlers: { first(signal: StopSignal): void; again(signal: StopSignal): void },
  source: SignalSource = process,
  now: () => number = Date.now,
): StopRequest {
  let first: { signal: StopSignal; at: number } | undefined;
  let resolve!: (signal: StopSignal) => void;
  const requested = new Promise<StopSignal>((r) => (resolve = r));
  const listeners = STOP_SIGNALS.map((signal) => {
    const listener = () => {
      if (!first) {
        first = { signal, at: now() };
        handlers.first(signal);
        resolve(signal);
      } else if (now() - first.at >= SAME_PRESS_MS) {
        handlers.again(signal);
      }
    };
    source.on(signal, listener);
    return [signal, listener] as const;
  });
  return {
    get signal() {
      return first?.signal;
    },
    requested,
    checkpoint() {
      if (first) throw new Stopped(first.signal);
    },
    close() {
      for (const [signal, listener] of listeners) source.off(signal, listener);
    },
  };
}
