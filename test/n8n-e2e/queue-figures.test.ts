// How burst 2 of the queue-mode suite sorts deliveries (support/queue-figures.ts): by the answering process's own
// record and the answer's body, never by time.
import { STARTING_UP, classifyAnswers, type SenderOutcome } from './support/queue-figures';

const OLD = 100;
const NEW = 200;
const sent = (entries: Array<[number, number | undefined, string?]>) =>
  new Map<number, SenderOutcome>(entries.map(([n, status, body]) => [n, { id: `order-${n}`, status, body: status === undefined ? undefined : (body ?? '{}') }]));

test('sorts each delivery by the process that recorded answering it, and the start-up placeholder apart', () => {
  const outcome = classifyAnswers(
    sent([[0, 200], [1, 200], [2, 500], [3, undefined], [4, 200, STARTING_UP], [5, 404], [6, 200], [7, undefined]]),
    [
      { pid: OLD, stopping: false, status: 200, request: 0 },
      { pid: OLD, stopping: true, status: 200, request: 1 },
      { pid: OLD, stopping: true, status: 500, request: 2 },
      { pid: NEW, stopping: false, status: 200, request: 4 },
      { pid: NEW, stopping: false, status: 404, request: 5 },
      { pid: NEW, stopping: false, status: 200, request: 6 },
      // answered, but the answer never reached the sender (the process exited)
      { pid: OLD, stopping: true, status: 200, request: 7 },
    ],
    { oldPid: OLD, newPid: NEW },
  );
  expect(Object.fromEntries(outcome.answererOf)).toEqual({
    'order-0': 'old',
    'order-1': 'stopping',
    'order-2': 'stopping',
    'order-3': 'none',
    'order-4': 'starting',
    'order-5': 'new',
    'order-6': 'new',
    'order-7': 'stopping',
  });
  expect(outcome.counts.stopping).toMatchObject({ ok: 1, notOk: 2, failures: 1 });
  expect(outcome.counts.new).toMatchObject({ ok: 1, notOk: 1 });
  expect(outcome.counts.starting).toMatchObject({ ok: 1, notOk: 0 });
  expect(outcome.unaccounted).toEqual([]);
});

test('an answer no process recorded, recorded with another status, twice, or by a stranger is reported, not sorted away', () => {
  const outcome = classifyAnswers(
    sent([[0, 200], [1, 200], [2, 200], [3, 200]]),
    [
      { pid: OLD, stopping: false, status: 401, request: 1 },
      { pid: OLD, stopping: false, status: 200, request: 2 },
      { pid: NEW, stopping: false, status: 200, request: 2 },
      { pid: 999, stopping: false, status: 200, request: 3 },
    ],
    { oldPid: OLD, newPid: NEW },
  );
  expect(outcome.unaccounted).toEqual([
    'request 0: the sender got 200, no process recorded an answer',
    'request 1: the sender got 200, PID 100 recorded 401',
    'request 2: recorded 2 times',
    'request 3: answered by PID 999, neither the old nor the new process',
  ]);
});
