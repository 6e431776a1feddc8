/**
 * A lock folder holding its owner's PID: atomic across processes (mkdir), taken over when the owner has died.
 * Used so two installs never write the same cache, and so two n8n instances never run at once on one machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Log } from './log';

export interface LockOptions {
  /** What the lock guards, for the waiting message ("installing n8n 2.40.7"). */
  what: string;
  timeoutMs: number;
  log: Log;
}

/** Waits for the lock and returns its release function (safe to call twice). */
export async function acquirePidLock(lock: string, options: LockOptions): Promise<() => void> {
  const deadline = Date.now() + options.timeoutMs;
  let announced = false;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return () => fs.rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner = 0;
    let young = false;
    try {
      owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8') || 0);
    } catch {
      // not written yet, or released between our mkdir and this read
    }
    try {
      young = Date.now() - fs.statSync(lock).mtimeMs < 10_000; // its owner may not have written the PID yet
    } catch {
      continue; // released meanwhile: try again at once
    }
    if ((!owner && !young) || (owner && !isAlive(owner))) {
      fs.rmSync(lock, { recursive: true, force: true }); // left by a process that died holding it
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for another process (PID ${owner}) ${options.what} (lock ${lock}).`);
    if (!announced && owner) options.log(`Another process (PID ${owner}) is ${options.what}; waiting for it.`);
    announced ||= Boolean(owner);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
