/** How the n8n tooling reports progress: one line at a time, to stderr unless a caller passes its own. */
export type Log = (line: string) => void;

export const defaultLog: Log = (line) => process.stderr.write(`[n8n] ${line}\n`);
