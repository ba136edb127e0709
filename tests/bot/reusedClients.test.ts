import assert from 'node:assert/strict';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { ConnectorFactory, type ConnectorClient } from 'botframework-connector';
import { ReusedClients } from '../../bot/reusedClients';

const activity = (serviceUrl: string) => ({ type: 'message', text: 'hej', serviceUrl, channelId: 'msteams' }) as Activity;

/** The connector client a turn from this service URL gets. */
async function clientFor(auth: ReusedClients, serviceUrl: string): Promise<ConnectorClient> {
  const { connectorFactory, audience } = await auth.authenticateRequest(activity(serviceUrl), '');
  assert.ok(connectorFactory, 'authentication gives a connector factory');
  return connectorFactory.create(serviceUrl, audience);
}

describe('connector clients are reused across turns', function () {
  // Auth off, as locally: the claims name no app, so every turn shares the clients.
  const auth = () => new ReusedClients(new ConfigurationBotFrameworkAuthentication({}));

  it('gives turns from one service URL the same connector client, and another URL its own', async function () {
    const reused = auth();
    const first = await clientFor(reused, 'https://smba.trafficmanager.net/emea/');
    assert.equal(await clientFor(reused, 'https://smba.trafficmanager.net/emea/'), first);
    const other = await clientFor(reused, 'https://smba.trafficmanager.net/amer/');
    assert.notEqual(other, first);
    assert.equal((other as unknown as { baseUri: string }).baseUri, 'https://smba.trafficmanager.net/amer/');
  });

  it('gives every turn of one app the same user token client', async function () {
    const reused = auth();
    const { claimsIdentity } = await reused.authenticateRequest(activity('https://x.example/'), '');
    assert.equal(await reused.createUserTokenClient(claimsIdentity), await reused.createUserTokenClient(claimsIdentity));
  });

  it('forgets a client whose creation failed, so the next turn tries again', async function () {
    let calls = 0;
    const flaky = new (class extends ConnectorFactory {
      async create(): Promise<ConnectorClient> {
        if (++calls === 1) throw new Error('token endpoint down');
        return {} as ConnectorClient;
      }
    })();
    const inner = new (class extends ConfigurationBotFrameworkAuthentication {
      override async authenticateRequest(a: Activity, header: string) {
        return { ...(await super.authenticateRequest(a, header)), connectorFactory: flaky };
      }
    })({});
    const reused = new ReusedClients(inner);
    await assert.rejects(clientFor(reused, 'https://x.example/'), /token endpoint down/);
    const client = await clientFor(reused, 'https://x.example/');
    assert.equal(await clientFor(reused, 'https://x.example/'), client);
    assert.equal(calls, 2);
  });
});
