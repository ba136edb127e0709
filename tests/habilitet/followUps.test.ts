/**
 * What an answer causes besides itself (the reminder marked done, the status card refreshed)
 * is carried by the answer's own write and done by the sweep: after a restart it is still
 * done, two instances do it once, a newer answer's follow-up is not lost, and a member who
 * answered is not nudged by the same sweep.
 */
import assert from 'node:assert/strict';
import type { SchedulerOptions } from '../../services/deadlines/scheduler';
import { AnswerFollowUps } from '../../services/habilitet/followUps';
import { ANSWER_KIND } from '../../services/habilitet/model';
import type { MeetingRef } from '../../services/meetings';
import { actor, MEETING, MEETING_ID } from '../helpers/bot';
import { KAREN, SOREN } from '../helpers/examplePeople';
import { forEachStore } from '../helpers/stores';
import { CHAIR, RecordingDelivery, scheduler, seeded, type Seeded } from '../deadlines/fixtures';

/** The week before the example meeting: the round is open. */
const BEFORE = new Date('2021-05-26T08:00:00Z');
const silent = { warn: () => {}, error: () => {} };

/** Counts status refreshes; `during` runs inside one (an answer arriving meanwhile). */
class RecordingPosts {
  readonly refreshed: MeetingRef[] = [];
  during?: () => Promise<void>;

  async statusChanged(meeting: MeetingRef): Promise<void> {
    this.refreshed.push(meeting);
    const during = this.during;
    this.during = undefined;
    await during?.();
  }
}

const sweeper = (s: Seeded, posts: RecordingPosts, options: Partial<SchedulerOptions> = {}) =>
  scheduler(s, new RecordingDelivery(s.clock), {
    jobs: [new AnswerFollowUps(s.services.store, s.services.networks, s.services.habilitet, posts, silent)],
    ...options,
  });

forEachStore('habilitet answer follow-ups', (fresh) => {
  let s: Seeded;
  beforeEach(async function () {
    s = await seeded(await fresh(), BEFORE);
    await s.services.habilitet.start('pid', MEETING_ID, actor(CHAIR));
  });

  const answer = (email: string, input: Record<string, unknown> = { answer: 'no' }) => s.services.habilitet.answer('pid', MEETING_ID, actor(email), input);
  const openReminders = async () => {
    const status = await s.services.deadlines.status((await s.services.habilitet.round(MEETING))?.reminderTaskId ?? '');
    return status.assignees.filter((a) => a.status === 'open').map((a) => a.email);
  };
  const pending = async () => (await s.services.store.due(ANSWER_KIND, s.clock.now().toISOString(), 100)).map((d) => d.id);

  it('a follow-up the dying process left undone is done by the sweep after a restart, once per meeting for the card', async function () {
    // Answered while no sweep listened: the process died before following up.
    await answer(SOREN);
    await answer(KAREN, { answer: 'yes', items: [2], description: 'Medforfatter.' });
    assert.deepEqual((await pending()).sort(), [KAREN, SOREN]);
    assert.ok((await openReminders()).includes(SOREN));

    const posts = new RecordingPosts();
    const report = await sweeper(s, posts, { owner: 'restarted' }).sweep();
    assert.equal(report.jobs, 2);
    assert.deepEqual(posts.refreshed, [{ networkId: 'pid', id: MEETING_ID }], 'one refresh of the card for both answers');
    assert.ok(!(await openReminders()).includes(SOREN));
    assert.ok(!(await openReminders()).includes(KAREN));
    assert.deepEqual(await pending(), [], 'nothing left to follow up');
    assert.equal((await sweeper(s, posts).sweep()).jobs, 0, 'and nothing done again');
  });

  it('two instances sweeping one store follow an answer up once', async function () {
    await answer(SOREN);
    const posts = new RecordingPosts();
    const [a, b] = [sweeper(s, posts, { owner: 'instance-a' }), sweeper(s, posts, { owner: 'instance-b' })];
    const reports = await Promise.all([a.sweep(), b.sweep(), a.sweep(), b.sweep()]);
    assert.equal(posts.refreshed.length, 1, 'the card refreshed once');
    // A sweep asked for while one is queued is that one: count each once.
    assert.equal([...new Set(reports)].reduce((n, r) => n + r.jobs, 0), 1);
    assert.deepEqual(await pending(), []);
  });

  it('keeps the follow-up of an answer changed while the one before is followed up', async function () {
    await answer(SOREN);
    const posts = new RecordingPosts();
    posts.during = async () => void (await answer(SOREN, { answer: 'yes', items: [2], description: 'Medforfatter.' }));
    const sweep = sweeper(s, posts);
    await sweep.sweep();
    assert.deepEqual(await pending(), [SOREN], 'the newer answer is still to follow up');
    await sweep.sweep();
    assert.equal(posts.refreshed.length, 2, 'the card shows the newer answer too');
    assert.deepEqual(await pending(), []);
  });

  it('a member who has answered is not nudged by the sweep that follows the answer up', async function () {
    // The day before the meeting, when the reminder nudges those who have not answered.
    s.clock.set(new Date('2021-06-01T08:00:00Z'));
    await answer(SOREN);
    const delivery = new RecordingDelivery(s.clock);
    await scheduler(s, delivery, { jobs: [new AnswerFollowUps(s.services.store, s.services.networks, s.services.habilitet, new RecordingPosts(), silent)] }).sweep();
    assert.ok(delivery.sent.length > 0, 'the others are told of the reminder task');
    assert.ok(!delivery.sent.some((n) => n.assignee.email === SOREN), delivery.log().join('; '));
  });
});
