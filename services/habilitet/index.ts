export { Habilitet, type Answered, type Conflict, type MemberView, type RoundStatus, type SeenRound } from './habilitet';
export { habilitetContributions, habilitetMinutesSource, impartialityParagraph, itemLabels, recusalParagraph } from './minutes';
export { DESCRIPTION_MAX, type AnswerDoc, type AnswerEntry, type HistoryEntry, type PostedCard, type RoundDoc } from './model';
