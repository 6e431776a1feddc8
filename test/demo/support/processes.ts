/** Processes on this machine, read from /proc: what a demo could have left running. */
import fs from 'node:fs';

export interface Proc {
  pid: number;
  /** Process group. */
  pgrp: number;
  cmdline: string;
  cwd: string;
}

export function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...: comm may hold spaces, so count from its closing parenthesis.
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      let cwd = '';
      try {
        cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      } catch {
        // another user's process, or gone
      }
      out.push({ pid: Number(entry), pgrp, cmdline, cwd });
    } catch {
      // exited while we looked
    }
  }
  return out;
}

/** Processes in any of these process groups, or running in or naming the folder. */
export function leftBehind(groups: number[], folder: string): Proc[] {
  return processes().filter((p) => groups.includes(p.pgrp) || groups.includes(p.pid) || p.cwd.startsWith(folder) || p.cmdline.includes(folder));
}
