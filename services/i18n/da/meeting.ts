/** Danish strings of the meeting feature. */
export const meeting = {};
