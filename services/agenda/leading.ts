import { DomainError } from '../errors';
import { LEADING_ROLES, memberLogId, type Member } from '../model';

/** The chair and the secretary run the meeting: move through items, write notes, open and close votes. */
export const mayLead = (member: Member): boolean => LEADING_ROLES.includes(member.role);

export function requireLeading(member: Member): void {
  if (!mayLead(member)) throw new DomainError('meeting.onlyLeaders', {}, `${memberLogId(member.email)} (${member.role}) may not lead the meeting`);
}
