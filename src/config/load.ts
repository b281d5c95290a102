import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { JamwatchError } from '../errors.js';
import { configFromEnv } from './env.js';
import { type Config, configSchema } from './schema.js';

/**
 * Configuration in layers, later ones winning: the schema's defaults, `config/default.json` (or .yaml) of the
 * package, the `--config FILE`, then `JAMWATCH_*` environment variables. Validated once, before anything connects;
 * a bad value fails with its key, its value, where it came from and what is accepted.
 */
export interface LoadConfigOptions {
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  defaultsDir?: string;
}

const PACKAGE_CONFIG_DIR = resolve(import.meta.dirname, '../../../config');

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const layers: Array<{ name: string; values: unknown }> = [];
  const defaultsFile = findDefaults(options.defaultsDir ?? PACKAGE_CONFIG_DIR);
  if (defaultsFile) layers.push({ name: defaultsFile, values: readConfigFile(defaultsFile) });
  if (options.file) layers.push({ name: options.file, values: readConfigFile(options.file) });
  const fromEnv = configFromEnv(configSchema, env);
  layers.push({ name: 'environment', values: fromEnv.values });

  let merged: Record<string, unknown> = {};
  for (const layer of layers) merged = deepMerge(merged, layer.values as Record<string, unknown>, layer.name);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    throw new JamwatchError(
      'CONFIG_INVALID',
      describeIssues(parsed.error, merged, (path) => {
        const variable = fromEnv.sources.get(path);
        if (variable) return `environment variable ${variable}`;
        const file = [...layers].reverse().find((layer) => layer.name !== 'environment' && hasPath(layer.values, path));
        return file ? file.name : 'defaults';
      }),
    );
  }
  return parsed.data;
}

function findDefaults(dir: string): string | undefined {
  for (const name of ['default.json', 'default.yaml', 'default.yml']) {
    const path = resolve(dir, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new JamwatchError('CONFIG_FILE', `cannot read config file ${path}: ${(cause as Error).message}`, { cause });
  }
  try {
    return ['.yaml', '.yml'].includes(extname(path)) ? parseYaml(text) : JSON.parse(text);
  } catch (cause) {
    throw new JamwatchError(
      'CONFIG_FILE',
      `config file ${path} is not valid ${extname(path).slice(1).toUpperCase() || 'JSON'}: ${(cause as Error).message}`,
      { cause },
    );
  }
}

function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
  layer: string,
): Record<string, unknown> {
  if (over === null || typeof over !== 'object' || Array.isArray(over)) {
    throw new JamwatchError('CONFIG_FILE', `${layer} must hold an object of configuration sections`);
  }
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prior = out[key];
    out[key] = isPlainObject(prior) && isPlainObject(value) ? deepMerge(prior, value, layer) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasPath(values: unknown, path: string): boolean {
  let node = values;
  for (const key of path.split('.')) {
    if (!isPlainObject(node) || !(key in node)) return false;
    node = node[key];
  }
  return true;
}

function valueAt(values: unknown, path: PropertyKey[]): unknown {
  let node = values;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describeIssues(error: z.ZodError, values: unknown, sourceOf: (path: string) => string): string {
  const lines = error.issues.map((issue) => {
    const key = issue.path.map(String).join('.') || '(top level)';
    const leafPath = issue.path.filter((part) => typeof part === 'string').join('.');
    const value = valueAt(values, issue.path);
    const shown = value === undefined ? 'missing' : JSON.stringify(value);
    const unknownKeys = issue.code === 'unrecognized_keys' ? ` (unknown keys: ${issue.keys.join(', ')})` : '';
    return `- ${key} = ${shown} (from ${sourceOf(leafPath)}): ${issue.message}${unknownKeys}`;
  });
  return `invalid configuration:\n${lines.join('\n')}\nSee the configuration table in README.md for accepted values.`;
}

export type { Config };
