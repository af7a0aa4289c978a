/** A problem in an input file, located as `file:line` and, when known, the field. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${field ? `field ${field}: ` : ''}${problem}`);
    this.name = 'DataError';
  }
}
