/** Injection token: this deployment's watchlist durable, `immigration-<site>-watchlist`. */
export const WATCHLIST_DURABLE = Symbol('WATCHLIST_DURABLE');
