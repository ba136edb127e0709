/** The four answers a member can give a proposal: Enig, Enig med forbehold, Uenig, Undlader. */
export const CHOICES = ['agree', 'reservation', 'disagree', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];

export const isChoice = (value: string): value is Choice => (CHOICES as readonly string[]).includes(value);

/** A reservation and an objection must say why. */
export const needsReason = (choice: Choice): boolean => choice === 'reservation' || choice === 'disagree';

export const REASON_MAX = 500;
