import type { ServerResponse } from 'node:http';

const HEARTBEAT_MS = 20_000;

/**
 * Server-sent events: every open page gets a snapshot on connect, then a fresh one whenever
 * something may have changed. Bursts (12 deliveries of one fire) coalesce into one snapshot, and a
 * snapshot equal to the last one sent is not resent.
 */
export class LiveFeed {
  private readonly clients = new Set<ServerResponse>();
  private last = '';
  private scheduled = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly read: () => unknown) {
    // A comment line keeps idle connections from being reaped by anything in between.
    this.heartbeat = setInterval(() => this.broadcast(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  open(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
    });
    this.last = JSON.stringify(this.read());
    res.write(`retry: 2000\n\n${frame(this.last)}`);
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  /** Something may have changed: push a snapshot on the next turn if it differs from the last. */
  changed(): void {
    if (this.scheduled || this.clients.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const json = JSON.stringify(this.read());
      if (json === this.last) return;
      this.last = json;
      this.broadcast(frame(json));
    });
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private broadcast(text: string): void {
    for (const res of this.clients) res.write(text);
  }
}

function frame(json: string): string {
  return `event: snapshot\ndata: ${json}\n\n`;
}
