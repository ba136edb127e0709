import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../bot/cli';
import { createServices, type Services } from '../../services';
import { ManualClock } from '../../services/clock';
import { exportMeeting } from '../../services/meetings';
import { migrateStore } from '../../services/migrate';
import { InvalidInputError } from '../../services/validation';
import { CountingStore } from '../helpers/countingStore';
import { EXAMPLES, exampleMeeting, exampleNetwork, MEETING_ID, secondMeeting, secondNetwork } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Broken meeting files and the exact problem each must be refused with. */
const brokenMeetings: [string, (m: Json & { agenda: Json[] }) => void, string][] = [
  ['a proposal number given as text', (m) => ((m.agenda[2].proposals as Json[])[0].patientsPerYear = 'ti'), 'agenda[2].proposals[0].patientsPerYear: expected a number'],
  ['a missing chair', (m) => delete m.chair, 'chair: is required'],
  ['an empty title', (m) => (m.title = '  '), 'title: must not be empty'],
  ['a start without offset', (m) => (m.start = '2021-06-02 13:00'), 'start: expected an ISO date-time with offset, e.g. 2021-06-02T13:00:00+02:00'],
  ['an end before the start', (m) => (m.end = '2021-06-02T12:00:00+02:00'), 'end: must be after start'],
  ['a duplicate item number', (m) => (m.agenda[3].number = 2), 'agenda[3].number: duplicate item number 2'],
  ['an unknown key', (m) => (m.venue = 'Aarhus'), 'unknown key "venue"'],
  ['negative minutes', (m) => (m.agenda[1].minutes = -5), 'agenda[1].minutes: must be at least 0'],
  ['an empty agenda', (m) => (m.agenda = []), 'agenda: an agenda needs at least one item'],
  ['a malformed task due date', (m) => ((m.agenda[3].tasks as Json[])[0].due = '11/08/2021'), 'agenda[3].tasks[0].due: expected a date (YYYY-MM-DD) or an ISO date-time with offset'],
  ['a task for an unknown group', (m) => ((m.agenda[3].tasks as Json[])[0].assignees = 'pædiatere'), 'agenda[3].tasks[0].assignees: no member matches "pædiatere"'],
  ['a deliverTo not on the roster', (m) => ((m.agenda[3].tasks as Json[])[0].deliverTo = 'x@example.dk'), 'agenda[3].tasks[0].deliverTo: x@example.dk is not on the roster of pid'],
  ['a secretary not on the roster', (m) => (m.secretary = 'nobody@example.dk'), 'secretary: nobody@example.dk is not on the roster of pid'],
  ['an unknown network', (m) => (m.networkId = 'cf'), 'networkId: unknown network cf; import the network first'],
  ['a bad e-mail', (m) => (m.chair = 'anne.lund'), 'chair: expected an e-mail address'],
  ['a duplicate proposal id', (m) => ((m.agenda[2].proposals as Json[])[1].id = '1'), 'agenda[2].proposals[1].id: duplicate proposal id 1'],
  [
    'two items with the same task id',
    (m) => {
      (m.agenda[3].tasks as Json[])[0].id = 't1';
      m.agenda[4].tasks = [{ ...(m.agenda[3].tasks as Json[])[0], title: 'Et andet skema' }];
    },
    'agenda[4].tasks[0].id: duplicate task id t1 (also agenda[3].tasks[0])',
  ],
  [
    'a task id that another task has by default',
    (m) => (m.agenda[4].tasks = [{ ...(m.agenda[3].tasks as Json[])[0], id: '3-1' }]),
    'agenda[4].tasks[0].id: duplicate task id 3-1 (also agenda[3].tasks[0])',
  ],
  ['an attachment link that is not https', (m) => (m.agenda[2].attachments = [{ title: 'Bilag 1.1', url: 'http://example.dk/bilag.pdf' }]), 'agenda[2].attachments[0].url: expected an https link, e.g. https://…sharepoint.com/…'],
  ['21 attachments on an item', (m) => (m.agenda[2].attachments = Array.from({ length: 21 }, (_, i) => `Bilag 1.${i + 1}`)), 'agenda[2].attachments: must have at most 20 items'],
  ['an attachment without a title', (m) => (m.agenda[2].attachments = [{ url: 'https://example.sharepoint.com/bilag.pdf' }]), 'agenda[2].attachments[0].title: is required'],
  ['an assignee named twice', (m) => ((m.agenda[3].tasks as Json[])[0].assignees = ['soren.ahl@example.dk', 'SOREN.AHL@example.dk']), 'agenda[3].tasks[0].assignees[1]: duplicate assignee soren.ahl@example.dk'],
];

