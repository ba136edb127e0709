import type { Widen } from '../widen';
import type { minutes as da } from '../da/minutes';

/** English strings of the minutes feature; same keys as the Danish ones. */
export const minutes: Widen<typeof da> = {};
