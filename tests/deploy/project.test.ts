/**
 * The deployment files checked offline (no az, bicep or Azure here): m365agents.yml against the
 * Toolkit's own YAML schema and the files and scripts it names; infra/azure.bicep's parameters
 * and app settings against the keys the bot reads (ENV_KEYS, bot/config.ts); .webappignore with
 * the `ignore` package the Toolkit's zipDeploy packs with. What Azure would say is not checked.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { ENV_KEYS, loadConfig } from '../../bot/config';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const CLI = join(ROOT, 'node_modules', '@microsoft', 'm365agentstoolkit-cli');

type Action = { uses: string; name?: string; env?: Record<string, string>; with: Record<string, unknown> };
const project = parse(read('m365agents.yml')) as { version: string; environmentFolderPath: string } & Record<'provision' | 'deploy' | 'publish', Action[]>;
const actions = [...project.provision, ...project.deploy, ...project.publish];
const bicep = read('infra/azure.bicep');
const parameters = (JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, unknown> }).parameters;

/** `output NAME type = …`: the Toolkit writes each, upper-cased, into env/.env.<env>. */
const bicepOutputs = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1].toUpperCase());
/** `param name type [= default]`, with whether a default is given. */
const bicepParams = [...bicep.matchAll(/^param (\w+) [\w.]+( =)?/gm)].map((m) => ({ name: m[1], required: !m[2] }));
/** The app settings the web app gets: every `{ name: 'X', value: … }` entry. */
const appSettings = [...bicep.matchAll(/\{\s*name: '([^']+)',?\s+value:/g)].map((m) => m[1]);

/** Settings for App Service and its agents, not for the bot; each says who reads it. */
const PLATFORM_SETTINGS: Record<string, string> = {
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'App Service: install dependencies after a zip deploy',
  CUSTOM_BUILD_COMMAND: 'App Service (Oryx): the install command instead of npm install + build',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'Application Insights agent',
  ApplicationInsightsAgent_EXTENSION_VERSION: 'Application Insights agent for Node.js on Linux',
  AZURE_CLIENT_ID: "@azure/identity: which user-assigned identity DefaultAzureCredential uses (SingleTenant bots' Cosmos access)",
};

/** A value of the right shape for each key the Bicep file sets, to run the settings through loadConfig. */
const SAMPLE: Record<string, string> = {
  MicrosoftAppId: '0f6b2a4e-8c1d-4e57-9a3b-2d5c7e9f1a08',
  MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  ALLOWED_TENANT_IDS: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  MicrosoftAppPassword: 'secret',
  COSMOS_ENDPOINT: 'https://referentdev-cosmos.documents.azure.com:443/',
  COSMOS_DATABASE: 'referent',
  PUBLIC_URL: 'https://referentdev.azurewebsites.net',
  LINK_SECRET: 'l'.repeat(64),
  LOG_LEVEL: 'info',
};

describe('deployment project (m365agents.yml, infra/)', function () {
  describe('m365agents.yml', function () {
    it("is valid against the Toolkit's own schema for its version", function () {
      const schema = JSON.parse(readFileSync(join(CLI, 'resource', 'yaml-schema', project.version, 'yaml.schema.json'), 'utf8')) as object;
      const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
      assert.ok(validate(project), JSON.stringify(validate.errors, null, 2));
    });

    it('names files that exist and npm scripts that package.json has', function () {
      assert.ok(existsSync(join(ROOT, project.environmentFolderPath, '.env.dev')));
      const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
      for (const action of actions) {
        const w = action.with;
        for (const template of (w.templates as { path: string; parameters?: string }[] | undefined) ?? []) {
          assert.ok(existsSync(join(ROOT, template.path)), template.path);
          if (template.parameters) assert.ok(existsSync(join(ROOT, template.parameters)), template.parameters);
        }
        for (const key of ['ignoreFile', 'artifactFolder'] as const) {
          if (typeof w[key] === 'string') assert.ok(existsSync(join(ROOT, w[key])), `${action.uses} ${key}: ${w[key]}`);
        }
        const script = action.uses === 'cli/runNpmCommand' ? /^run (\S+)/.exec(String(w.args)) : null;
        if (script) assert.ok(scripts[script[1]], `npm run ${script[1]}`);
      }
    });

    it('builds the app package with npm run package, from the app id and address provisioning wrote', function () {
      const packaging = actions.filter((a) => a.uses === 'cli/runNpmCommand' && /^run package /.test(String(a.with.args)));
      assert.equal(packaging.length, 2, 'provision and publish each build it');
      for (const action of packaging) assert.deepEqual(action.env, { MicrosoftAppId: '${{BOT_ID}}', PUBLIC_URL: '${{PUBLIC_URL}}' });
      const deploy = project.deploy.find((a) => a.uses === 'azureAppService/zipDeploy');
      assert.equal(deploy?.with.resourceId, '${{AZURE_APP_SERVICE_RESOURCE_ID}}');
    });

    it('uses only variables that env/.env.dev holds, the Bicep outputs, or the secret env/.env.dev names', function () {
      const envFile = read(join(project.environmentFolderPath, '.env.dev'));
      const defined = new Set([...envFile.matchAll(/^(\w+)=/gm)].map((m) => m[1]));
      const secrets = new Set([...envFile.matchAll(/^#\s+(SECRET_\w+)=/gm)].map((m) => m[1]));
      const used = [...`${read('m365agents.yml')}${read('infra/azure.parameters.json')}`.matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]);
      assert.ok(used.length > 0);
      for (const name of new Set(used)) {
        assert.ok(defined.has(name) || bicepOutputs.includes(name) || secrets.has(name), `\${{${name}}} is neither in env/.env.dev nor an output of infra/azure.bicep`);
      }
      for (const output of bicepOutputs) assert.ok(defined.has(output), `env/.env.dev lists the output ${output}`);
    });
  });

  describe('infra/azure.bicep', function () {
    it('azure.parameters.json sets only parameters the template declares, and every one without a default', function () {
      const declared = new Set(bicepParams.map((p) => p.name));
      for (const name of Object.keys(parameters)) assert.ok(declared.has(name), `parameter ${name} is declared`);
      for (const p of bicepParams.filter((q) => q.required)) assert.ok(p.name in parameters, `parameter ${p.name} is given`);
    });

    it('sets as app settings only keys the bot reads (ENV_KEYS) or the platform reads', function () {
      assert.ok(appSettings.length >= 8, appSettings.join(', '));
      assert.equal(new Set(appSettings).size, appSettings.length, 'no setting twice');
      for (const name of appSettings) {
        assert.ok((ENV_KEYS as readonly string[]).includes(name) || name in PLATFORM_SETTINGS, `${name} is read by neither bot/config.ts nor the platform`);
      }
    });

    it('its settings are a complete production configuration, with a managed identity or with an app registration', function () {
      const botSettings = appSettings.filter((name) => !(name in PLATFORM_SETTINGS));
      const env = (type: string, without: string[]) => ({
        ...Object.fromEntries(botSettings.filter((k) => !without.includes(k)).map((k) => [k, SAMPLE[k]])),
        MicrosoftAppType: type,
      });
      for (const key of botSettings) assert.ok(key === 'MicrosoftAppType' || SAMPLE[key], `a sample value for ${key}`);
      for (const config of [loadConfig(env('UserAssignedMSI', ['MicrosoftAppPassword']), () => ''), loadConfig(env('SingleTenant', []), () => '')]) {
        assert.equal(config.mode, 'production');
        assert.equal(config.cosmos?.key, undefined, 'Cosmos through Entra ID, no key');
        assert.equal(config.playground, false);
      }
      assert.match(bicep, /param botAppType string = 'UserAssignedMSI'/);
      assert.match(bicep, /useManagedIdentity\s+\? \[\]\s+: \[\s+\{ name: 'MicrosoftAppPassword'/, 'the password is set only for an app registration');
    });

    it('runs the built bot on Node 24 LTS, Cosmos DB with the container the store uses and the data-contributor role', function () {
      assert.match(bicep, /linuxFxVersion: 'NODE\|24-lts'/);
      const main = (JSON.parse(read('package.json')) as { main: string }).main;
      assert.match(bicep, new RegExp(`appCommandLine: 'node ${main.replace(/\./g, '\\.')}'`));
      assert.match(bicep, /name: 'EnableServerless'/);
      assert.match(bicep, /id: 'docs'\s+partitionKey: \{ paths: \['\/pk'\]/);
      assert.match(read('services/store/cosmos.ts'), /const CONTAINER = 'docs';\s+const PARTITION_KEY = '\/pk';/);
      assert.match(bicep, /sqlRoleDefinitions@[\d-]+' existing = \{\s+parent: cosmos\s+name: '00000000-0000-0000-0000-000000000002'/);
      assert.match(bicep, /sqlRoleAssignments@/);
      assert.match(bicep, /channelName: 'MsTeamsChannel'/);
      assert.match(bicep, /Microsoft\.Insights\/components@/);
    });
  });

  it('.webappignore lets only the built app into the zip deploy (as the Toolkit reads it)', function () {
    // The same `ignore` package the Toolkit's zipDeploy filters files with.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ignore = require(require.resolve('ignore', { paths: [require.resolve('@microsoft/teamsfx-core')] })) as () => {
      add(rules: string): void;
      ignores(path: string): boolean;
    };
    const ig = ignore();
    ig.add(read('.webappignore'));
    for (const kept of ['dist/bot/main.js', 'dist/services/store/cosmos.js', 'scripts/run.mjs', 'package.json', 'package-lock.json']) assert.ok(!ig.ignores(kept), kept);
    for (const left of ['node_modules/botbuilder/package.json', 'bot/main.ts', 'tests/deploy/project.test.ts', '.env', 'env/.env.dev.user', 'infra/azure.bicep', 'data/referent.db']) {
      assert.ok(ig.ignores(left), left);
    }
  });
});
