/** Danish strings of the minutes feature. */
export const minutes = {};
