/**
 * CPU time of a process and all its descendants (Linux /proc): for n8n, the main process with its threads (the
 * expression isolates run there) plus the task runner it starts. Per process, utime + stime (every thread) +
 * cutime + cstime (children it has already reaped, so a child that exits mid-measurement is still counted).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100; // Linux's USER_HZ everywhere this runs
    }
  }
  return ticksPerSecond;
}

/** ppid and CPU ticks of one process, or undefined once it is gone. */
function readStat(pid: number): { ppid: number; ticks: number } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const field = (n: number) => Number(rest[n - 3]);
  return { ppid: field(4), ticks: field(14) + field(15) + field(16) + field(17) };
}

/** CPU milliseconds used so far by `pid` and its descendants. Needs Linux's /proc. */
export function treeCpuMs(pid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.set(Number(entry), stat);
  }
  const inTree = new Set<number>([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [child, { ppid }] of stats) {
      if (!inTree.has(child) && inTree.has(ppid)) {
        inTree.add(child);
        grew = true;
      }
    }
  }
  let ticks = 0;
  for (const member of inTree) ticks += stats.get(member)?.ticks ?? 0;
  return (ticks * 1000) / clockTicks();
}

/**
 * Waits until the tree uses at most `idleShare` of one core over `windowMs` (work started by the last request, such
 * as saving its execution, has finished), or `timeoutMs` passed. Returns whether it went idle.
 */
export async function waitUntilIdle(pid: number, options: { windowMs?: number; idleShare?: number; timeoutMs?: number } = {}): Promise<boolean> {
  const windowMs = options.windowMs ?? 500;
  const idleShare = options.idleShare ?? 0.05;
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let last = treeCpuMs(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const now = treeCpuMs(pid);
    if (now - last <= windowMs * idleShare) return true;
    last = now;
  }
  return false;
}

/** The whole machine's CPU time so far (all cores, every process, ours or not): busy and total, in ticks. */
export function machineTicks(): { busy: number; total: number } {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((sum, n) => sum + n, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}
