// Shared by the routers and the client-only entry (`@tradeoff/api/client`): imports nothing but zod.
import { z } from 'zod';

/** `<split>/<metric>[/<objective>]`: slash-separated segments of word characters, `@`, `.`, `-`. */
export const metricKeySchema = z
  .string()
  .max(200)
  .regex(/^[\w@.-]+(\/[\w@.-]+)*$/, 'expected a metric name like "valid/auc/income"');
