// Limits of the `tracking` procedures: the server enforces them, the SDK sends within them.

/** Points per `tracking.log` request; the SDK sends its buffer in batches of at most this many. */
export const MAX_LOG_POINTS = 50_000;

/** Bytes per artifact upload (all files together, before base64). Postgres holds them in bytea rows. */
export const MAX_ARTIFACT_BYTES = 32 * 1024 * 1024;
