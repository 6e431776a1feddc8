// No import circle in shared/src: the kit, the providers and the runtime must stay layers (kit ←
// providers ← runtime), which a circle would quietly undo. The graph is read with TypeScript's own
// resolver and the repository's compiler options, type-only imports included.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');
const src = join(root, 'shared', 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;

/** file → the files of shared/src it imports (values and types). */
function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((ref) => ts.resolveModuleName(ref.fileName, file, config.options, ts.sys).resolvedModule?.resolvedFileName)
      .filter((target): target is string => !!target && target.startsWith(src) && !target.includes('node_modules'));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every circle, each as the files around it (Tarjan's strongly connected components of size > 1, or a self-import). */
function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indexOf.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indexOf.get(next)!));
      }
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.map((f) => relative(root, f)).sort());
    }
  };
  for (const node of graph.keys()) if (!indexOf.has(node)) visit(node);
  return found;
}

describe('imports in shared/src', () => {
  const files = tsFiles(src);
  const graph = importGraph(files);

  test('the resolver sees the imports (the check can fail)', () => {
    const edges = [...graph.values()].reduce((n, targets) => n + targets.length, 0);
    expect(files.length).toBeGreaterThan(40);
    expect(edges).toBeGreaterThan(files.length);
    expect(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });

  test('form no circle', () => {
    expect(circles(graph)).toEqual([]);
  });

  test('the kit imports nothing outside itself', () => {
    const kit = join(src, 'kit');
    const outside = [...graph].filter(([file]) => file.startsWith(kit)).flatMap(([file, targets]) => targets.filter((t) => !t.startsWith(kit)).map((t) => `${relative(root, file)} → ${relative(root, t)}`));
    expect(outside).toEqual([]);
  });
});
