/** The shape of a catalog section: the Danish one's keys, any strings (and string lists). */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : T[K] extends readonly string[] ? string[] : Widen<T[K]> };
