/** The fast path cannot finish this run alone: the next tier, or the full CLI, takes over. */
export class FallThrough extends Error {}