const brokenNetworks: [string, (n: Json & { members: Json[] }) => void, string][] = [
  ['an unknown role', (n) => (n.members[2].role = 'observer'), 'members[2].role: expected one of chair, vice-chair, member, staff, secretary'],
  ['a duplicate e-mail', (n) => (n.members[3].email = 'SOREN.AHL@example.dk'), 'members[3].email: duplicate e-mail soren.ahl@example.dk'],
  ['an id with capitals', (n) => (n.id = 'PID'), 'id: expected lower-case letters, digits and dashes (at most 63)'],
  ['no members', (n) => (n.members = []), 'members: a network needs at least one member'],
  ['a member without appointing body', (n) => delete n.members[0].appointedBy, 'members[0].appointedBy: is required'],
];

forEachStore('importing the roster and meetings', (fresh) => {
  let services: Services;
  beforeEach(async function () {
    services = createServices(await fresh(), new ManualClock(new Date('2021-05-01T00:00:00Z')));
  });

  it('imports the example network and meeting, with stable proposal and task ids', async function () {
    const { network } = await services.networks.import(exampleNetwork());
    assert.equal(network.members.length, 11);
    assert.deepEqual(network.settings, { quorum: 0.5, nudgeDaysBefore: [7, 2], minutesItemTimes: false });
    const { meeting } = await services.meetings.import(exampleMeeting());
    assert.equal(meeting.id, MEETING_ID);
    assert.deepEqual(meeting.agenda[2].proposals.map((p) => p.id), ['1', '2', '3']);
    assert.equal(meeting.agenda[3].tasks[0].id, '3-1');
    assert.deepEqual((await services.meetings.get('pid', MEETING_ID))?.agenda[2].proposals[1].patientsPerYear, 40);
  });

  it('re-importing the same files is idempotent; a changed meeting is updated', async function () {
    await services.networks.import(exampleNetwork());
    assert.equal((await services.networks.import(exampleNetwork())).changed, false);
    await services.meetings.import(exampleMeeting());
    const before = await services.store.get({ kind: 'meeting', pk: 'pid', id: MEETING_ID });
    assert.equal((await services.meetings.import(exampleMeeting())).changed, false);
    assert.equal((await services.store.get({ kind: 'meeting', pk: 'pid', id: MEETING_ID }))?.etag, before?.etag, 'nothing was rewritten');
    const changed = exampleMeeting();
    changed.location = 'Aarhus Universitetshospital';
    assert.equal((await services.meetings.import(changed)).changed, true);
    assert.equal((await services.meetings.get('pid', MEETING_ID))?.location, 'Aarhus Universitetshospital');
    assert.equal((await services.meetings.list('pid')).length, 1);
  });

  it('an unchanged re-import of network and meeting, as the CLI runs it, writes nothing', async function () {
    const store = new CountingStore(services.store);
    const counted = createServices(store, services.clock);
    const meeting = exampleMeeting();
    meeting.agenda[4].tasks = [
      { id: 'skema-3', title: 'Send Skema 3', description: 'Til sekretariatet', assignees: ['soren.ahl@example.dk', 'karen.ostby@example.dk'], due: '2021-09-01T12:00:00+02:00', deliverTo: 'mette.kofoed@example.dk' },
      { title: 'Kommentér udkastet', assignees: 'members', due: '2021-08-20' },
    ];
    const importAll = async () => {
      await migrateStore(counted, { info: () => undefined, warn: () => undefined });
      await counted.networks.import(exampleNetwork());
      const { meeting: imported, changed } = await counted.meetings.import(meeting);
      return { changed, tasks: await counted.deadlines.materialiseMeeting(imported) };
    };
    assert.deepEqual(await importAll(), { changed: true, tasks: 3 });
    store.reset();
    assert.deepEqual(await importAll(), { changed: false, tasks: 0 });
    assert.deepEqual(store.writes, []);
  });

  it('an attachment is a title and an https link, or (as earlier files have it) a line of text, "title – link" or a title alone', async function () {
    await services.networks.import(exampleNetwork());
    const file = exampleMeeting();
    const url = 'https://example.sharepoint.com/sites/pid/Delte%20dokumenter/Bilag%201.1.pdf';
    file.agenda[2].attachments = [{ title: 'Bilag 1.1: Forslag', url }, `Bilag 1.2: Indstillinger – ${url}`, 'Bilag 1.3: Uddelt på mødet', 'Bilag 1.4 – http://example.dk/ikke-https'];
    const { meeting } = await services.meetings.import(file);
    assert.deepEqual(meeting.agenda[2].attachments, [
      { title: 'Bilag 1.1: Forslag', url },
      { title: 'Bilag 1.2: Indstillinger', url },
      { title: 'Bilag 1.3: Uddelt på mødet' },
      { title: 'Bilag 1.4 – http://example.dk/ikke-https' },
    ]);
    assert.deepEqual(exportMeeting(meeting).agenda[2].attachments, meeting.agenda[2].attachments, 'exported as title and link');
  });

  it('a store whose Bilag are lines of text, as earlier versions kept them, is migrated once at start', async function () {
    await services.networks.import(exampleNetwork());
    const { meeting } = await services.meetings.import(exampleMeeting());
    const lines = ['Bilag 1.1: Forslag – https://example.sharepoint.com/bilag-1-1.pdf', 'Bilag 1.2: Indstillinger'];
    const agenda = meeting.agenda.map((item, i) => ({ ...item, attachments: i === 2 ? lines : [] }));
    await services.store.upsert({ kind: 'meeting', pk: 'pid', id: MEETING_ID, data: { ...meeting, agenda } });
    const store = new CountingStore(services.store);
    const counted = createServices(store, services.clock);
    await migrateStore(counted, { info: () => undefined, warn: () => undefined });
    const migrated = await counted.meetings.require('pid', MEETING_ID);
    assert.deepEqual(migrated.agenda[2].attachments, [{ title: 'Bilag 1.1: Forslag', url: 'https://example.sharepoint.com/bilag-1-1.pdf' }, { title: 'Bilag 1.2: Indstillinger' }]);
    store.reset();
    await migrateStore(counted, { info: () => undefined, warn: () => undefined });
    assert.deepEqual(store.writes, [], 'a second start changes nothing');
  });

  it('exports a meeting in the import shape, and the export imports back unchanged', async function () {
    await services.networks.import(exampleNetwork());
    const { meeting } = await services.meetings.import(exampleMeeting());
    const exported = exportMeeting(meeting);
    assert.equal(exported.agenda[2].proposals[0].title, 'Alvorlig kombineret immundefekt (SCID) hos børn');
    assert.equal((await services.meetings.import(exported)).changed, false);
  });

  it('finds the current meeting: the next one ahead, else the latest', async function () {
    await services.networks.import(exampleNetwork());
    await services.meetings.import(exampleMeeting());
    const later = { ...exampleMeeting(), start: '2021-09-01T13:00:00+02:00', end: '2021-09-01T15:00:00+02:00' };
    await services.meetings.import(later);
    assert.equal((await services.meetings.current('pid', new Date('2021-05-01T00:00:00Z')))?.id, MEETING_ID);
    assert.equal((await services.meetings.current('pid', new Date('2021-06-02T12:00:00Z')))?.id, MEETING_ID, 'in progress');
    assert.equal((await services.meetings.current('pid', new Date('2021-07-01T00:00:00Z')))?.id, 'pid-2021-09-01');
    assert.equal((await services.meetings.current('pid', new Date('2026-01-01T00:00:00Z')))?.id, 'pid-2021-09-01');
  });

  for (const [what, breakIt, problem] of brokenMeetings) {
    it(`refuses a meeting with ${what}, names the path, and writes nothing`, async function () {
      await services.networks.import(exampleNetwork());
      const meeting = clone(exampleMeeting()) as Json & { agenda: Json[] };
      breakIt(meeting);
      await assert.rejects(services.meetings.import(meeting), (err: unknown) => {
        assert.ok(err instanceof InvalidInputError);
        assert.ok(err.problems.includes(problem), `expected "${problem}" in:\n${err.problems.join('\n')}`);
        return true;
      });
      assert.deepEqual(await services.meetings.list('pid'), []);
    });
  }

  for (const [what, breakIt, problem] of brokenNetworks) {
    it(`refuses a network with ${what}, names the path, and writes nothing`, async function () {
      const network = clone(exampleNetwork()) as unknown as Json & { members: Json[] };
      breakIt(network);
      await assert.rejects(services.networks.import(network), (err: unknown) => {
        assert.ok(err instanceof InvalidInputError);
        assert.ok(err.problems.includes(problem), `expected "${problem}" in:\n${err.problems.join('\n')}`);
        return true;
      });
      assert.deepEqual(await services.networks.list(), []);
    });
  }

  it('lists every problem of a file at once', async function () {
    await services.networks.import(exampleNetwork());
    const meeting = clone(exampleMeeting()) as Json & { agenda: Json[] };
    for (const [, breakIt] of brokenMeetings.slice(0, 4)) breakIt(meeting);
    await assert.rejects(services.meetings.import(meeting), (err: unknown) => err instanceof InvalidInputError && err.problems.length === 4);
  });
});

