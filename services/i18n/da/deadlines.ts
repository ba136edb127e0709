/** Danish strings of the deadlines feature. */
export const deadlines = {};
