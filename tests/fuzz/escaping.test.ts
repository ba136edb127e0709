/**
 * Free text members type is shown as typed wherever it appears: in cards through `plain()`
 * (no markdown of theirs is interpreted), and in the Word minutes as literal text (no XML
 * of theirs is interpreted, and the package stays valid).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { plain } from '../../services/i18n';
import { draftFor, minutesDocx } from '../../services/minutes';
import { actor, MEETING_ID, startTestBot } from '../helpers/bot';
import { cardText } from '../helpers/cardText';
import { forEachStore } from '../helpers/stores';
import { readDocx } from '../minutes/ooxml';

/** Characters Adaptive Card markdown (and HTML, and XML) would act on, among ordinary ones. */
const typed = fc
  .string({ unit: fc.constantFrom(...'abcæøå ÆØÅ *_[]()#+-!>|~<`\\&;"\'/:=.,1 2\u0001'.split('')), minLength: 1, maxLength: 60 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

/** Word's XML cannot hold C0 control characters; the document leaves them out. */
// eslint-disable-next-line no-control-regex
const inWord = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** What a markdown reader makes of escaped text: every backslash escape undone. */
const unescape = (s: string) => s.replace(/\\(.)/g, '$1');

/** Text with a line that starts as markdown would start a heading, list, quote or numbered item. */
const lineStarts = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('', ' ', '  '), fc.constantFrom('#', '-', '+', '=', '>', '*', '1.', '12)'), fc.string({ maxLength: 20 }))
  .map(([a, indent, marker, b]) => `${a}\n${indent}${marker} ${b}`);

describe('fuzz: plain() escapes every markdown character a member can type', function () {
  it('leaves no character of emphasis, code, links or HTML, and no line-leading heading, list or quote marker, unescaped, and loses nothing', function () {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), lineStarts), (text) => {
        const shown = plain(text);
        assert.equal(unescape(shown), text);
        assert.doesNotMatch(shown.replace(/\\./g, ''), /[\\`*_[\]|~<>]/, 'an unescaped markdown character');
        assert.doesNotMatch(shown, /(^|\n)\s*([#+\-=]|\d+[.)])/, 'a line read as a heading, list or quote');
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves dates, ids and parentheses in running text as they are', function () {
    assert.equal(plain('pid-2021-06-02 (forslag 2) er klar!'), 'pid-2021-06-02 (forslag 2) er klar!');
    assert.equal(plain('[klik](https://evil.example/login)'), '\\[klik\\](https://evil.example/login)');
  });
});

forEachStore('fuzz: free text in cards and in the Word minutes', (fresh) => {
  it('shows a habilitet description and a vote reason escaped in the cards, and reason and notes literally in the .docx', async function () {
    this.timeout(90_000);
    const runs = (await fresh()).kind === 'cosmos' ? 4 : 12;
    await fc.assert(
      fc.asyncProperty(typed, typed, typed, async (description, reason, notes) => {
        const bot = await startTestBot({ store: await fresh() });
        try {
          const ref = { networkId: 'pid', meetingId: MEETING_ID };
          await bot.app.services.habilitet.start('pid', MEETING_ID, actor('mette.kofoed@example.dk'));
          const declared = await bot.invoke('karen.ostby@example.dk', 'habilitet.submitYes', { ...ref, items: '3', description });
          assert.ok(cardText(declared.card).includes(JSON.stringify(plain(description)).slice(1, -1)), `the description escaped: ${declared.message ?? ''}`);

          const saved = await bot.invoke('mette.kofoed@example.dk', 'meeting.item.saveNotes', { ...ref, item: 2, notes });
          assert.ok(saved.card, saved.message);
          await bot.invoke('anne.lund@example.dk', 'meeting.vote.open', { ...ref, item: 2 });
          const cast = await bot.invoke('jens.praest@example.dk', 'meeting.vote.cast', { ...ref, item: 2, 'choice-1': 'reservation', 'reason-1': reason });
          assert.ok(cast.card, cast.message);
          const closed = await bot.invoke('anne.lund@example.dk', 'meeting.vote.close', { ...ref, item: 2 });
          assert.ok(cardText(closed.card).includes(JSON.stringify(plain(reason)).slice(1, -1)), 'the reason escaped on the closed vote card');

          const { services } = bot.app;
          const docx = await minutesDocx(await draftFor(services, await services.meetings.require('pid', MEETING_ID)));
          const paragraphs = (await readDocx(docx)).paragraphs.map((p) => p.text);
          assert.ok(paragraphs.some((p) => p.includes(`Jens Præst var enig med forbehold: ${inWord(reason)}`)), 'the reason as typed');
          assert.ok(paragraphs.includes(inWord(notes)), 'the notes as typed');
          assert.ok(paragraphs.some((p) => p.startsWith(`Karen Østby havde erklæret sig inhabil i punktet med begrundelsen: ${inWord(description)}`)), 'the ground as typed');

          // A comment on the draft minutes, as the secretary reads it on the minutes card.
          const round = await services.minutes.circulate(await services.meetings.require('pid', MEETING_ID), await services.networks.require('pid'), actor('mette.kofoed@example.dk'), '2030-01-10');
          const commented = await bot.invoke('karen.ostby@example.dk', 'deadlines.done', { taskId: round.task.id, outcome: 'commentsSent', comment: notes });
          assert.ok(commented.card, commented.message);
          const minutesCard = await bot.invoke('mette.kofoed@example.dk', 'minutes.card', ref);
          assert.ok(cardText(minutesCard.card).includes(JSON.stringify(plain(notes)).slice(1, -1)), 'the comment escaped on the minutes card');
        } finally {
          await bot.close();
        }
      }),
      { numRuns: runs },
    );
  });
});
