import { minutesCommands } from '../../../../bot/commands/minutes';
import { byRole, cardsFromCommand, LANGS, type CardSample, type Fixture, type GalleryContext, type SampleSet } from '../gallery';
import { playMeeting } from '../scenes';
import { COMMENT_MAX } from '../../../../services/deadlines/model';

/** The cards the secretary's `referat` replies with, one sample per card and language. */
async function minutesSamples(ctx: GalleryContext, fixture: Fixture, state: string): Promise<CardSample[]> {
  const [command] = minutesCommands;
  const samples: CardSample[] = [];
  for (const lang of LANGS) {
    const cards = await cardsFromCommand(ctx, command, { fixture, email: byRole(fixture, 'secretary').email, lang, args: [fixture.meeting.id] });
    if (cards.length !== 1) throw new Error(`referat replied with ${cards.length} cards`);
    samples.push({ name: 'minutes-summary', state, lang, render: () => cards[0] });
  }
  return samples;
}

/** `referat`: nothing recorded yet; the example meeting played through; the largest meeting. */
export const samples: SampleSet = async (ctx) => {
  const nothing = await minutesSamples(ctx, ctx.example, 'nothing-recorded');
  await playMeeting(ctx, ctx.example, { voteItem: 2, conflicts: 1 });
  const example = await minutesSamples(ctx, ctx.example, 'example');
  await playMeeting(ctx, ctx.large, { voteItem: 3, conflicts: 3 });
  // The largest: out for comments, every member answered with the longest comment allowed.
  const { services, large } = ctx;
  const secretary = byRole(large, 'secretary');
  const { task } = await services.minutes.circulate(large.meeting, large.network, secretary, '2030-01-10');
  const comment = 'Bemærkning til referatet, <b>ikke HTML</b>, **ikke fed**. '.repeat(40).slice(0, COMMENT_MAX);
  for (const email of task.assigneeEmails) await services.deadlines.markDone(task.id, large.network.members.find((m) => m.email === email)!, 'commentsSent', comment);
  const largest = await minutesSamples(ctx, large, 'largest');
  await services.minutes.approve(ctx.example.meeting, byRole(ctx.example, 'secretary'));
  const approved = await minutesSamples(ctx, ctx.example, 'approved');
  return [...nothing, ...example, ...largest, ...approved];
};
