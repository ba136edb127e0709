import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type { Command } from '../../bot/commands/command';
import { commandTable } from '../../bot/commands/table';
import { buildManifest, COMMAND_LIMITS, commandsFor, fill, PackageConfigError, SCOPES, targetFromEnv, type PackageTarget } from '../../manifest/build';
import { shorten } from '../../services/text';
import { catalog } from '../../services/i18n';
import { manifestSchemaErrors } from './manifestSchema';

const ROOT = join(__dirname, '..', '..');
const APP_ID = '0f6b2a4e-8c1d-4e57-9a3b-2d5c7e9f1a08';
const TARGET: PackageTarget = { appId: APP_ID, host: 'referent.example.dk', version: '1.2.3' };
const readTemplate = (file: string) => JSON.parse(readFileSync(join(ROOT, 'manifest', file), 'utf8')) as Record<string, unknown>;

type CommandList = { scopes: string[]; commands: { title: string; description: string }[] };
const commandListsOf = (manifest: Record<string, unknown>) => (manifest.bots as { commandLists: CommandList[] }[])[0].commandLists;

const fakeCommand = (name: string, roles: Command['roles']): Command => ({
  name,
  da: [`${name}-da`],
  en: [`${name}-en`],
  description: () => `${name} description`,
  roles,
  handler: async () => undefined,
});

