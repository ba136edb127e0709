import assert from 'node:assert/strict';
import { createServices, type Services } from '../../services';
import { ManualClock } from '../../services/clock';
import { migrateStore } from '../../services/migrate';
import { personKey, type PersonDoc } from '../../services/people';
import { CountingStore } from '../helpers/countingStore';
import { exampleNetwork, secondNetwork } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';
import { SOREN } from '../helpers/examplePeople';

const METTE = 'mette.kofoed@example.dk';
const silent = { info: () => undefined, warn: () => undefined };
const networksOf = async (services: Services, email: string) => (await services.identities.membershipsOf(email)).map((m) => m.network.id).sort();

forEachStore("a member's own document: contact, language and the networks that list them", (fresh) => {
  let services: Services;
  beforeEach(async function () {
    services = createServices(await fresh(), new ManualClock(new Date('2021-05-26T08:00:00Z')));
  });

  it('finds a member in the networks that list them with one read of their document and one of each such network, however many networks there are', async function () {
    await services.networks.import(exampleNetwork());
    for (let n = 0; n < 20; n++) await services.networks.import({ ...exampleNetwork(), id: `andet${n}`, members: exampleNetwork().members.filter((m) => m.email !== SOREN) });
    const counting = new CountingStore(services.store);
    const counted = createServices(counting, services.clock);
    assert.deepEqual(await networksOf(counted, METTE), ['andet0', 'andet1', 'andet10', 'andet11', 'andet12', 'andet13', 'andet14', 'andet15', 'andet16', 'andet17', 'andet18', 'andet19', 'andet2', 'andet3', 'andet4', 'andet5', 'andet6', 'andet7', 'andet8', 'andet9', 'pid']);
    counting.reset();
    assert.deepEqual(await networksOf(counted, SOREN), ['pid']);
    assert.equal(counting.read, 2, 'his document and pid');
    assert.deepEqual(await networksOf(counted, 'nobody@example.dk'), []);
  });

  it('follows the roster: a member added is found, one who leaves is not, and their contact and language stay', async function () {
    await services.networks.import(exampleNetwork());
    await services.identities.saveContact(SOREN, { tenantId: 't', aadObjectId: 'a', teamsUserId: '29:soren' });
    await services.identities.setLanguage(SOREN, 'en');
    await services.networks.change('pid', (n) => ({ ...n, members: n.members.filter((m) => m.email !== SOREN) }));
    assert.deepEqual(await networksOf(services, SOREN), []);
    assert.deepEqual((await services.store.get<PersonDoc>(personKey(SOREN)))?.data.networks, [], 'no longer listed');
    await services.networks.import(exampleNetwork());
    assert.deepEqual(await networksOf(services, SOREN), ['pid']);
    assert.equal((await services.identities.contact(SOREN))?.teamsUserId, '29:soren');
    assert.equal(await services.identities.language(SOREN), 'en');
  });

  it('a member removed and added back at the same moment is listed exactly when the roster as it ends names them', async function () {
    await services.networks.import(exampleNetwork());
    const soren = exampleNetwork().members.find((m) => m.email === SOREN)!;
    for (let round = 0; round < 8; round++) {
      await Promise.all([
        services.networks.change('pid', (n) => ({ ...n, members: n.members.filter((m) => m.email !== SOREN) })),
        services.networks.change('pid', (n) => (n.members.some((m) => m.email === SOREN) ? undefined : { ...n, members: [...n.members, soren] })),
      ]);
      const onRoster = (await services.networks.require('pid')).members.some((m) => m.email === SOREN);
      assert.deepEqual(await networksOf(services, SOREN), onRoster ? ['pid'] : [], `round ${round}`);
    }
  });

  it('a store that kept contacts and languages apart, and found members by reading every network, is migrated once at start', async function () {
    const { store } = services;
    // As an earlier version wrote it: the rosters alone, a contact and a language of their own.
    await store.upsert({ kind: 'network', pk: 'networks', id: 'pid', data: exampleNetwork() });
    await store.upsert({ kind: 'network', pk: 'networks', id: 'b', data: secondNetwork() });
    await store.upsert({ kind: 'contact', pk: 'people', id: METTE, data: { email: METTE, tenantId: 't', aadObjectId: 'a', teamsUserId: '29:mette', updatedAt: '2021-05-01T00:00:00.000Z' } });
    await store.upsert({ kind: 'language', pk: 'people', id: METTE, data: { email: METTE, lang: 'en' } });
    await migrateStore(services, silent);
    assert.deepEqual(await networksOf(services, METTE), ['b', 'pid']);
    assert.deepEqual(await networksOf(services, SOREN), ['b', 'pid']);
    assert.equal((await services.identities.contact(METTE))?.teamsUserId, '29:mette');
    assert.equal(await services.identities.language(METTE), 'en');
    assert.deepEqual([...(await store.list('contact', 'people')), ...(await store.list('language', 'people'))], [], 'the old documents are gone');
    const counting = new CountingStore(store);
    await migrateStore(createServices(counting, services.clock), silent);
    assert.deepEqual(counting.writes, [], 'a second start changes nothing');
  });
});
