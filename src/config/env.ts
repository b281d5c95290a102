import type { z } from 'zod';

/**
 * Maps `JAMWATCH_*` environment variables onto configuration keys. Every leaf of the schema has a variable named
 * from its path (`kafka.clientId` → `JAMWATCH_KAFKA_CLIENT_ID`); the few names DESIGN.md fixes differently are
 * aliases. Values are coerced by the leaf's type: numbers, booleans, comma lists for string arrays, JSON otherwise.
 */
export const ENV_PREFIX = 'JAMWATCH_';
const ALIASES: Record<string, string> = { JAMWATCH_TOPIC_PREFIX: 'topics.prefix' };

type LeafKind = 'string' | 'number' | 'boolean' | 'string-array' | 'json';

export interface ConfigLeaf {
  path: string;
  env: string;
  kind: LeafKind;
  description: string | undefined;
  defaultValue: unknown;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  defaultValue?: unknown;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips default/optional/prefault wrappers, keeping the outermost description and default. */
function unwrap(schema: z.ZodType): { core: z.ZodType; description: string | undefined; defaultValue: unknown } {
  let core = schema;
  let description = schema.description;
  let defaultValue: unknown;
  for (;;) {
    const def = defOf(core);
    if (def.type === 'default' && defaultValue === undefined) defaultValue = def.defaultValue;
    if (!['default', 'optional', 'prefault', 'nullable'].includes(def.type) || !def.innerType) break;
    core = def.innerType;
    description ??= core.description;
  }
  return { core, description, defaultValue };
}

function envName(path: string[]): string {
  return ENV_PREFIX + path.map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_');
}

/** Every leaf option of a schema, with its variable name, for env parsing and the documentation table. */
export function configLeaves(schema: z.ZodType, path: string[] = []): ConfigLeaf[] {
  const { core, description, defaultValue } = unwrap(schema);
  const def = defOf(core);
  if (def.type === 'object' && def.shape && !isJsonLeaf(core)) {
    return Object.entries(def.shape).flatMap(([key, child]) => configLeaves(child, [...path, key]));
  }
  let kind: LeafKind = 'json';
  if (def.type === 'string' || def.type === 'enum' || def.type === 'literal') kind = 'string';
  else if (def.type === 'number') kind = 'number';
  else if (def.type === 'boolean') kind = 'boolean';
  else if (def.type === 'array' && def.element && ['string', 'enum'].includes(defOf(unwrap(def.element).core).type))
    kind = 'string-array';
  return [{ path: path.join('.'), env: envName(path), kind, description, defaultValue }];
}

/** Objects marked with `.meta({ configLeaf: true })` are set whole (as JSON), not key by key. */
function isJsonLeaf(schema: z.ZodType): boolean {
  const meta = (schema as unknown as { meta?: () => Record<string, unknown> | undefined }).meta?.();
  return meta?.configLeaf === true;
}

function coerce(kind: LeafKind, raw: string): unknown {
  switch (kind) {
    case 'string':
      return raw;
    case 'number': {
      // Keep the raw text when it is not a number, so the error shows what was given.
      const value = Number(raw);
      return raw.trim() === '' || Number.isNaN(value) ? raw : value;
    }
    case 'boolean':
      return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
    case 'string-array':
      return raw.trim().startsWith('[')
        ? parseJsonOr(raw)
        : raw
            .split(',')
            .map((part) => part.trim())
            .filter((part) => part !== '');
    case 'json':
      return parseJsonOr(raw);
  }
}

function parseJsonOr(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Values from the environment as a nested partial config, and which variable set which key. */
export function configFromEnv(
  schema: z.ZodType,
  env: NodeJS.ProcessEnv,
): { values: Record<string, unknown>; sources: Map<string, string> } {
  const values: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  const leaves = configLeaves(schema);
  const byEnv = new Map(leaves.map((leaf) => [leaf.env, leaf]));
  for (const [alias, path] of Object.entries(ALIASES)) {
    const leaf = leaves.find((l) => l.path === path);
    if (leaf) byEnv.set(alias, leaf);
  }
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || raw === undefined) continue;
    const leaf = byEnv.get(name);
    if (!leaf) continue;
    setPath(values, leaf.path.split('.'), coerce(leaf.kind, raw));
    sources.set(leaf.path, name);
  }
  return { values, sources };
}

export function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}
