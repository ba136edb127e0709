/** Danish strings of the habilitet feature. */
export const habilitet = {};
