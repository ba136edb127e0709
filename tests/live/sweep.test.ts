/**
 * The item clock's sweep on the services alone, with the Teams side recorded: what it does
 * when the chair cannot be reached, and when Teams never ends the meeting.
 */
import assert from 'node:assert/strict';
import type { SweepSends } from '../../services/deadlines/scheduler';
import { DomainError } from '../../services/errors';
import { LiveMeetingSweep, type LiveDelivery } from '../../services/live/sweep';
import { actor, MEETING } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';
import { seeded } from '../deadlines/fixtures';

const TEAMS = { teamsMeetingId: 'teams-meeting', tenantId: 'tenant', conversation: { conversation: { id: '19:meeting@thread.v2' } } };
const sends: SweepSends = { pace: async () => undefined, pause: () => undefined, concurrency: 1, retryAfter: () => undefined };
const held = async () => true;
const quiet = { warn: () => undefined };

forEachStore('the item clock sweep', (fresh) => {
  it('a chair the bot cannot reach yet is tried once per item, not every minute', async function () {
    const { services, clock } = await seeded(await fresh(), new Date('2021-06-02T11:00:00Z'));
    const meeting = await services.meetings.require(MEETING.networkId, MEETING.id);
    await services.live.link(meeting, actor('anne.lund@example.dk'), TEAMS);
    await services.live.start(meeting, TEAMS, clock.now());
    await services.agenda.start(meeting, actor('anne.lund@example.dk'));
    const tried: number[] = [];
    const delivery: LiveDelivery = {
      overrun: async ({ item }) => {
        tried.push(item.item.number);
        throw new DomainError('common.unreachable', { who: 'anne.lund@example.dk' });
      },
      ended: async () => undefined,
    };
    const sweep = new LiveMeetingSweep(services.store, clock, services.networks, services.meetings, services.live, delivery, quiet);
    for (const minute of [10, 11, 12, 13]) {
      clock.set(new Date(`2021-06-02T11:${minute}:00Z`));
      await sweep.run(clock.now().toISOString(), held, sends);
    }
    assert.deepEqual(tried, [0]);
    assert.deepEqual((await services.live.get(meeting))?.overrunNoted, [0]);
  });

  it('a meeting Teams never ends is ended once, an hour after its planned end; a connector failure leaves the note due', async function () {
    const { services, clock } = await seeded(await fresh(), new Date('2021-06-02T11:00:00Z'));
    const meeting = await services.meetings.require(MEETING.networkId, MEETING.id);
    await services.live.link(meeting, 'automatic', TEAMS);
    await services.live.start(meeting, TEAMS, clock.now());
    await services.agenda.start(meeting, actor('anne.lund@example.dk'));
    const sent: string[] = [];
    let failing = true;
    const delivery: LiveDelivery = {
      overrun: async ({ item }) => {
        if (failing) throw Object.assign(new Error('Service Unavailable'), { statusCode: 503 });
        sent.push(`overrun ${item.item.number}`);
      },
      ended: async (_meeting, _network, live) => void sent.push(`ended ${live.endedBy} ${live.endedAt}`),
    };
    const sweep = new LiveMeetingSweep(services.store, clock, services.networks, services.meetings, services.live, delivery, quiet);
    clock.set(new Date('2021-06-02T11:10:00Z'));
    await sweep.run(clock.now().toISOString(), held, sends);
    assert.deepEqual((await services.live.get(meeting))?.overrunNoted, [], 'not recorded while Teams fails');
    failing = false;
    await sweep.run(clock.now().toISOString(), held, sends);
    assert.deepEqual(sent, ['overrun 0']);
    // Planned end 15.00 (13.00Z): ended at 14.00Z, once.
    clock.set(new Date('2021-06-02T13:59:00Z'));
    await sweep.run(clock.now().toISOString(), held, sends);
    clock.set(new Date('2021-06-02T14:00:00Z'));
    await sweep.run(clock.now().toISOString(), held, sends);
    await sweep.run(clock.now().toISOString(), held, sends);
    assert.deepEqual(sent, ['overrun 0', 'ended sweep 2021-06-02T14:00:00.000Z']);
    assert.deepEqual(await services.store.due('liveMeeting', '2099-01-01T00:00:00Z', 10), [], 'nothing left for the sweep');
  });
});
