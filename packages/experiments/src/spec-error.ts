import type { z } from 'zod';

/** An invalid spec; the message names the source (file or `spec`) and the field path. */
export class SpecError extends Error {
  constructor(
    readonly source: string,
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super(`${source}: ${field ? `${field}: ` : ''}${problem}`);
    this.name = 'SpecError';
  }

  /** One SpecError for every problem zod found, joined; paths are prefixed with `prefix`. */
  static fromZod(source: string, error: z.ZodError, prefix: readonly PropertyKey[] = []): SpecError {
    const problems = error.issues.map((issue) => {
      const path = fieldPath([...prefix, ...issue.path]);
      const problem =
        issue.code === 'unrecognized_keys'
          ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : issue.message.replace(/^Invalid input: /, '');
      return { path, problem };
    });
    const first = problems[0] ?? { path: fieldPath(prefix), problem: 'invalid' };
    const rest = problems.slice(1).map((p) => `; ${p.path ? `${p.path}: ` : ''}${p.problem}`);
    return new SpecError(source, first.path || undefined, first.problem + rest.join(''));
  }
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}
