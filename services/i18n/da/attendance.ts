/** Danish strings of attendance: who is present when the meeting starts, apologies, late arrivals. */
export const attendance = {
  commands: {
    attendance: 'Ret fremmødet under mødet, fx når et medlem med afbud kommer alligevel',
  },
  card: {
    title: 'Hvem er til stede?',
    intro: 'Alle er sat til at være til stede. Fjern fluebenet ved dem, der har meldt afbud.',
    introTeams: 'De, der er kommet ind i Teams-mødet, er sat til at være til stede. Ret det, fx for den, der deltager pr. telefon.',
    joinedAt: '{person}, i Teams-mødet fra kl. {time}',
    present: 'Til stede',
    start: 'Start mødet',
    save: 'Gem fremmødet',
  },
  recorded: 'Til stede: {count}. Afbud: {names}.',
  recordedAll: 'Til stede: alle {count}.',
};
