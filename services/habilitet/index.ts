export { Habilitet, type Conflict, type MemberView, type RoundStatus } from './habilitet';
export { habilitetContributions, habilitetMinutesSource, impartialityParagraph, recusalParagraph } from './minutes';
export { DESCRIPTION_MAX, type AnswerDoc, type HistoryEntry, type PostedCard, type RoundDoc } from './model';
