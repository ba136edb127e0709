/**
 * A card's JSON as a reader sees its words: the no-break spaces renderCard puts after a
 * leading "2." (so Teams shows a date, not a numbered list) read as plain spaces.
 */
export const cardText = (card: unknown): string => JSON.stringify(card).replace(/\u00a0/g, ' ');
