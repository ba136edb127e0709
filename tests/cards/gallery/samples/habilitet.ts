import { catalog, fmt } from '../../../../services/i18n';
import type { Lang } from '../../../../services/time';
import { answerText } from '../../../../cards/habilitet';
import { teamsUserIdOf, byRole, inBothLanguages, votersOf, type Fixture, type GalleryContext, type SampleSet } from '../gallery';
import { actor } from '../../../helpers/bot';

const LONG_DESCRIPTION =
  'Jeg er medforfatter på en ansøgning til Innovationsfonden om helgenomsekventering af patienter med arvelige hjertesygdomme, ' +
  'og min afdeling har et igangværende samarbejde med en leverandør af sekventeringsudstyr. Desuden er min ægtefælle ansat i ' +
  'Lægemiddelstyrelsen i den enhed, der behandler ansøgninger om kliniske forsøg med genterapi. ';

/** Starts the round as the chair and records the answers: "no" from `no`, "yes" on items from `yes`. */
async function answerRound(ctx: GalleryContext, fixture: Fixture, no: string[], yes: { email: string; items: number[]; description: string }[]) {
  const { network, meeting } = fixture;
  await ctx.services.habilitet.start(network.id, meeting.id, byRole(fixture, 'chair'));
  for (const email of no) await ctx.services.habilitet.answer(network.id, meeting.id, actor(email), { answer: 'no' });
  for (const y of yes) await ctx.services.habilitet.answer(network.id, meeting.id, actor(y.email), { answer: 'yes', items: y.items, description: y.description });
}

/**
 * The 1:1 prompt (asked, the "yes" form, answered no / yes with the confirmation, locked)
 * and the channel's status card, for the example meeting and the largest one.
 */
export const samples: SampleSet = async (ctx) => {
  const { example, large, services } = ctx;
  const view = (f: Fixture, email: string) => services.habilitet.viewFor(f.network.id, f.meeting.id, actor(email));
  const status = (f: Fixture) => services.habilitet.status(f.network.id, f.meeting.id);
  const [soren, karen, lise] = ['soren.ahl@example.dk', 'karen.ostby@example.dk', 'lise.damgaard@example.dk'];

  const noFromExample = ['anne.lund@example.dk', 'mads.kjaer@example.dk', lise, 'jens.praest@example.dk'];
  await answerRound(ctx, example, noFromExample, [{ email: karen, items: [2], description: 'Jeg er medforfatter på forslaget til indikationer for SCID (bilag 1.1).' }]);
  const asked = await view(example, soren);
  const answeredNo = await view(example, lise);
  const answeredYes = await view(example, karen);
  const openStatus = await status(example);
  // Prompts still going out: one member the bot cannot reach yet, one Teams refused.
  const [unreachable, refused] = openStatus.voting.slice(-2);
  const sendingStatus = { ...openStatus, delivery: { total: 9, sent: 6, queued: 1, unreachable: [unreachable], failed: [refused], finished: false } };

  // Of the 12 voting members, 6 declare conflicts on several items, 5 answer no, 1 has not answered.
  const bigVoters = votersOf(large).map((m) => m.email);
  const declared = bigVoters.slice(0, 6).map((email, i) => ({ email, items: [3, 4, 5, 6 + i, 10 + i, 13], description: LONG_DESCRIPTION.repeat(4).slice(0, 1000) }));
  await answerRound(ctx, large, bigVoters.slice(6, -1), declared);
  const bigYes = await view(large, bigVoters[0]);
  const bigAsked = await view(large, bigVoters[bigVoters.length - 1]);
  const bigStatus = await status(large);
  const bigVoting = bigStatus.voting;
  const bigSent = { ...bigStatus, delivery: { total: bigVoting.length, sent: 2, queued: 0, unreachable: bigVoting.slice(2, -3), failed: bigVoting.slice(-3), finished: true } };

  await services.habilitet.lock(example.network.id, example.meeting.id, byRole(example, 'chair'));
  const locked = await view(example, karen);
  const lockedStatus = await status(example);

  const recorded = (lang: Lang) => {
    const latest = answeredYes.answer?.latest;
    if (!latest) throw new Error('the yes answer was not recorded');
    return fmt(catalog(lang).habilitet.prompt.recorded, { answer: answerText(example.meeting, latest, lang) });
  };
  const userIds = (email: string) => [teamsUserIdOf(email)];
  return [
    ...inBothLanguages('habilitet-prompt', 'ask', (lang) => ctx.cards.habilitetPrompt(asked, lang, { userIds: userIds(soren) })),
    ...inBothLanguages('habilitet-prompt', 'yes-form', (lang) => ctx.cards.habilitetPrompt(asked, lang, { form: true, userIds: userIds(soren) })),
    ...inBothLanguages('habilitet-prompt', 'answered-no', (lang) => ctx.cards.habilitetPrompt(answeredNo, lang, { userIds: userIds(lise) })),
    ...inBothLanguages('habilitet-prompt', 'answered-yes', (lang) => ctx.cards.habilitetPrompt(answeredYes, lang, { notice: recorded(lang), userIds: userIds(karen) })),
    ...inBothLanguages('habilitet-prompt', 'locked', (lang) => ctx.cards.habilitetPrompt(locked, lang, { userIds: userIds(karen) })),
    ...inBothLanguages('habilitet-prompt', 'largest-form', (lang) => ctx.cards.habilitetPrompt(bigAsked, lang, { form: true, userIds: userIds(bigAsked.member.email) })),
    ...inBothLanguages('habilitet-prompt', 'largest-answered-yes', (lang) => ctx.cards.habilitetPrompt(bigYes, lang, { userIds: userIds(bigYes.member.email) })),
    ...inBothLanguages('habilitet-status', 'open', (lang) => ctx.cards.habilitetStatus(openStatus, lang)),
    ...inBothLanguages('habilitet-status', 'locked', (lang) => ctx.cards.habilitetStatus(lockedStatus, lang)),
    ...inBothLanguages('habilitet-status', 'largest', (lang) => ctx.cards.habilitetStatus(bigStatus, lang)),
    ...inBothLanguages('habilitet-status', 'sending', (lang) => ctx.cards.habilitetStatus(sendingStatus, lang)),
    ...inBothLanguages('habilitet-status', 'largest-unreachable', (lang) => ctx.cards.habilitetStatus(bigSent, lang)),
  ];
};
