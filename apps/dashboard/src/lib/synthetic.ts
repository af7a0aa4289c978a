/** Data the project generated itself (demo data) must be labelled as such wherever it appears. */
export function isSyntheticData(opts: { kind?: string | null; synthetic?: boolean | null }): boolean {
  return Boolean(opts.synthetic) || Boolean(opts.kind?.startsWith('synthetic'));
}
