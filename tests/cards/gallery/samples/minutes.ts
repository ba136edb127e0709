import { minutesCommands } from '../../../../bot/commands/minutes';
import { byRole, cardsFromCommand, LANGS, type CardSample, type Fixture, type GalleryContext, type SampleSet } from '../gallery';
import { playMeeting } from '../scenes';

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
  const largest = await minutesSamples(ctx, ctx.large, 'largest');
  return [...nothing, ...example, ...largest];
};
