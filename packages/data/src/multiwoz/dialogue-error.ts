/** A malformed dialogue record, located by file, dialogue id and (when known) turn index. */
export class DialogueFormatError extends Error {
  constructor(
    readonly file: string,
    readonly dialogueId: string,
    readonly turnIndex: number | undefined,
    readonly problem: string,
  ) {
    super(`${file}: dialogue ${dialogueId}${turnIndex === undefined ? '' : ` turn ${turnIndex}`}: ${problem}`);
    this.name = 'DialogueFormatError';
  }
}

/** `a.b: message; c: message` from a zod error's issues. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(record)'}: ${issue.message}`).join('; ');
}
