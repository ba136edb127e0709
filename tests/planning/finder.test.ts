import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../services';
import { ManualClock } from '../../services/clock';
import { DomainError } from '../../services/errors';
import type { TextKey } from '../../services/i18n';
import { parseMeetingDate } from '../../services/meetings';
import { EmbeddedStore } from '../../services/store/embedded';
import { exampleMeeting, exampleNetwork, MEETING_ID } from '../helpers/bot';

const at = (day: string, title: string) => ({ ...exampleMeeting(), title, start: `${day}T13:00:00+02:00`, end: `${day}T15:00:00+02:00` });
const refusal = (key: TextKey) => (err: unknown) => err instanceof DomainError && err.key === key;

describe('meeting finder: none, a Danish date or an id', function () {
  let dir: string;
  let store: EmbeddedStore;
  let services: Services;
  const find = (ref: string | undefined, now: string) => services.meetings.resolve('pid', ref, new Date(now)).then((m) => m.id);

  beforeEach(async function () {
    dir = mkdtempSync(join(tmpdir(), 'referent-finder-'));
    store = new EmbeddedStore(dir);
    services = createServices(store, new ManualClock(new Date('2021-05-01T00:00:00Z')));
    await services.networks.import(exampleNetwork());
    await services.meetings.import(exampleMeeting());
    await services.meetings.import(at('2021-09-01', 'Møde i september'));
    await services.meetings.import(at('2022-06-02', 'Møde i juni 2022'));
  });
  afterEach(async function () {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('with none: the meeting in progress, else the next, else the latest', async function () {
    assert.equal(await find(undefined, '2021-06-02T12:00:00Z'), MEETING_ID, 'in progress');
    assert.equal(await find(undefined, '2021-06-10T08:00:00Z'), 'pid-2021-09-01', 'the next');
    assert.equal(await find(undefined, '2030-01-01T00:00:00Z'), 'pid-2022-06-02', 'the latest');
  });

  it('passes over a cancelled meeting while another is there', async function () {
    const september = await services.meetings.require('pid', 'pid-2021-09-01');
    await services.meetings.import({ ...september, cancelled: { at: '2021-08-01T10:00:00+02:00', by: 'mette.kofoed@example.dk' } });
    assert.equal(await find(undefined, '2021-06-10T08:00:00Z'), 'pid-2022-06-02');
    assert.equal(await find('1/9', '2021-06-10T08:00:00Z'), 'pid-2021-09-01', 'named, it is still found');
  });

  it('by a date in the usual Danish forms; without a year, the one nearest to now', async function () {
    for (const ref of ['1/9', '1.9', '01.09', '1.9.2021', '1/9-21', '1-9-2021', '2021-09-01', '1.9.']) {
      assert.equal(await find(ref, '2021-06-10T08:00:00Z'), 'pid-2021-09-01', ref);
    }
    assert.equal(await find('2/6', '2021-07-01T00:00:00Z'), MEETING_ID);
    assert.equal(await find('2/6', '2022-05-01T00:00:00Z'), 'pid-2022-06-02');
    assert.equal(await find('2.6.2021', '2022-05-01T00:00:00Z'), MEETING_ID);
  });

  it('by its id, in any case', async function () {
    assert.equal(await find('PID-2021-09-01', '2021-01-01T00:00:00Z'), 'pid-2021-09-01');
  });

  it('refuses what it cannot find, saying why', async function () {
    await assert.rejects(find('3/9', '2021-06-10T08:00:00Z'), refusal('common.noMeetingOn'));
    await assert.rejects(find('31/2', '2021-06-10T08:00:00Z'), refusal('common.badDate'));
    await assert.rejects(find('13/13', '2021-06-10T08:00:00Z'), refusal('common.badDate'));
    await assert.rejects(find('../etc', '2021-06-10T08:00:00Z'), refusal('common.badMeetingRef'));
    await assert.rejects(find('pid-1999-01-01', '2021-06-10T08:00:00Z'), refusal('common.unknownMeeting'));
  });

  it('parses dates without a store: a leap day only where the year allows it', function () {
    assert.deepEqual(parseMeetingDate('29/2'), { day: 29, month: 2 });
    assert.equal(parseMeetingDate('29/2/2027'), 'invalid');
    assert.deepEqual(parseMeetingDate('29.2.2028'), { day: 29, month: 2, year: 2028 });
    assert.equal(parseMeetingDate('pid-2021-06-02'), undefined);
  });
});
