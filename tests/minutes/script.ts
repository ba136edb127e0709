/**
 * The example meeting as it is run, through the real services: a habilitet round before
 * it, the secretary's notes and the item-2 vote during it, and the item-3 task.
 */
import { createServices, type Services } from '../../services';
import { ManualClock } from '../../services/clock';
import type { Meeting, Member } from '../../services/model';
import { findMember } from '../../services/networks';
import type { Store } from '../../services/store/store';
import { actor, exampleMeeting, exampleNetwork, MEETING_ID } from '../helpers/bot';

export const HABILITET_NONE =
  'Forud for specialistnetværkets behandling af dagsorden blev medlemmerne spurgt, om der var nye væsentlige forhold i forhold til deres habilitet. Dette var ikke tilfældet.';
export const DEADLINE =
  'Det blev aftalt, at de regionale repræsentanter (Mads Bering Kjær, Søren Ahl, Karen Østby, Lise Damgaard og Jens Præst) står for opgaven "Udfyld Skema 2: Regional kortlægning". Frist for indsendelse til Mette Ravn Kofoed (mette.kofoed@example.dk) den 11. august.';
export const NOTES_ITEM_2 = [
  'Formanden gennemgik de reviderede forslag til indikationer og kriterier (bilag 1.1).',
  'Specialistnetværket drøftede især afgrænsningen af svær autoimmunitet.',
];
export const RESERVATION = 'Aldersgrænsen bør hæves til 25 år.';
export const OBJECTION = 'Diagnostisk udbytte er for lavt til national indikation.';
export const GROUND = 'Deltager i et af forslagenes forskningsprojekter.';
/** Sent apologies for the example meeting. */
export const APOLOGY = 'ida.fjord@example.dk';

export interface Scripted {
  services: Services;
  clock: ManualClock;
  meeting: Meeting;
}

export async function seededServices(store: Store): Promise<Scripted> {
  const clock = new ManualClock(new Date('2021-05-26T08:00:00Z'));
  const services = createServices(store, clock);
  await services.networks.import(exampleNetwork());
  const { meeting } = await services.meetings.import(exampleMeeting());
  return { services, clock, meeting };
}

/**
 * Runs the example meeting (its item-3 task is in the import, so the deadlines source has
 * it without a step here): attendance at the start with one apology, the secretary's notes
 * and the item-2 vote with a reservation and a disagreement. With `conflictOf`, that member
 * declares a conflict on item 2 and so does not vote on it; `silent` members are present
 * and do not vote. Leaves the clock on 7 June 2021, when the draft is made.
 */
export async function runExampleMeeting(store: Store, options: { conflictOf?: string; silent?: string[] } = {}): Promise<Scripted> {
  const scripted = await seededServices(store);
  const { services, clock, meeting } = scripted;
  const network = await services.networks.require('pid');
  const member = (email: string) => findMember(network, email) as Member;
  const secretary = member('mette.kofoed@example.dk');
  const chair = member('anne.lund@example.dk');

  await services.habilitet.start('pid', MEETING_ID, actor(secretary.email));
  for (const m of network.members.filter((x) => ['chair', 'vice-chair', 'member'].includes(x.role))) {
    const answer = m.email === options.conflictOf ? { answer: 'yes', items: [2], description: GROUND } : { answer: 'no' };
    await services.habilitet.answer('pid', MEETING_ID, actor(m.email), answer);
  }

  clock.set(new Date('2021-06-02T11:00:00Z'));
  await services.attendance.record(meeting, network, chair, [APOLOGY]);
  clock.set(new Date('2021-06-02T11:30:00Z'));
  await services.agenda.saveNotes(meeting, secretary, 2, NOTES_ITEM_2.join('\n\n'));
  await services.voting.open(meeting, chair, 2);
  const skip = [options.conflictOf, APOLOGY, ...(options.silent ?? [])];
  for (const m of network.members.filter((x) => ['chair', 'vice-chair', 'member'].includes(x.role) && !skip.includes(x.email))) {
    const choice = (proposalId: string) => {
      if (m.email === 'karen.ostby@example.dk' && proposalId === '2') return { proposalId, choice: 'reservation', reason: RESERVATION };
      if (m.email === 'jens.praest@example.dk' && proposalId === '3') return { proposalId, choice: 'disagree', reason: OBJECTION };
      return { proposalId, choice: 'agree' };
    };
    await services.voting.cast(meeting, network, m, 2, ['1', '2', '3'].map(choice));
  }
  await services.voting.close(meeting, network, chair, 2);

  clock.set(new Date('2021-06-07T08:00:00Z'));
  return scripted;
}
