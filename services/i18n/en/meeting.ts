import type { Widen } from '../widen';
import type { meeting as da } from '../da/meeting';

/** English strings of the meeting feature; same keys as the Danish ones. */
export const meeting: Widen<typeof da> = {};
