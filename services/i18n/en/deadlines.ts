import type { Widen } from '../widen';
import type { deadlines as da } from '../da/deadlines';

/** English strings of the deadlines feature; same keys as the Danish ones. */
export const deadlines: Widen<typeof da> = {};
