/**
 * One network's meetings stay its own: a meeting id belongs to the network that imported it
 * first, and what is recorded about a meeting (votes, ballots, notes, habilitet) lives in a
 * partition named by its network, so another network's meeting under the same id (imported
 * by an earlier version, which allowed it) never reaches it.
 */
import assert from 'node:assert/strict';
import { createServices, type Services } from '../../services';
import { ManualClock } from '../../services/clock';
import { meetingOwnerKey, meetingPartition } from '../../services/meetings';
import { LEGACY_MEETING_KINDS, migrateStore } from '../../services/migrate';
import type { Meeting, Member } from '../../services/model';
import { findMember } from '../../services/networks';
import { DomainError } from '../../services/errors';
import type { Store } from '../../services/store/store';
import { InvalidInputError } from '../../services/validation';
import { CountingStore } from '../helpers/countingStore';
import { actor, exampleMeeting, exampleNetwork, MEETING_ID, MEETING_PK, secondMeeting, secondNetwork } from '../helpers/bot';
import { forEachStore, type FreshStore } from '../helpers/stores';

const NOW = new Date('2021-05-01T00:00:00Z');
const silent = { info: () => undefined, warn: () => undefined };

/** b's meeting under pid's meeting id, written as an earlier version stored every meeting: under its network, by id. */
async function seedForeignTwin(store: Store): Promise<Meeting> {
  const twin = { ...(await createServices(store, new ManualClock(NOW)).meetings.get('pid', MEETING_ID))!, networkId: 'b', chair: 'jens.praest@example.dk', secretary: 'anne.lund@example.dk' };
  await store.upsert({ kind: 'meeting', pk: 'b', id: MEETING_ID, data: twin });
  return twin;
}

const member = async (services: Services, networkId: string, email: string): Promise<Member> => findMember(await services.networks.require(networkId), email)!;

/** Both networks and pid's example meeting, on a store that counts its writes. */
async function twoNetworks(fresh: FreshStore): Promise<{ store: CountingStore; services: Services; meeting: Meeting }> {
  const store = new CountingStore(await fresh());
  const services = createServices(store, new ManualClock(NOW));
  await services.networks.import(exampleNetwork());
  await services.networks.import(secondNetwork());
  return { store, services, meeting: (await services.meetings.import(exampleMeeting())).meeting };
}

