import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** `runs/<name>-<timestamp>` under the current directory, the default output of train and eval. */
export function defaultRunDir(name: string, now = new Date()): string {
  const slug = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return resolve('runs', `${slug}-${stamp}`);
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Writes named files (paths relative to `dir`, `/`-separated) under `dir`. */
export async function writeFiles(dir: string, files: Record<string, Uint8Array>): Promise<void> {
  const root = resolve(dir);
  for (const [name, bytes] of Object.entries(files)) {
    const path = resolve(root, name);
    if (!path.startsWith(root + sep)) throw new Error(`refusing to write outside ${root}: ${name}`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }
}

/** Reads every file under `dir` into the same shape `writeFiles` takes. */
export async function readFiles(dir: string): Promise<Record<string, Uint8Array>> {
  const root = resolve(dir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: Record<string, Uint8Array> = {};
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(root, path).split(sep).join('/')] = new Uint8Array(await readFile(path));
  }
  return files;
}
