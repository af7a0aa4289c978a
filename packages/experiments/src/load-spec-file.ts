import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseSpec } from './parse-spec';
import type { Spec } from './spec';
import { SpecError } from './spec-error';

/**
 * Reads a JSON or YAML spec, applies `--set a.b=value` overrides (the value is parsed as JSON when
 * it parses, else taken as a string), then validates it with parseSpec. Errors name the file.
 */
export async function loadSpecFile(path: string, sets: readonly string[] = []): Promise<Spec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SpecError(path, undefined, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let input: unknown;
  try {
    input = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new SpecError(path, undefined, `malformed ${extname(path).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  for (const set of sets) input = applySet(input, set, path);
  return parseSpec(input, path);
}

/** Returns a copy of `spec` with `a.b.c=value` applied; array elements by index (`rows.0=0.2`). */
export function applySet(spec: unknown, set: string, source = 'spec'): unknown {
  const eq = set.indexOf('=');
  if (eq <= 0) throw new SpecError(source, undefined, `--set ${set}: expected path=value`);
  const path = set.slice(0, eq).split('.');
  const raw = set.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  if (path.some((key) => key === '' || key === '__proto__' || key === 'constructor' || key === 'prototype')) {
    throw new SpecError(source, undefined, `--set ${set}: invalid path`);
  }
  const root: unknown = structuredClone(spec ?? {});
  let node = root;
  path.forEach((key, i) => {
    if (typeof node !== 'object' || node === null) {
      throw new SpecError(source, path.slice(0, i).join('.'), `--set ${set}: cannot set a key inside a ${typeof node}`);
    }
    const container = node as Record<string, unknown>;
    if (i === path.length - 1) {
      container[key] = value;
      return;
    }
    if (container[key] === undefined) container[key] = {};
    node = container[key];
  });
  return root;
}