forEachStore('one network’s meetings stay its own', (fresh) => {
  let store: CountingStore;
  let services: Services;
  beforeEach(async function () {
    ({ store, services } = await twoNetworks(fresh));
  });

  it('refuses to import a meeting under an id another network owns, by path, and writes nothing', async function () {
    store.reset();
    await assert.rejects(services.meetings.import({ ...secondMeeting(), id: MEETING_ID }), (err: unknown) => {
      assert.ok(err instanceof InvalidInputError);
      assert.deepEqual(err.problems, [`id: ${MEETING_ID} is already the id of a meeting of network pid; give this meeting an id of its own`]);
      return true;
    });
    assert.deepEqual(store.writes, []);
    assert.equal(await services.meetings.get('b', MEETING_ID), undefined);
    assert.equal((await services.meetings.import(secondMeeting())).meeting.id, 'b-2021-06-02', 'an id of its own is fine');
  });

  it('of two networks importing one meeting id at once, exactly one gets it', async function () {
    const other = { ...secondMeeting(), id: 'shared-2021-06-02' };
    const mine = { ...exampleMeeting(), id: 'shared-2021-06-02' };
    const results = await Promise.allSettled([services.meetings.import(mine), services.meetings.import(other)]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const owner = await services.meetings.ownerOf('shared-2021-06-02');
    assert.ok(await services.meetings.get(owner!, 'shared-2021-06-02'));
    assert.equal(await services.meetings.get(owner === 'pid' ? 'b' : 'pid', 'shared-2021-06-02'), undefined);
  });

  it('keeps votes, ballots, notes and habilitet of a meeting out of reach of another network’s meeting with the same id', async function () {
    const twin = await seedForeignTwin(store);
    const pid = await services.networks.require('pid');
    const b = await services.networks.require('b');
    const meeting = await services.meetings.require('pid', MEETING_ID);
    const secretary = await member(services, 'pid', 'mette.kofoed@example.dk');
    await services.habilitet.start('pid', MEETING_ID, secretary);
    await services.habilitet.answer('pid', MEETING_ID, actor('karen.ostby@example.dk'), { answer: 'yes', items: [3], description: 'Medforfatter' });
    await services.agenda.start(meeting, secretary);
    await services.agenda.saveNotes(meeting, secretary, 2, 'Drøftet og godkendt.');
    await services.voting.open(meeting, secretary, 2);
    await services.voting.cast(meeting, pid, actor('soren.ahl@example.dk'), 2, [{ proposalId: '1', choice: 'agree' }]);

    const bChair = await member(services, 'b', 'jens.praest@example.dk');
    assert.equal(await services.voting.get(twin, 2), undefined);
    await assert.rejects(services.voting.close(twin, b, bChair, 2), (err: unknown) => err instanceof DomainError && err.key === 'meeting.vote.notOpen');
    await assert.rejects(services.voting.cast(twin, b, actor('soren.ahl@example.dk'), 2, [{ proposalId: '1', choice: 'agree' }]), (err: unknown) => err instanceof DomainError && err.key === 'meeting.vote.notOpen');
    assert.equal(await services.agenda.notesOf(twin, 2), undefined);
    assert.equal(await services.agenda.currentItem(twin), undefined);
    assert.equal(await services.habilitet.round(twin), undefined);
    assert.deepEqual([...(await services.recusals.recusedOn(twin, 3))], []);
    assert.deepEqual(await services.voting.closedVotes(twin), []);

    // pid's meeting is untouched: its vote open, the ballot counted, the recusal standing.
    const state = await services.voting.state(meeting, pid, 2);
    assert.equal(state?.vote.status, 'open');
    assert.deepEqual((await store.list('ballot', MEETING_PK)).length, 1);
    assert.deepEqual([...(await services.recusals.recusedOn(meeting, 3))], ['karen.ostby@example.dk']);
    assert.equal((await services.agenda.notesOf(meeting, 2))?.text, 'Drøftet og godkendt.');
  });

  it('finds a meeting by id alone (export-meeting, minutes) in the network that owns the id', async function () {
    await seedForeignTwin(store);
    assert.equal((await services.meetings.find(MEETING_ID)).networkId, 'pid');
    await assert.rejects(services.meetings.find('nope-2021-01-01'), (err: unknown) => err instanceof DomainError && err.key === 'common.unknownMeeting');
  });
});

/** The state of the example meeting as the earlier version stored it: in a partition named by the meeting id alone. */
const legacyDocs = (meetingId: string, networkId: string): { kind: string; id: string; data: Record<string, unknown> }[] => [
  { kind: 'agendaState', id: 'current', data: { itemNumber: 2, movedBy: 'mette.kofoed@example.dk', movedAt: '2021-06-02T11:05:00.000Z' } },
  { kind: 'itemNotes', id: '2', data: { itemNumber: 2, text: 'Drøftet.', savedBy: 'mette.kofoed@example.dk', savedAt: '2021-06-02T11:10:00.000Z' } },
  { kind: 'vote', id: 'item-2', data: { networkId, meetingId, itemNumber: 2, status: 'open', openedBy: 'anne.lund@example.dk', openedAt: '2021-06-02T11:15:00.000Z' } },
  { kind: 'ballot', id: '2|1|soren.ahl@example.dk', data: { itemNumber: 2, proposalId: '1', email: 'soren.ahl@example.dk', choice: 'agree', rev: 'r1', castAt: '2021-06-02T11:16:00.000Z' } },
  { kind: 'habilitet-round', id: meetingId, data: { meetingId, networkId, locked: false, events: [{ what: 'started', by: 'mette.kofoed@example.dk', at: '2021-05-20T08:00:00.000Z' }], prompted: [] } },
  {
    kind: 'habilitet-answer',
    id: 'karen.ostby@example.dk',
    data: { email: 'karen.ostby@example.dk', name: 'Karen Østby', latest: { answer: 'yes', items: [2], description: 'Medforfatter', at: '2021-05-21T08:00:00.000Z' }, history: [{ answer: 'yes', items: [2], description: 'Medforfatter', at: '2021-05-21T08:00:00.000Z' }] },
  },
];

forEachStore('a store written before meeting state was partitioned by network', (fresh) => {
  let store: CountingStore;
  let services: Services;
  let meeting: Meeting;
  beforeEach(async function () {
    ({ store, services, meeting } = await twoNetworks(fresh));
    // As the earlier version left it: the meeting under its network, no owner of its id, its state under the meeting id.
    await store.delete(meetingOwnerKey(MEETING_ID));
  });

  it('is migrated at start: every meeting’s state moves to its network’s partition, once', async function () {
    for (const doc of legacyDocs(MEETING_ID, 'pid')) await store.create({ ...doc, pk: MEETING_ID });
    await migrateStore(services, silent);

    assert.equal((await services.agenda.currentItem(meeting))?.number, 2);
    assert.equal((await services.agenda.notesOf(meeting, 2))?.text, 'Drøftet.');
    const state = await services.voting.state(meeting, await services.networks.require('pid'), 2);
    assert.equal(state?.vote.status, 'open');
    assert.deepEqual(state?.tally.recused.map((v) => v.email), ['karen.ostby@example.dk']);
    assert.equal((await store.list('ballot', meetingPartition(meeting))).length, 1);
    assert.equal((await services.habilitet.round(meeting))?.events[0].what, 'started');
    for (const kind of LEGACY_MEETING_KINDS) assert.deepEqual(await store.list(kind, MEETING_ID), [], `no ${kind} left in the old partition`);
    assert.equal((await store.get<{ networkId: string }>(meetingOwnerKey(MEETING_ID)))?.data.networkId, 'pid');

    store.reset();
    await migrateStore(services, silent);
    assert.deepEqual(store.writes, [], 'a second start changes nothing');
    // And the meeting is running as before: the vote closes with the migrated ballot.
    const closed = await services.voting.close(meeting, await services.networks.require('pid'), (await member(services, 'pid', 'anne.lund@example.dk')), 2);
    assert.equal(closed.vote.result?.proposals[0].counts.agree, 1);
  });

  it('finishes a migration a crash interrupted: documents already moved stay as moved', async function () {
    const [notes] = legacyDocs(MEETING_ID, 'pid').filter((d) => d.kind === 'itemNotes');
    await store.create({ ...notes, pk: MEETING_ID });
    await store.create({ ...notes, pk: meetingPartition(meeting), data: { ...notes.data, text: 'Rettet efter flytningen.' } });
    await migrateStore(services, silent);
    assert.equal((await services.agenda.notesOf(meeting, 2))?.text, 'Rettet efter flytningen.');
    assert.deepEqual(await store.list('itemNotes', MEETING_ID), []);
  });

  it('gives a meeting id two networks had to one of them, with its state, and says so', async function () {
    await seedForeignTwin(store);
    for (const doc of legacyDocs(MEETING_ID, 'pid')) await store.create({ ...doc, pk: MEETING_ID });
    const warnings: object[] = [];
    await migrateStore(services, { info: () => undefined, warn: (obj) => warnings.push(obj) });
    assert.deepEqual(warnings, [{ meeting: MEETING_ID, owner: 'b', other: 'pid' }]);
    assert.equal(await services.meetings.ownerOf(MEETING_ID), 'b');
    assert.equal((await store.list('ballot', meetingPartition({ networkId: 'b', id: MEETING_ID }))).length, 1);
    assert.equal((await store.list('ballot', MEETING_PK)).length, 0);
    assert.equal((await services.meetings.find(MEETING_ID)).networkId, 'b');
  });
});

