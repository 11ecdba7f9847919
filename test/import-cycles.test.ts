import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

// Static imports, re-exports and dynamic imports with a literal relative specifier.
const importPattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)'(\.{1,2}\/[^']+)'/g;

/** The relative imports of every non-test source file under src, as repository-relative paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(importPattern)].map((m) => relative(root, resolve(dirname(file), m[1]!)));
    graph.set(relative(root, file), targets);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the list of files around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

const folder = (file: string) => file.split('/')[1]!;

test('no source file under src takes part in an import cycle', () => {
  const found = cycles(importGraph());
  assert.deepEqual(
    found.map((c) => c.join(' → ')),
    [],
  );
});

test('domain imports only domain: geo may use domain, never the reverse (the GeoJSON types live in domain)', () => {
  const graph = importGraph();
  const wrong = [...graph].flatMap(([file, targets]) =>
    folder(file) === 'domain' ? targets.filter((t) => folder(t) !== 'domain').map((t) => `${file} → ${t}`) : [],
  );
  assert.deepEqual(wrong, []);
});

test('the cycle walk finds a planted loop', () => {
  const planted = new Map([
    ['src/domain/a.ts', ['src/domain/b.ts']],
    ['src/domain/b.ts', ['src/domain/c.ts']],
    ['src/domain/c.ts', ['src/domain/a.ts']],
  ]);
  assert.deepEqual(cycles(planted), [['src/domain/a.ts', 'src/domain/b.ts', 'src/domain/c.ts', 'src/domain/a.ts']]);
});
