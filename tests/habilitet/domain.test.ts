import assert from 'node:assert/strict';
import { createServices, type Services } from '../../services';
import { ManualClock } from '../../services/clock';
import { DomainError } from '../../services/errors';
import type { TextKey } from '../../services/i18n';
import { habilitetContributions, habilitetMinutesSource, impartialityParagraph } from '../../services/habilitet';
import { AnswerFollowUps } from '../../services/habilitet/followUps';
import type { Meeting } from '../../services/model';
import { votingMembers } from '../../services/networks';
import { InvalidInputError } from '../../services/validation';
import { actor, exampleMeeting, exampleNetwork, MEETING, MEETING_ID } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';
import { CHAIR, SECRETARY, SOREN, KAREN } from '../helpers/examplePeople';

const SEED_SENTENCE =
  'Forud for specialistnetværkets behandling af dagsorden blev medlemmerne spurgt, om der var nye væsentlige forhold i forhold til deres habilitet. Dette var ikke tilfældet.';

const refusal = (key: TextKey) => (err: unknown) => err instanceof DomainError && err.key === key;

forEachStore('habilitet domain', (fresh) => {
  let services: Services;
  let clock: ManualClock;
  let meeting: Meeting;
  const GROUND = 'Jeg har rådgivet firmaet bag en af analyserne.';
  const yes = (items: number[] | string, description = GROUND) => ({ answer: 'yes', items, description });

  beforeEach(async function () {
    clock = new ManualClock(new Date('2021-05-26T08:00:00Z'));
    services = createServices(await fresh(), clock);
    await services.networks.import(exampleNetwork());
    meeting = (await services.meetings.import(exampleMeeting())).meeting;
  });

  const start = () => services.habilitet.start('pid', undefined, actor(CHAIR));
  const answer = (email: string, input: unknown) => services.habilitet.answer('pid', MEETING_ID, actor(email), input);
  /** Every voting member not named answers "no", so the minutes speak for all. */
  const othersAnswerNo = async (...named: string[]) => {
    const network = await services.networks.require('pid');
    for (const m of votingMembers(network).filter((m) => !named.includes(m.email))) await answer(m.email, { answer: 'no' });
  };
  const history = async () => (await services.habilitet.history('pid', MEETING_ID, actor(CHAIR))).entries;

  it('lets the chair or the secretary start the round for the next meeting, once', async function () {
    const first = await start();
    assert.equal(first.created, true);
    assert.equal(first.meeting.id, MEETING_ID);
    const again = await services.habilitet.start('pid', MEETING_ID, actor(SECRETARY));
    assert.equal(again.created, false);
    assert.deepEqual(again.round.events.map((e) => [e.what, e.by]), [['started', CHAIR]]);
  });

  it('refuses to start the round for anyone but the chair, vice-chair or secretary, and after the meeting has started', async function () {
    for (const who of [SOREN, 'peter.vang@example.dk']) {
      await assert.rejects(services.habilitet.start('pid', MEETING_ID, actor(who)), refusal('habilitet.notLeading'), who);
    }
    await assert.rejects(services.habilitet.start('pid', MEETING_ID, actor('ukendt@example.dk')), refusal('common.notOnNetwork'));
    clock.set(new Date('2021-06-02T11:00:00Z'));
    await assert.rejects(start(), refusal('habilitet.startTooLate'));
    assert.equal(await services.habilitet.round(MEETING), undefined);
  });

  it('refuses answers before a round is started', async function () {
    await assert.rejects(answer(SOREN, { answer: 'no' }), refusal('habilitet.noRound'));
    assert.deepEqual(await history(), []);
  });

  it('records a "no" and a "yes" with items and description, and the latest counts', async function () {
    await start();
    const no = await answer(SOREN, { answer: 'no' });
    assert.equal(no.changed, true);
    assert.deepEqual(no.doc.latest, { answer: 'no', items: [], at: '2021-05-26T08:00:00.000Z' });
    clock.advance(60_000);
    const changed = await answer(SOREN, yes('3,2'));
    assert.equal(changed.changed, true);
    assert.deepEqual(changed.doc.latest.items, [2, 3], 'the multi-select string is parsed and sorted');
    assert.deepEqual([...(await services.recusals.recusedOn(MEETING, 2))], [SOREN]);
    assert.deepEqual([...(await services.recusals.recusedOn(MEETING, 1))], []);
    clock.advance(60_000);
    await answer(SOREN, { answer: 'no' });
    assert.deepEqual([...(await services.recusals.recusedOn(MEETING, 2))], [], 'the latest answer counts');
  });

  it('shows the history only to the chair and the secretary', async function () {
    await start();
    await assert.rejects(services.habilitet.history('pid', MEETING_ID, actor(SOREN)), refusal('habilitet.notLeading'));
    assert.equal((await services.habilitet.history('pid', undefined, actor(SECRETARY))).meeting.id, MEETING_ID);
  });

  it('keeps every change in the history: who, what, when', async function () {
    await start();
    await answer(SOREN, { answer: 'no' });
    clock.advance(1000);
    await answer(KAREN, yes([2]));
    clock.advance(1000);
    await answer(SOREN, yes([1], 'Ny bestyrelsespost'));
    assert.deepEqual(
      (await history()).map((h) => [h.at, h.email, h.name, h.answer, h.items, h.description]),
      [
        ['2021-05-26T08:00:00.000Z', SOREN, 'Søren Ahl', 'no', [], undefined],
        ['2021-05-26T08:00:01.000Z', KAREN, 'Karen Østby', 'yes', [2], 'Jeg har rådgivet firmaet bag en af analyserne.'],
        ['2021-05-26T08:00:02.000Z', SOREN, 'Søren Ahl', 'yes', [1], 'Ny bestyrelsespost'],
      ],
    );
  });

  it('treats a double submit of the same answer as a no-op', async function () {
    await start();
    await answer(KAREN, yes([2]));
    clock.advance(5000);
    const again = await answer(KAREN, yes('2', '  Jeg har rådgivet firmaet bag en af analyserne. '));
    assert.equal(again.changed, false);
    assert.equal(again.doc.latest.at, '2021-05-26T08:00:00.000Z');
    const both = await Promise.all([answer(SOREN, { answer: 'no' }), answer(SOREN, { answer: 'no' })]);
    assert.deepEqual(both.map((b) => b.changed).sort(), [false, true]);
    assert.equal((await history()).length, 2);
  });

  it('loses no answer when all voting members answer at once', async function () {
    await start();
    const voting = exampleNetwork().members.filter((m) => ['chair', 'vice-chair', 'member'].includes(m.role));
    await Promise.all(voting.map((m) => answer(m.email, { answer: 'no' })));
    const status = await services.habilitet.status('pid', MEETING_ID);
    assert.equal(status.answered.length, 9);
    assert.equal(status.missing.length, 0);
  });

  it('refuses staff, the secretary and non-members, storing nothing', async function () {
    await start();
    await assert.rejects(answer('peter.vang@example.dk', { answer: 'no' }), refusal('habilitet.notVoting'));
    await assert.rejects(answer(SECRETARY, yes([2])), refusal('habilitet.notVoting'));
    await assert.rejects(answer('ukendt@example.dk', { answer: 'no' }), refusal('habilitet.notVoting'));
    assert.deepEqual(await history(), []);
  });

  it('refuses a bad "yes" with a clear reason and changes nothing', async function () {
    await start();
    await answer(SOREN, { answer: 'no' });
    const cases: [unknown, TextKey][] = [
      [yes([]), 'habilitet.missingItems'],
      [{ answer: 'yes', description: 'x' }, 'habilitet.missingItems'],
      [yes([2, 7]), 'habilitet.unknownItems'],
      [yes([2], '   '), 'habilitet.missingDescription'],
      [{ answer: 'yes', items: [2] }, 'habilitet.missingDescription'],
      [yes([2], 'x'.repeat(1001)), 'habilitet.descriptionTooLong'],
    ];
    for (const [input, key] of cases) await assert.rejects(answer(SOREN, input), refusal(key), JSON.stringify(input).slice(0, 80));
    for (const input of [{ answer: 'maybe' }, yes('to'), yes([-1]), {}, 'nej']) {
      await assert.rejects(answer(SOREN, input), InvalidInputError, JSON.stringify(input));
    }
    assert.equal((await answer(SOREN, yes([2], 'x'.repeat(1000)))).changed, true, 'exactly 1,000 characters is allowed');
    assert.equal((await history()).length, 2);
  });

  it('locks and reopens (chair or secretary only); a locked round takes no answers', async function () {
    await start();
    await answer(SOREN, { answer: 'no' });
    await assert.rejects(services.habilitet.lock('pid', MEETING_ID, actor(SOREN)), refusal('habilitet.notLeading'));
    assert.equal((await services.habilitet.lock('pid', MEETING_ID, actor(SECRETARY))).changed, true);
    assert.equal((await services.habilitet.lock('pid', MEETING_ID, actor(CHAIR))).changed, false);
    await assert.rejects(answer(SOREN, yes([2])), refusal('habilitet.locked'));
    await assert.rejects(answer(KAREN, { answer: 'no' }), refusal('habilitet.locked'));
    assert.equal((await services.habilitet.viewFor('pid', MEETING_ID, actor(SOREN))).closed, 'locked');
    const reopened = await services.habilitet.reopen('pid', MEETING_ID, actor(CHAIR));
    assert.equal(reopened.changed, true);
    assert.deepEqual(reopened.round.events.map((e) => e.what), ['started', 'locked', 'reopened']);
    assert.equal((await answer(SOREN, yes([2]))).changed, true);
    assert.equal((await history()).length, 2);
  });

  it('refuses lock and reopen when no round was started', async function () {
    await assert.rejects(services.habilitet.lock('pid', MEETING_ID, actor(CHAIR)), refusal('habilitet.noRound'));
  });

  it('closes the round when the meeting starts: a stale card changes nothing', async function () {
    await start();
    await answer(SOREN, { answer: 'no' });
    clock.set(new Date('2021-06-02T10:59:59Z'));
    await answer(KAREN, { answer: 'no' });
    clock.set(new Date('2021-06-02T11:00:00Z'));
    await assert.rejects(answer(SOREN, yes([2])), refusal('habilitet.meetingStarted'));
    await services.habilitet.lock('pid', MEETING_ID, actor(CHAIR));
    await services.habilitet.reopen('pid', MEETING_ID, actor(CHAIR));
    await assert.rejects(answer(SOREN, yes([2])), refusal('habilitet.meetingStarted'));
    const status = await services.habilitet.status('pid', MEETING_ID);
    assert.equal(status.closed, 'started');
    assert.deepEqual([...(await services.recusals.recusedOn(MEETING, 2))], []);
  });

  it('reports status: answered N of M, who is missing, conflicts by item', async function () {
    await start();
    await answer(SOREN, yes([2, 3]));
    await answer(KAREN, yes([2]));
    await answer(CHAIR, { answer: 'no' });
    const status = await services.habilitet.status('pid', undefined);
    assert.equal(status.voting.length, 9);
    assert.deepEqual(status.answered.map((m) => m.email), [CHAIR, SOREN, KAREN]);
    assert.deepEqual(status.missing.map((m) => m.name), ['Mads Bering Kjær', 'Lise Damgaard', 'Jens Præst', 'Ida Fjord', 'Ole Skov Winther', 'Maja Krogh']);
    assert.deepEqual(status.conflicts.map((c) => [c.item.number, c.members.map((m) => m.name)]), [
      [2, ['Søren Ahl', 'Karen Østby']],
      [3, ['Søren Ahl']],
    ]);
    assert.equal(status.closed, undefined);
  });

  describe('reminders (deadlines task)', function () {
    const reminder = async () => {
      const taskId = (await services.habilitet.round(MEETING))?.reminderTaskId;
      assert.ok(taskId, 'the round has a reminder task');
      return services.deadlines.status(taskId);
    };
    const open = async () => (await reminder()).assignees.filter((a) => a.status === 'open').map((a) => a.email);
    /** What the sweep does after answers (no status card is posted here). */
    const followUp = () =>
      new AnswerFollowUps(services.store, services.networks, services.habilitet, { statusChanged: async () => {} }, { warn: () => {}, error: () => {} }).run(clock.now().toISOString(), async () => true);

    it('creates one "reply" task per round for the voting members, due when the meeting starts', async function () {
      await start();
      await services.habilitet.start('pid', MEETING_ID, actor(SECRETARY));
      const { task, assignees } = await reminder();
      assert.equal(task.title, 'Besvar habilitetsspørgsmålet');
      assert.equal(task.kind, 'reply');
      assert.equal(task.meetingId, MEETING_ID);
      assert.equal(task.due, '2021-06-02T11:00:00.000Z');
      assert.match(task.description ?? '', /2\. juni 2021, kl\. 13\.00–15\.00/);
      assert.equal(assignees.length, 9);
      assert.equal((await services.deadlines.tasksOfMeeting(meeting)).length, 1, 'starting again creates no second task');
    });

    it('marks a member done once their answer is followed up', async function () {
      await start();
      await answer(SOREN, { answer: 'no' });
      await answer(KAREN, yes([2]));
      assert.equal((await open()).length, 9, 'the answers alone leave the reminder to their follow-up');
      assert.equal(await followUp(), 2);
      assert.equal((await open()).length, 7);
      assert.ok(!(await open()).includes(SOREN));
    });

    it('stops reminding when the round is locked, and reminds those still missing when it is reopened', async function () {
      await start();
      await answer(SOREN, { answer: 'no' });
      await followUp();
      await services.habilitet.lock('pid', MEETING_ID, actor(CHAIR));
      const first = await reminder();
      assert.ok(first.task.closedAt, 'the task is closed with the lock');
      await services.habilitet.reopen('pid', MEETING_ID, actor(CHAIR));
      const second = await reminder();
      assert.notEqual(second.task.id, first.task.id);
      assert.equal(second.assignees.length, 8);
      assert.ok(!second.assignees.some((a) => a.email === SOREN));
      await answer(KAREN, { answer: 'no' });
      await followUp();
      assert.equal((await open()).length, 7);
    });
  });

  describe('minutes', function () {
    it('writes the seed sentence under the first substantive item when nobody declared', async function () {
      await start();
      await othersAnswerNo();
      const contributions = await runSources();
      assert.deepEqual(contributions, [{ itemNumber: 1, section: 'referat', order: 10, paragraphs: [SEED_SENTENCE] }]);
    });

    it('names the member and items, and opens each affected item with the recusal, its ground and the law', async function () {
      const recused = (name: string) =>
        `${name} havde erklæret sig inhabil i punktet med begrundelsen: ${GROUND} Specialistnetværket traf afgørelse om inhabiliteten, uden at ${name} medvirkede, og ${name} deltog ikke i drøftelsen af eller beslutningen om punktet, jf. forvaltningslovens §§ 3 og 6.`;
      await start();
      await answer(KAREN, yes([3, 2]));
      await answer(SOREN, yes([2]));
      await othersAnswerNo(KAREN, SOREN);
      const contributions = await runSources();
      const asked = 'Forud for specialistnetværkets behandling af dagsorden blev medlemmerne spurgt, om der var nye væsentlige forhold i forhold til deres habilitet.';
      assert.deepEqual(contributions, [
        {
          itemNumber: 1,
          section: 'referat',
          order: 10,
          paragraphs: [
            `${asked} Søren Ahl erklærede sig inhabil vedrørende pkt. 2/2021. Karen Østby erklærede sig inhabil vedrørende pkt. 2/2021 og pkt. 3/2021. ` +
              'De øvrige medlemmer oplyste, at der ikke var nye væsentlige forhold.',
          ],
        },
        { itemNumber: 2, section: 'referat', order: 15, paragraphs: [recused('Søren Ahl'), recused('Karen Østby')] },
        { itemNumber: 3, section: 'referat', order: 15, paragraphs: [recused('Karen Østby')] },
      ]);
    });

    it('contributes nothing when no round was held', async function () {
      assert.deepEqual(await runSources(), []);
    });

    it('exposes the sentence builder as a pure function', function () {
      assert.equal(impartialityParagraph(meeting, []), SEED_SENTENCE);
      assert.match(impartialityParagraph(meeting, [{ name: 'Ida Fjord', email: 'ida.fjord@example.dk', items: [1], ground: 'Medforfatter.' }]), /Ida Fjord erklærede sig inhabil vedrørende pkt\. 1\/2021\.$/);
      assert.equal(habilitetContributions(meeting, []).length, 1);
    });

    it('names the members who had not answered, instead of claiming an answer they did not give', function () {
      assert.equal(
        impartialityParagraph(meeting, [], ['Jens Præst', 'Maja Krogh']),
        `${SEED_SENTENCE} Jens Præst og Maja Krogh havde ikke besvaret spørgsmålet inden mødet.`,
      );
    });

    it('is registered among the minutes sources', async function () {
      await start();
      const network = await services.networks.require('pid');
      const all = (await Promise.all(services.minutesSources.map((source) => source(meeting, network)))).flat();
      const opening = all.find((c) => c.order === 10);
      assert.ok(opening?.paragraphs[0].startsWith(`${SEED_SENTENCE} Anne Holm Lund, Mads Bering Kjær,`), opening?.paragraphs[0]);
      assert.match(opening?.paragraphs[0] ?? '', /og Maja Krogh havde ikke besvaret spørgsmålet inden mødet\.$/, 'nobody has answered yet');
    });

    const runSources = async () => habilitetMinutesSource(services.habilitet)(meeting, await services.networks.require('pid'));
  });
});
