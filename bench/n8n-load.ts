/**
 * `npm run load:n8n`: the n8n load test at full size (10,000 signed + 1,000 forged deliveries, 20 senders) against a
 * real n8n at its default settings, with the same checks as the CI test; the figures go to docs/reliability.md.
 * `-- --signed N --forged M` changes the counts (forged must be a multiple of 4: one share per forgery kind).
 * At n8n's default settings this trigger answers 4-11 deliveries per second on 2 cores: 16 minutes measured on a quiet machine,
 * up to about 45 on a busy one.
 */
import { parseArgs } from 'node:util';
import { N8nRig } from '../scripts/n8n/rig';
import { N8N_VERSION } from '../scripts/n8n/paths';
import { recordResults } from '../test/support/results';
import { okCount } from './support/load';
import { FULL_LOAD, loadMarkdown, prepareLoadTarget, runN8nLoad } from './support/n8n-load';

const log = (line: string) => process.stderr.write(`[load:n8n] ${line}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { signed: { type: 'string' }, forged: { type: 'string' } } });
  const plan = { ...FULL_LOAD, signed: Number(values.signed ?? FULL_LOAD.signed), forged: Number(values.forged ?? FULL_LOAD.forged) };
  if (!Number.isInteger(plan.signed) || plan.signed < 1 || !Number.isInteger(plan.forged) || plan.forged < 0 || plan.forged % 4 !== 0) {
    throw new Error('--signed must be a positive integer and --forged a multiple of 4.');
  }
  const rig = await N8nRig.start({ name: 'n8n-load-full', log });
  try {
    const target = await prepareLoadTarget(rig);
    const report = await runN8nLoad(rig, target, plan, log);
    const forged = Object.values(report.forged);
    const problems = [
      report.load.stoppedByTime && 'the hard stop cut the run short',
      report.load.failures > 0 && `${report.load.failures} requests got no answer`,
      okCount(report.signed) !== plan.signed && `${okCount(report.signed)} of ${plan.signed} signed deliveries answered 2xx`,
      forged.some((r) => (r.statuses.get(401) ?? 0) !== r.sent) && 'a forged delivery was not answered 401',
      report.executions.total !== plan.signed && `${report.executions.total} executions instead of ${plan.signed}`,
      (report.executions.missing || report.executions.duplicates || report.executions.unexpected || report.executions.notSuccessful || report.executions.ranWithoutOk) &&
        `execution check: ${JSON.stringify(report.executions)}`,
    ].filter(Boolean);
    const title = `Load in a real n8n (full: ${plan.signed.toLocaleString('en-US')} signed + ${plan.forged.toLocaleString('en-US')} forged)`;
    const markdown = loadMarkdown(title, report, N8N_VERSION) + (problems.length ? `\n- **FAILED**: ${problems.join('; ')}.` : '\n- Every check passed.');
    recordResults('load-full', markdown);
    console.log(markdown);
    if (problems.length) process.exitCode = 1;
  } finally {
    await rig.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
