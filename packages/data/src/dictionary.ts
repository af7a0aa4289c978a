import type { CategoricalColumn } from './table';

/** Builds a dictionary-encoded column value by value; the empty string counts as missing (-1). */
export class DictionaryBuilder {
  private readonly index = new Map<string, number>();
  readonly dictionary: string[] = [];

  code(value: string): number {
    if (value === '') return -1;
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.dictionary.length;
      this.index.set(value, code);
      this.dictionary.push(value);
    }
    return code;
  }

  column(codes: ArrayLike<number>): CategoricalColumn {
    return { codes: Int32Array.from(codes), dictionary: this.dictionary };
  }
}
