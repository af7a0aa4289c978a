// Shared by the routers and the client-only entry (`@tradeoff/api/client`): imports nothing.

/** The project experiments and tracked runs land in when the caller names none. */
export const DEFAULT_PROJECT = 'default';
