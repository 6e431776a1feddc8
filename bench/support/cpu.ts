/**
 * CPU time of other processes from /proc (Linux): what each part of a multi-process setup costs per request, so a
 * benchmark can say what limits its figure. User + system time of the process itself; with `children`, also of its
 * live direct children (PostgreSQL's per-connection backends).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

/** [ppid, utime + stime in ticks] of one process, or undefined when it is gone. */
function stat(pid: number): [number, number] | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return [Number(fields[1]), Number(fields[11]) + Number(fields[12])];
  } catch {
    return undefined;
  }
}

export function cpuSeconds(pid: number, options: { children?: boolean } = {}): number {
  let ticks = stat(pid)?.[1] ?? 0;
  if (options.children) {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const child = stat(Number(entry));
      if (child && child[0] === pid) ticks += child[1];
    }
  }
  return ticks / clockTicks();
}

/** The whole machine's CPU time so far (all cores, every process, ours or not): busy and total, in ticks. */
export function machineTicks(): { busy: number; total: number } {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((sum, n) => sum + n, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}
