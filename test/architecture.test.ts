import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Dependencies point inwards (STYLE.md): cli → drivers → {adapters, core, decode, report, sim}; the pure layers
// import only schema, errors, collections and pure libraries. This test parses every import in src/.
const SRC = resolve(import.meta.dirname, '../src');

const PURE_LAYERS = new Set(['schema', 'errors.ts', 'collections', 'decode', 'core']);
const PURE_ALLOWED_LOCAL: Record<string, Set<string>> = {
  schema: new Set(['schema']),
  'errors.ts': new Set([]),
  collections: new Set(['collections']),
  decode: new Set(['decode', 'schema', 'errors.ts', 'collections']),
  core: new Set(['core', 'schema', 'errors.ts', 'collections']),
};
const PURE_PACKAGES = new Set(['zod', 'h3-js', 'simple-statistics']);
const INNER_MAY_NOT_IMPORT: Record<string, string[]> = {
  adapters: ['drivers', 'cli'],
  drivers: ['cli'],
  report: ['drivers', 'cli', 'adapters'],
  sim: ['drivers', 'cli', 'adapters'],
  config: ['drivers', 'cli', 'adapters'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) found.push(match[1]!);
  for (const match of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(match[1]!);
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]!);
  return found;
}

function layerOf(file: string): string {
  return relative(SRC, file).split('/')[0]!;
}

function resolveLocal(from: string, spec: string): string {
  return resolve(dirname(from), spec.replace(/\.js$/, '.ts'));
}

const files = sourceFiles(SRC);

describe('architecture', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('keeps the pure layers free of I/O and outer layers', () => {
    const violations: string[] = [];
    for (const file of files) {
      const layer = layerOf(file);
      if (!PURE_LAYERS.has(layer)) continue;
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          const target = layerOf(resolveLocal(file, spec));
          if (!PURE_ALLOWED_LOCAL[layer]!.has(target))
            violations.push(`${relative(SRC, file)} imports ${spec} (${target})`);
        } else if (!PURE_PACKAGES.has(spec.split('/')[0]!)) {
          violations.push(
            `${relative(SRC, file)} imports ${spec}: pure layers may import only ${[...PURE_PACKAGES].join(', ')}`,
          );
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('points dependencies inwards', () => {
    const violations: string[] = [];
    for (const file of files) {
      const forbidden = INNER_MAY_NOT_IMPORT[layerOf(file)];
      if (!forbidden) continue;
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = layerOf(resolveLocal(file, spec));
        if (forbidden.includes(target)) violations.push(`${relative(SRC, file)} imports ${spec} (${target})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('has no import cycles', () => {
    const graph = new Map<string, string[]>();
    for (const file of files) {
      graph.set(
        file,
        importsOf(file)
          .filter((spec) => spec.startsWith('.'))
          .map((spec) => resolveLocal(file, spec)),
      );
    }
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (node: string): void => {
      state.set(node, 'visiting');
      stack.push(node);
      for (const next of graph.get(node) ?? []) {
        if (state.get(next) === 'visiting') {
          cycles.push(
            stack
              .slice(stack.indexOf(next))
              .concat(next)
              .map((f) => relative(SRC, f))
              .join(' → '),
          );
        } else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(node, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
