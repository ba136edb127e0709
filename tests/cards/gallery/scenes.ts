/**
 * Scenes for gallery samples: a meeting played through the real services (habilitet
 * answers, the secretary's notes, votes cast and closed), so cards that summarise a meeting
 * show realistic content. Deterministic: same fixture, same scene.
 */
import { byRole, votersOf, type Fixture, type GalleryContext } from './gallery';
import { actor } from '../../helpers/bot';

/**
 * Voter v's answer to proposal j: every third proposal is agreed by all, the next has one
 * reservation, the next one objection and one abstention — so results show each outcome.
 */
function choiceOf(v: number, j: number): string {
  if (j % 3 === 0) return 'agree';
  if (j % 3 === 1) return v === 0 ? 'reservation' : 'agree';
  return v === 1 ? 'disagree' : v === 2 ? 'abstain' : 'agree';
}
const REASONS: Record<string, string> = {
  reservation: 'Enig under forudsætning af, at kriterierne revurderes efter et år med erfaringer fra de første sekventeringer.',
  disagree: 'Patientgrundlaget er for usikkert; estimatet bør underbygges med tal fra alle fem regioner, før vi beslutter.',
};

const NOTES = [
  'Formanden bød velkommen. Dagsordenen blev godkendt uden bemærkninger.',
  'Specialistnetværket drøftede henvendelserne og var enige om, at pædiatrien bør være repræsenteret. Sekretariatet kontakter LVS med henblik på at få udpeget en repræsentant hurtigst muligt.',
  'Forslagene til indikationer og kriterier blev gennemgået punkt for punkt. Der var generel opbakning til forslagene; enkelte kriterier præciseres, før de sendes til skriftlig kommentering. Formanden reviderer forslaget på baggrund af drøftelsen.',
  'Sekretariatet introducerede opgave 2 og skemaet til den regionale kortlægning. De regionale repræsentanter udfylder skemaet inden fristen.',
];

/**
 * Plays the meeting: the habilitet round (the first `conflicts` voters declare a conflict on
 * `voteItem`, the others answer no), notes on every item, and a vote on `voteItem` in which
 * every other voter answers each proposal; the vote is closed unless `keepOpen`.
 */
export async function playMeeting(ctx: GalleryContext, fixture: Fixture, options: { voteItem: number; conflicts?: number; keepOpen?: boolean; votersLeft?: number }): Promise<void> {
  const { services } = ctx;
  const { network, meeting } = fixture;
  const chair = byRole(fixture, 'chair');
  const secretary = byRole(fixture, 'secretary');
  const voters = votersOf(fixture);
  const conflicted = voters.slice(0, options.conflicts ?? 0);

  await services.habilitet.start(network.id, meeting.id, actor(chair.email));
  for (const m of voters) {
    const yes = conflicted.includes(m);
    const answer = yes ? { answer: 'yes', items: [options.voteItem], description: 'Medforfatter på et af forslagene under punktet.' } : { answer: 'no' };
    await services.habilitet.answer(network.id, meeting.id, actor(m.email), answer);
  }
  for (const [i, item] of meeting.agenda.entries()) await services.agenda.saveNotes(meeting, secretary, item.number, NOTES[i % NOTES.length]);

  const item = meeting.agenda.find((a) => a.number === options.voteItem);
  if (!item) throw new Error(`no item ${options.voteItem} in ${meeting.id}`);
  await services.voting.open(meeting, chair, item.number);
  const voting = voters.filter((m) => !conflicted.includes(m));
  for (const [v, m] of voting.slice(0, voting.length - (options.votersLeft ?? 0)).entries()) {
    const inputs = item.proposals.map((p, j) => {
      const choice = choiceOf(v, j);
      return { proposalId: p.id, choice, reason: REASONS[choice] };
    });
    await services.voting.cast(meeting, network, m, item.number, inputs);
  }
  if (!options.keepOpen) await services.voting.close(meeting, network, chair, item.number);
}
