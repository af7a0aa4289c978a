import type { Options } from 'tsup';

/** tsup options for a library package's dist/: `entry` maps output names to source files. */
export function publishedPackage(entry: Record<string, string>): Options;
