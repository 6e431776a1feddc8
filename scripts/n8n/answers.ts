/**
 * Which n8n process answered which request, as each process recorded it (answer-log.cjs, preloaded when an
 * N8nInstance is created with `recordAnswers`): the fact a restart test classifies deliveries by, instead of the time
 * an answer reached the sender, which races the process's exit.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The request header that carries the load generator's request number (lower case, as Node parses it). */
export const ANSWER_ID_HEADER = 'x-load-request';

/** The preload module, passed to n8n's Node with `--require`. */
export const ANSWER_LOG_PRELOAD = path.join(__dirname, 'answer-log.cjs');

/** The environment variable that tells the preload where to append its lines. */
export const ANSWER_LOG_ENV = 'DISTRIBU_ANSWER_LOG';

export interface RecordedAnswer {
  pid: number;
  /** `stopping`: written after the process received SIGTERM, while n8n's shutdown ran. */
  stopping: boolean;
  status: number;
  request: number;
}

/** Where the record ends now: pass it to readAnswers() later to read only what was recorded after this moment. */
export function answersEnd(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

/** Every answer a process recorded in `file` (over all its starts) from byte `from` on, in the order written. */
export function readAnswers(file: string, from = 0): RecordedAnswer[] {
  if (!fs.existsSync(file)) return [];
  const answers: RecordedAnswer[] = [];
  for (const line of fs.readFileSync(file).subarray(from).toString('utf8').split('\n')) {
    const match = /^(\d+) (serving|stopping) (\d{3}) (\d+)$/.exec(line);
    if (match) answers.push({ pid: Number(match[1]), stopping: match[2] === 'stopping', status: Number(match[3]), request: Number(match[4]) });
  }
  return answers;
}
