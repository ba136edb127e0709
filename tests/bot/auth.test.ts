import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TurnContext } from 'botbuilder';
import { tenantGuard } from '../../bot/adapter';
import { createLogger } from '../../bot/log';
import { EmbeddedStore } from '../../services/store/embedded';
import { startTestBot, TENANT, type TestBot } from '../helpers/bot';
import { foreignKey, IdentityProvider } from '../helpers/identityProvider';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const production = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'not-used-by-these-tests',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: TENANT,
  PUBLIC_URL: 'https://referent.example.dk',
  LINK_SECRET: 'x'.repeat(40),
};

describe('production mode: Bot Framework JWT and tenant checks', function () {
  let idp: IdentityProvider;
  let bot: TestBot;

  before(async function () {
    idp = await new IdentityProvider().start();
  });
  after(async function () {
    await idp.close();
  });
  beforeEach(async function () {
    const store = new EmbeddedStore(mkdtempSync(join(tmpdir(), 'referent-auth-')));
    bot = await startTestBot({ store, env: production, authEndpoints: idp.endpoints });
  });
  afterEach(async function () {
    await bot.close();
  });

  /** An invoke whose answer comes back in the HTTP response, so no outbound token is needed. */
  const invoke = (tenant = TENANT) => {
    const activity = bot.message('soren.ahl@example.dk', '');
    return {
      ...activity,
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      conversation: { ...(activity.conversation as object), tenantId: tenant },
      channelData: { tenant: { id: tenant } },
      value: { action: { type: 'Action.Execute', verb: 'no-such-verb', data: {} }, trigger: 'manual' },
    };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('accepts a request with a valid token from the configured tenant', async function () {
    const token = idp.token({ audience: APP_ID, serviceUrl: bot.connector.url });
    const res = await bot.post(invoke(), bearer(token));
    assert.equal(res.status, 200);
    assert.equal((res.body as { value: string }).value, 'Kortet er forældet. Hent det igen.');
  });

  it('refuses a request without a token with 401 and sends nothing', async function () {
    const res = await bot.post(bot.message('soren.ahl@example.dk', 'hjælp'));
    assert.equal(res.status, 401);
    assert.equal(bot.connector.sent.length, 0);
  });

  it('refuses a token signed by an unknown key with 401 and sends nothing', async function () {
    const forged = idp.token({ audience: APP_ID, serviceUrl: bot.connector.url }, foreignKey());
    const res = await bot.post(bot.message('soren.ahl@example.dk', 'hjælp'), bearer(forged));
    assert.equal(res.status, 401);
    assert.equal(bot.connector.sent.length, 0);
  });

  it('refuses a token issued for another bot with 401', async function () {
    const token = idp.token({ audience: '99999999-0000-0000-0000-000000000000', serviceUrl: bot.connector.url });
    assert.equal((await bot.post(invoke(), bearer(token))).status, 401);
  });

  it('refuses a token whose serviceUrl claim differs from the activity with 401', async function () {
    const token = idp.token({ audience: APP_ID, serviceUrl: 'https://smba.example.invalid/' });
    assert.equal((await bot.post(invoke(), bearer(token))).status, 401);
  });

  it('refuses a garbage bearer value with 401', async function () {
    assert.equal((await bot.post(invoke(), bearer('not.a.jwt'))).status, 401);
  });

  it('ignores an authenticated invoke from another tenant: 200 with no invoke answer, nothing sent', async function () {
    const token = idp.token({ audience: APP_ID, serviceUrl: bot.connector.url });
    const res = await bot.post(invoke('00000000-0000-0000-0000-0000000000ff'), bearer(token));
    assert.equal(res.status, 200);
    assert.equal((res.body as { value?: unknown } | undefined)?.value, undefined);
    assert.equal(bot.connector.sent.length, 0);
  });

  it('ignores an authenticated message from another tenant with 200, sending nothing', async function () {
    const token = idp.token({ audience: APP_ID, serviceUrl: bot.connector.url });
    const activity = bot.message('soren.ahl@example.dk', 'hjælp');
    const other = '00000000-0000-0000-0000-0000000000ff';
    const res = await bot.post({ ...activity, conversation: { ...(activity.conversation as object), tenantId: other }, channelData: { tenant: { id: other } } }, bearer(token));
    assert.equal(res.status, 200);
    assert.equal(bot.connector.sent.length, 0);
  });

  it('refuses a request with a valid token but no channelId with 400, not a 500', async function () {
    const token = idp.token({ audience: APP_ID, serviceUrl: bot.connector.url });
    const activity: Record<string, unknown> = invoke();
    delete activity.channelId;
    const res = await bot.post(activity, bearer(token));
    assert.equal(res.status, 400);
    assert.match((res.body as { error: string }).error, /channelId/);
  });
});

describe('tenant guard', function () {
  const log = createLogger('silent');
  const turnOf = (activity: Record<string, unknown>) => ({ activity }) as unknown as TurnContext;
  const passes = async (activity: Record<string, unknown>) => {
    let passed = false;
    await tenantGuard([TENANT], log)(turnOf(activity), async () => {
      passed = true;
    });
    return passed;
  };

  it('lets activities from an allowed tenant through, by conversation or channelData', async function () {
    assert.equal(await passes({ type: 'message', conversation: { tenantId: TENANT } }), true);
    assert.equal(await passes({ type: 'message', conversation: {}, channelData: { tenant: { id: TENANT } } }), true);
  });

  it('drops activities from another tenant or with none', async function () {
    assert.equal(await passes({ type: 'message', conversation: { tenantId: 'other' } }), false);
    assert.equal(await passes({ type: 'message', conversation: {} }), false);
  });

  it("never drops the bot's own proactive turns, so nudges and prompts still go out", async function () {
    for (const name of ['ContinueConversation', 'CreateConversation']) {
      assert.equal(await passes({ type: 'event', name, conversation: { id: 'a:1' } }), true, name);
    }
    assert.equal(await passes({ type: 'event', name: 'application/vnd.microsoft.meetingStart', conversation: { tenantId: 'other' } }), false);
  });
});