describe('Teams manifest', () => {
  it('the committed template keeps placeholders instead of the app id and domain', () => {
    const template = readTemplate('manifest.json');
    assert.equal(template.id, '{{MICROSOFT_APP_ID}}');
    assert.equal((template.bots as { botId: string }[])[0].botId, '{{MICROSOFT_APP_ID}}');
    assert.deepEqual(template.validDomains, ['{{PUBLIC_HOST}}']);
    const text = readFileSync(join(ROOT, 'manifest', 'manifest.json'), 'utf8');
    assert.doesNotMatch(text, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, 'no GUID is committed');
    assert.equal(template.$schema, 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.29/MicrosoftTeams.schema.json');
  });

  it('the built manifest validates against the official 1.29 schema', () => {
    const { manifest } = buildManifest(TARGET);
    assert.deepEqual(manifestSchemaErrors(manifest), []);
    assert.equal(manifest.id, APP_ID);
    assert.equal(manifest.version, '1.2.3');
    assert.deepEqual(manifest.validDomains, ['referent.example.dk']);
    assert.doesNotMatch(JSON.stringify(manifest), /\{\{/, 'every placeholder is filled');
  });

  it('the schema check is real: a wrong manifestVersion or app id is refused', () => {
    const { manifest } = buildManifest(TARGET);
    assert.notDeepEqual(manifestSchemaErrors({ ...manifest, manifestVersion: '1.28' }), []);
    assert.notDeepEqual(manifestSchemaErrors({ ...manifest, id: 'not-a-guid' }), []);
  });

  it('the bot serves personal, team and group chat, with one Danish command list per scope', () => {
    const { manifest } = buildManifest(TARGET);
    const [bot] = manifest.bots as { scopes: string[] }[];
    assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
    const lists = commandListsOf(manifest);
    assert.deepEqual(
      lists.map((l) => l.scopes),
      SCOPES.map((s) => [s]),
    );
    const da = catalog('da');
    const table = commandTable();
    for (const list of lists) {
      assert.ok(list.commands.length >= 1 && list.commands.length <= COMMAND_LIMITS.perList);
      for (const command of list.commands) {
        assert.ok(command.title.length <= COMMAND_LIMITS.title, command.title);
        assert.ok(command.description.length > 0 && command.description.length <= COMMAND_LIMITS.description, command.description);
        assert.ok(
          table.some((c) => c.da[0] === command.title),
          `${command.title} is a Danish command word`,
        );
      }
    }
    const help = table.find((c) => c.name === 'help');
    assert.ok(help);
    for (const list of lists) assert.deepEqual(list.commands[0], { title: 'hjælp', description: help.description(da) });
    // Linking needs a channel, so it is offered only in teams.
    assert.deepEqual(
      lists.map((l) => l.commands.some((c) => c.title === 'tilknyt')),
      [false, true, false],
    );
  });

  it('asks the admin for the meeting events: resource-specific consent on channel meetings and meeting chats, for the bot\'s own app id', () => {
    const { manifest } = buildManifest(TARGET);
    const rsc = (manifest.authorization as { permissions: { resourceSpecific: { name: string; type: string }[] } }).permissions.resourceSpecific;
    assert.deepEqual(rsc.map((p) => `${p.name}/${p.type}`).sort(), [
      'ChannelMeeting.ReadBasic.Group/Application',
      'OnlineMeeting.ReadBasic.Chat/Application',
      'OnlineMeetingParticipant.Read.Chat/Application',
    ]);
    assert.deepEqual(manifest.webApplicationInfo, { id: APP_ID, resource: 'https://RscPermission' });
  });

  it('every command of the table is listed in some scope, or reported as left out', () => {
    const { manifest, leftOut } = buildManifest(TARGET);
    const listed = new Set(commandListsOf(manifest).flatMap((l) => l.commands.map((c) => c.title)));
    for (const command of commandTable()) {
      const dropped = SCOPES.some((s) => leftOut[s].includes(command.name));
      assert.ok(listed.has(command.da[0]) || dropped, `${command.name} is in a list or reported`);
    }
  });

  it('with more than ten commands, members’ commands win, then bare-word ones, and the rest is reported', () => {
    const withArgument = (c: Command): Command => ({ ...c, usage: { da: '<nr.>', en: '<no.>' } });
    const commands = [
      withArgument(fakeCommand('arg0', ['chair', 'secretary'])),
      ...Array.from({ length: 5 }, (_, i) => fakeCommand(`lead${i}`, ['chair', 'secretary'])),
      ...Array.from({ length: 7 }, (_, i) => fakeCommand(`any${i}`, 'any')),
      { ...fakeCommand('optional', ['chair']), usage: { da: '[møde]', en: '[meeting]' } },
    ];
    const { listed, leftOut } = commandsFor('team', commands);
    assert.equal(listed.length, 10);
    assert.deepEqual(
      listed.map((c) => c.name),
      [...Array.from({ length: 7 }, (_, i) => `any${i}`), 'lead0', 'lead1', 'lead2'],
    );
    assert.deepEqual(
      leftOut.map((c) => c.name),
      ['lead3', 'lead4', 'optional', 'arg0'],
    );
    const { manifest, localizations, leftOut: reported } = buildManifest(TARGET, commands);
    assert.deepEqual(manifestSchemaErrors(manifest), []);
    assert.deepEqual(reported.personal, ['lead3', 'lead4', 'optional', 'arg0']);
    assert.ok(commandListsOf(manifest).every((l) => l.commands.length === 10));
    assert.equal(localizations['en.json']['bots[0].commandLists[2].commands[9].title'], 'lead2-en');
  });

  it('a command flagged channel-only is listed for teams alone', () => {
    const commands = [fakeCommand('everywhere', 'any'), { ...fakeCommand('inChannel', ['chair']), channelOnly: true as const }];
    assert.deepEqual(
      SCOPES.map((s) => commandsFor(s, commands).listed.map((c) => c.name)),
      [['everywhere'], ['everywhere', 'inChannel'], ['everywhere']],
    );
  });

  it('long command descriptions are shortened at a word to fit Teams’ limit', () => {
    const long = 'Knyt denne kanal til et netværk '.repeat(8);
    const short = shorten(long, 128);
    assert.ok(short.length <= 128);
    assert.ok(short.endsWith('…'));
    assert.ok(long.startsWith(short.slice(0, -1)));
    assert.equal(shorten('kort', 128), 'kort');
  });

  it('names and descriptions are Danish by default and English in en.json, within Teams’ lengths', () => {
    const { manifest, localizations } = buildManifest(TARGET);
    assert.deepEqual(manifest.localizationInfo, { defaultLanguageTag: 'da', additionalLanguages: [{ languageTag: 'en', file: 'en.json' }] });
    const name = manifest.name as { short: string; full: string };
    const description = manifest.description as { short: string; full: string };
    assert.match(description.full, /habilitet/);
    const en = localizations['en.json'];
    assert.deepEqual(Object.keys(localizations), ['en.json']);
    assert.match(String(en['description.full']), /impartiality/);
    const limits: [string, number][] = [
      ['name.short', 30],
      ['name.full', 100],
      ['description.short', 80],
      ['description.full', 4000],
    ];
    for (const [key, max] of limits) {
      const [part, field] = key.split('.') as ['name' | 'description', 'short' | 'full'];
      const danish = (part === 'name' ? name : description)[field];
      assert.ok(danish.length > 0 && danish.length <= max, `da ${key}`);
      assert.ok(typeof en[key] === 'string' && String(en[key]).length <= max, `en ${key}`);
      if (part === 'description') assert.notEqual(en[key], danish, `en ${key} is translated`);
    }
    // Every localized command key points at a command in the manifest, in English.
    const lists = commandListsOf(manifest);
    const commandKeys = Object.keys(en).filter((k) => k.startsWith('bots['));
    assert.equal(commandKeys.length, lists.reduce((n, l) => n + l.commands.length, 0) * 2);
    for (const key of commandKeys) {
      const m = /^bots\[0\]\.commandLists\[(\d)\]\.commands\[(\d)\]\.(title|description)$/.exec(key);
      assert.ok(m, key);
      assert.ok(lists[Number(m[1])].commands[Number(m[2])], key);
      assert.ok(String(en[key]).length <= (m[3] === 'title' ? COMMAND_LIMITS.title : COMMAND_LIMITS.description));
    }
    assert.equal(en['bots[0].commandLists[0].commands[0].title'], 'help');
  });

  it('packaging needs a GUID app id and an https PUBLIC_URL, and says what is wrong', () => {
    assert.deepEqual(targetFromEnv({ MicrosoftAppId: APP_ID, PUBLIC_URL: 'https://referent.example.dk/' }, '0.1.0'), {
      appId: APP_ID,
      host: 'referent.example.dk',
      version: '0.1.0',
    });
    assert.throws(
      () => targetFromEnv({ MicrosoftAppId: 'abc', PUBLIC_URL: 'http://referent.example.dk' }, '0.1.0'),
      (err: unknown) => err instanceof PackageConfigError && err.problems.length === 2,
    );
    assert.throws(() => targetFromEnv({}, '0.1.0'), /MicrosoftAppId[\s\S]*PUBLIC_URL/);
  });

  it('an unknown placeholder in the template is an error, not a silent blank', () => {
    assert.throws(() => fill({ a: ['{{NOPE}}'] }, {}), /\{\{NOPE\}\}/);
  });

  it('npm run package writes appPackage.zip with the manifest, icons and localization', async function () {
    this.timeout(30000);
    const dir = mkdtempSync(join(tmpdir(), 'referent-package-'));
    try {
      const out = join(dir, 'appPackage.zip');
      const env = { ...process.env, MicrosoftAppId: APP_ID, PUBLIC_URL: 'https://referent.example.dk' };
      await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'manifest', 'package.ts'), out], { env, cwd: ROOT });
      const zip = await JSZip.loadAsync(readFileSync(out));
      assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'en.json', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, unknown>;
      assert.deepEqual(manifestSchemaErrors(manifest), []);
      assert.equal(manifest.id, APP_ID);
      const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
      assert.equal(manifest.version, version);
      const icons = manifest.icons as { color: string; outline: string };
      for (const icon of [icons.color, icons.outline]) {
        assert.deepEqual(await zip.file(icon)!.async('nodebuffer'), readFileSync(join(ROOT, 'manifest', icon)));
      }
      const en = JSON.parse(await zip.file('en.json')!.async('string')) as Record<string, string>;
      assert.equal(en['name.short'], 'Referent');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