describe('the import CLI', function () {
  const run = async (dataDir: string, ...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, (s) => out.push(s), (s) => err.push(s));
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('imports, lists and exports the examples; a second import reports unchanged', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'referent-cli-'));
    assert.deepEqual(await run(dir, 'import-network', join(EXAMPLES, 'network.json')), { code: 0, out: 'imported network pid (11 members)', err: '' });
    assert.equal((await run(dir, 'import-meeting', join(EXAMPLES, 'meeting-2021-06-02.json'))).out, 'imported meeting pid-2021-06-02 (5 agenda items)');
    assert.equal((await run(dir, 'import-meeting', join(EXAMPLES, 'meeting-2021-06-02.json'))).out, 'unchanged meeting pid-2021-06-02 (5 agenda items)');
    assert.equal((await run(dir, 'list-meetings')).out, 'pid-2021-06-02\t2021-06-02T13:00:00+02:00\tMøde i nationalt specialistnetværk for Primær immundefekt');
    const exported = JSON.parse((await run(dir, 'export-meeting', MEETING_ID)).out) as Json;
    assert.equal(exported.caseNumber, '2109357');
  });

  it('refuses an invalid file with exit code 1, every problem listed by path, nothing written', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'referent-cli-'));
    await run(dir, 'import-network', join(EXAMPLES, 'network.json'));
    const meeting = clone(exampleMeeting()) as Json & { agenda: Json[] };
    (meeting.agenda[2].proposals as Json[])[0].patientsPerYear = 'ti';
    delete meeting.chair;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(meeting));
    const result = await run(dir, 'import-meeting', file);
    assert.equal(result.code, 1);
    assert.match(result.err, /agenda\[2\]\.proposals\[0\]\.patientsPerYear: expected a number/);
    assert.match(result.err, /chair: is required/);
    assert.equal((await run(dir, 'list-meetings')).out, '');
  });

  it('refuses a meeting whose id another network owns with exit code 1, naming both, and writes nothing', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'referent-cli-'));
    const file = (name: string, content: unknown) => {
      writeFileSync(join(dir, name), JSON.stringify(content));
      return join(dir, name);
    };
    await run(dir, 'import-network', join(EXAMPLES, 'network.json'));
    await run(dir, 'import-network', file('b.json', secondNetwork()));
    await run(dir, 'import-meeting', join(EXAMPLES, 'meeting-2021-06-02.json'));
    const result = await run(dir, 'import-meeting', file('b-meeting.json', { ...secondMeeting(), id: MEETING_ID }));
    assert.deepEqual(result, {
      code: 1,
      out: '',
      err: `meeting is invalid:\n  - id: ${MEETING_ID} is already the id of a meeting of network pid; give this meeting an id of its own`,
    });
    assert.equal((await run(dir, 'list-meetings', 'b')).out, '');
    assert.equal((JSON.parse((await run(dir, 'export-meeting', MEETING_ID)).out) as Json).networkId, 'pid');
  });

  it('refuses a file that is not JSON with exit code 1, and unknown commands or missing files with 2', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'referent-cli-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "id": ');
    const notJson = await run(dir, 'import-network', file);
    assert.equal(notJson.code, 1);
    assert.match(notJson.err, /not valid JSON/);
    assert.equal((await run(dir, 'frobnicate')).code, 2);
    assert.equal((await run(dir, 'import-network')).code, 2);
    assert.equal((await run(dir, 'import-network', join(dir, 'missing.json'))).code, 2);
  });
});
