// zapier/README.md's table of the API key scopes each trigger, action and search needs, generated
// from the catalogs (zapier/src/provider/scopes.ts over Distribu's host data: the same list the connection help and
// the connection test use). `npm run generate` rewrites it; the text around it is kept.
import { distribuZapierHost } from '@distribu/shared/providers/distribu/zapier';
import { scopesOf } from '../src/provider/scopes';

const { required: requiredScopes, needs: scopeNeeds } = scopesOf(distribuZapierHost);

const START = '<!-- scopes:start (generated from the catalogs by `npm run generate`) -->';
const END = '<!-- scopes:end -->';

export function scopesTable(): string {
  const all = requiredScopes();
  const rows = scopeNeeds().map((need) => {
    const cells = all.map((scope) => (need.scopes.includes(scope) ? '✓' : ''));
    return `| ${need.label} (\`${need.key}\`, ${need.kind}) | ${cells.join(' | ')} |`;
  });
  return [
    `Every scope: ${all.map((s) => `\`${s}\``).join(', ')}.`,
    '',
    `| Trigger, action or search | ${all.map((s) => `\`${s}\``).join(' | ')} |`,
    `|---|${all.map(() => ':-:').join('|')}|`,
    ...rows,
  ].join('\n');
}

/** The README with its scopes table brought up to date. */
export function withScopesTable(readme: string): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`zapier/README.md has no ${START} … ${END} block.`);
  return `${readme.slice(0, from + START.length)}\n${scopesTable()}\n${readme.slice(to)}`;
}
