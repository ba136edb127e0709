import type { Widen } from '../widen';
import type { habilitet as da } from '../da/habilitet';

/** English strings of the habilitet feature; same keys as the Danish ones. */
export const habilitet: Widen<typeof da> = {};
