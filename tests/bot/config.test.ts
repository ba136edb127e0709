import assert from 'node:assert/strict';
import { createAdapter } from '../../bot/adapter';
import { ConfigError, ENV_KEYS, loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/log';
import { PRODUCTION_ENV } from '../helpers/bot';

const secret = () => 's'.repeat(64);
const load = (env: Record<string, string>) => loadConfig(env, secret);
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    load(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  assert.fail('expected a ConfigError');
};
const production = PRODUCTION_ENV;
/** A user-assigned managed identity: its client id is the app id, and there is no secret. */
const { MicrosoftAppPassword: _secret, ...managedIdentity }: Record<string, string> = { ...production, MicrosoftAppType: 'UserAssignedMSI' };

describe('configuration', function () {
  it('runs in local mode with nothing set: port 3978, embedded store in ./data, playground on', function () {
    const config = load({});
    assert.equal(config.mode, 'local');
    assert.equal(config.port, 3978);
    assert.equal(config.dataDir, './data');
    assert.equal(config.cosmos, undefined);
    assert.equal(config.playground, true);
    assert.deepEqual(config.allowedTenantIds, []);
    assert.equal(config.publicUrl, 'http://localhost:3978');
    assert.equal(config.linkSecret, secret());
  });

  it('treats blank values as unset, as a copied .env.example has them', function () {
    const config = load({ MicrosoftAppId: '', COSMOS_ENDPOINT: ' ', PORT: '' });
    assert.equal(config.mode, 'local');
    assert.equal(config.cosmos, undefined);
    assert.equal(config.port, 3978);
  });

  it('local mode listens on 127.0.0.1 unless HOST says otherwise, which is flagged; production on 0.0.0.0 or HOST', function () {
    assert.equal(load({}).host, '127.0.0.1');
    assert.equal(load({}).hostExposesLocalMode, false);
    assert.equal(load({ HOST: '0.0.0.0' }).host, '0.0.0.0');
    assert.equal(load({ HOST: '0.0.0.0' }).hostExposesLocalMode, true);
    assert.equal(load({ HOST: '::1' }).hostExposesLocalMode, false, 'a loopback address keeps it on this machine');
    assert.equal(load(production).host, '0.0.0.0');
    assert.equal(load({ ...production, HOST: '10.0.0.4' }).host, '10.0.0.4');
    assert.equal(load({ ...production, HOST: '10.0.0.4' }).hostExposesLocalMode, false);
    assert.ok(problemsOf({ HOST: 'every interface' }).some((p) => p.startsWith('HOST:')));
  });

  it('PLAYGROUND=0 keeps the playground off', function () {
    assert.equal(load({ PLAYGROUND: '0' }).playground, false);
  });

  it('a full single-tenant configuration is production: tenant allowed, playground never started', function () {
    const config = load({ ...production, PLAYGROUND: '1' });
    assert.equal(config.mode, 'production');
    assert.deepEqual(config.allowedTenantIds, ['tenant-a']);
    assert.equal(config.playground, false);
    assert.equal(config.app?.type, 'SingleTenant');
  });

  it('ALLOWED_TENANT_IDS overrides the app tenant and takes a comma-separated list', function () {
    const config = load({ ...production, ALLOWED_TENANT_IDS: 'tenant-b, tenant-c' });
    assert.deepEqual(config.allowedTenantIds, ['tenant-b', 'tenant-c']);
  });

  it('Cosmos with an endpoint and key; without a key it will use DefaultAzureCredential', function () {
    assert.deepEqual(load({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', COSMOS_KEY: 'k' }).cosmos, {
      endpoint: 'https://acct.documents.azure.com:443/',
      key: 'k',
      database: 'referent',
    });
    assert.equal(load({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' }).cosmos?.key, undefined);
  });

  it('an app id without MicrosoftAppType is SingleTenant: Azure creates no new multi-tenant bots', function () {
    const { MicrosoftAppType: _omit, ...env } = production;
    assert.equal(load(env).app?.type, 'SingleTenant');
    const { MicrosoftAppTenantId: _tenant, ...noTenant } = env;
    assert.ok(problemsOf(noTenant).includes('MicrosoftAppTenantId is missing (needed with MicrosoftAppType=SingleTenant)'));
  });

  it('UserAssignedMSI needs no secret; Cosmos without a key signs in as the same identity', function () {
    const config = load({ ...managedIdentity, COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' });
    assert.equal(config.mode, 'production');
    assert.deepEqual(config.app, { id: production.MicrosoftAppId, password: undefined, type: 'UserAssignedMSI', tenantId: 'tenant-a' });
    assert.deepEqual(config.allowedTenantIds, ['tenant-a']);
    assert.equal(config.cosmos?.managedIdentityClientId, production.MicrosoftAppId);
    assert.equal(load({ ...managedIdentity, COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', COSMOS_KEY: 'k' }).cosmos?.managedIdentityClientId, undefined);
  });

  it("botbuilder accepts the parsed app settings for each app type (its own checks run when the adapter is built)", function () {
    const log = createLogger('silent');
    for (const env of [production, managedIdentity, { ...production, MicrosoftAppType: 'MultiTenant' }]) {
      assert.doesNotThrow(() => createAdapter(load(env), log), env.MicrosoftAppType);
    }
  });

  it('refuses UserAssignedMSI with a password, or without the tenant, naming the key', function () {
    assert.deepEqual(problemsOf({ ...managedIdentity, MicrosoftAppPassword: 'pw' }), [
      'MicrosoftAppPassword must not be set with MicrosoftAppType=UserAssignedMSI (the managed identity has no secret)',
    ]);
    const { MicrosoftAppTenantId: _omit, ...noTenant } = managedIdentity;
    assert.deepEqual(problemsOf(noTenant), ['MicrosoftAppTenantId is missing (needed with MicrosoftAppType=UserAssignedMSI)']);
  });

  it('ENV_KEYS lists every key the bot reads, the names infra/ may set', function () {
    for (const key of ['MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'COSMOS_ENDPOINT', 'PUBLIC_URL', 'LINK_SECRET']) {
      assert.ok(ENV_KEYS.includes(key as (typeof ENV_KEYS)[number]), key);
    }
    assert.equal(new Set(ENV_KEYS).size, ENV_KEYS.length);
  });

  it('refuses an app id without a password', function () {
    const { MicrosoftAppPassword: _omit, ...env } = production;
    assert.deepEqual(problemsOf(env), ['MicrosoftAppPassword is missing (needed with MicrosoftAppId for SingleTenant)']);
  });

  it('refuses SingleTenant without a tenant id, naming it', function () {
    const { MicrosoftAppTenantId: _omit, ...env } = production;
    const problems = problemsOf(env);
    assert.ok(problems.includes('MicrosoftAppTenantId is missing (needed with MicrosoftAppType=SingleTenant)'), problems.join('\n'));
  });

  it('refuses a password or tenant without an app id', function () {
    assert.deepEqual(problemsOf({ MicrosoftAppPassword: 'pw' }), ['MicrosoftAppId is missing (MicrosoftAppPassword is set without it)']);
  });

  it('refuses a multi-tenant app that names no allowed tenants', function () {
    assert.deepEqual(problemsOf({ ...production, MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' }), [
      'ALLOWED_TENANT_IDS is missing (a multi-tenant app must name the tenants it serves)',
    ]);
  });

  it('refuses production without PUBLIC_URL and LINK_SECRET, listing both', function () {
    const problems = problemsOf({ ...production, PUBLIC_URL: '', LINK_SECRET: '' });
    assert.equal(problems.length, 2);
    assert.match(problems[0], /^PUBLIC_URL is missing/);
    assert.match(problems[1], /^LINK_SECRET is missing/);
  });

  it('refuses a Cosmos key without an endpoint', function () {
    assert.deepEqual(problemsOf({ COSMOS_KEY: 'k' }), ['COSMOS_ENDPOINT is missing (COSMOS_KEY is set without it)']);
  });

  it('refuses malformed values, naming the key', function () {
    const problems = problemsOf({ PORT: 'eighty', COSMOS_ENDPOINT: 'not a url', MicrosoftAppType: 'Weird', LOG_LEVEL: 'loud' });
    for (const key of ['PORT', 'COSMOS_ENDPOINT', 'MicrosoftAppType', 'LOG_LEVEL']) {
      assert.ok(problems.some((p) => p.startsWith(`${key}:`)), `${key} in ${problems.join('; ')}`);
    }
  });

  it('a short LINK_SECRET is refused', function () {
    assert.match(problemsOf({ LINK_SECRET: 'short' })[0], /^LINK_SECRET: at least 32 characters/);
  });
});
