import type { ZodError } from 'zod';

/** `points[0].key: expected ...; name: too short`: one line naming every invalid field. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
        .join('.')
        .replace(/\.\[/g, '[');
      return `${path || 'input'}: ${issue.message.replace(/^Invalid input: /, '')}`;
    })
    .join('; ');
}
