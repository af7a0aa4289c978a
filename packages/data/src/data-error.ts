/**
 * A problem in an input file, located as `file:line[:column]` (column = 1-based field number)
 * and, when known, the field's name.
 */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string | undefined,
    readonly problem: string,
    readonly column?: number,
  ) {
    super(`${file}:${line}${column ? `:${column}` : ''}: ${field ? `field ${field}: ` : ''}${problem}`);
    this.name = 'DataError';
  }
}
