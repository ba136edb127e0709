import assert from 'node:assert/strict';
import { createServices, type Services } from '../../services';
import { ManualClock } from '../../services/clock';
import { CountingStore } from '../helpers/countingStore';
import { forEachStore } from '../helpers/stores';
import { SOREN } from '../helpers/examplePeople';

const ACCOUNT = { tenantId: 'tenant', aadObjectId: '7f1c2d3e-0000-4000-8000-000000000001' };

forEachStore('the link of a Teams account to its roster e-mail', (fresh) => {
  let services: Services;
  beforeEach(async function () {
    services = createServices(await fresh(), new ManualClock(new Date('2021-05-26T08:00:00Z')));
  });

  it('is written once: a second link of the account, by this App or another, keeps the first', async function () {
    await services.identities.link(ACCOUNT, SOREN, 'Søren');
    await services.identities.link(ACCOUNT, 'someone.else@example.dk', 'Someone');
    const other = createServices(services.store, services.clock);
    await other.identities.link(ACCOUNT, 'third@example.dk', 'Third');
    assert.equal(await services.identities.emailOf(ACCOUNT), SOREN);
    assert.equal(await other.identities.emailOf(ACCOUNT), SOREN);
  });

  it('is read from the store once per App: every later turn of the account starts without a request for it', async function () {
    await services.identities.link(ACCOUNT, SOREN, 'Søren');
    const counting = new CountingStore(services.store);
    const app = createServices(counting, services.clock);
    assert.equal(await app.identities.emailOf(ACCOUNT), SOREN);
    assert.equal(await app.identities.emailOf(ACCOUNT), SOREN);
    assert.equal(counting.read, 1);
    const later = { ...ACCOUNT, aadObjectId: '7f1c2d3e-0000-4000-8000-000000000002' };
    assert.equal(await app.identities.emailOf(later), undefined);
    await services.identities.link(later, 'mette.kofoed@example.dk', 'Mette');
    assert.equal(await app.identities.emailOf(later), 'mette.kofoed@example.dk', 'an account without a link is looked up again: another App may link it meanwhile');
  });
});
