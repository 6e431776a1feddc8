/** The demo's tables: columns two spaces apart, no line wider than a 120-column terminal (the last column wraps). */
export const MAX_WIDTH = 120;

const width = (text: string) => [...text].length;

/** Splits text into lines of at most `max` characters, at spaces where it can. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (width(rest) > max) {
    const chars = [...rest];
    const cut = chars.slice(0, max + 1).lastIndexOf(' ');
    const at = cut > 0 ? cut : max;
    lines.push(chars.slice(0, at).join('').trimEnd());
    rest = chars.slice(at).join('').trimStart();
  }
  lines.push(rest);
  return lines;
}

export function renderColumns(header: string[], body: string[][], maxWidth = MAX_WIDTH): string {
  const last = header.length - 1;
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((row) => width(row[i]!))));
  const before = widths.slice(0, last).reduce((sum, w) => sum + w + 2, 0);
  widths[last] = Math.max(width(header[last]!), Math.min(widths[last]!, maxWidth - before));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(Math.max(0, widths[i]! - width(c)))).join('  ').trimEnd();
  const rows = body.flatMap((row) => {
    const [first, ...more] = wrap(row[last]!, widths[last]!);
    return [line([...row.slice(0, last), first!]), ...more.map((text) => line([...row.slice(0, last).map(() => ''), text]))];
  });
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows].join('\n');
}
