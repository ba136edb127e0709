/**
 * Builds the Teams app package from the committed template (manifest.json, en.json, icons)
 * and the one command table. The template holds placeholders — {{MICROSOFT_APP_ID}},
 * {{PUBLIC_HOST}}, {{VERSION}} — that are filled here from the deployment's environment, so
 * no app id or host is ever committed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Command } from '../bot/commands/command';
import { commandTable } from '../bot/commands/table';
import { catalog, type Catalog } from '../services/i18n';
import { shorten } from '../services/text';
import type { Lang } from '../services/time';
import { ICON_FILES } from './icons';

/** Where the bot is deployed: the values the placeholders take. */
export interface PackageTarget {
  /** The bot's Microsoft app id (a GUID); also the Teams app id. */
  appId: string;
  /** Host name of PUBLIC_URL, e.g. "referent.example.dk"; the only valid domain. */
  host: string;
  /** The app version Teams sees; must grow with every upload. */
  version: string;
}

export const SCOPES = ['personal', 'team', 'groupChat'] as const;
export type Scope = (typeof SCOPES)[number];

/** Teams' limits for a bot's command list (the localization schema allows commands[0-9]). */
export const COMMAND_LIMITS = { perList: 10, title: 32, description: 128 } as const;

/** Used once in a channel's life, if ever: listed only if room is left. */
const RARE: ReadonlySet<string> = new Set(['unlink']);

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

export class PackageConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageConfigError';
  }
}

/** Reads MicrosoftAppId and PUBLIC_URL; lists every missing or malformed one. */
export function targetFromEnv(env: NodeJS.ProcessEnv, version: string): PackageTarget {
  const problems: string[] = [];
  const appId = env.MicrosoftAppId?.trim() ?? '';
  if (!GUID.test(appId)) problems.push(`MicrosoftAppId must be the bot's app id, a GUID (got "${appId}")`);
  let host = '';
  try {
    const url = new URL(env.PUBLIC_URL?.trim() ?? '');
    if (url.protocol !== 'https:') problems.push(`PUBLIC_URL must be an https address (got "${env.PUBLIC_URL}")`);
    host = url.host;
  } catch {
    problems.push(`PUBLIC_URL must be the bot's public https address, e.g. https://referent.example.dk (got "${env.PUBLIC_URL ?? ''}")`);
  }
  if (problems.length) throw new PackageConfigError(problems);
  return { appId, host, version };
}

/** A command whose usage names a required argument, "<nr.>", does nothing useful as a bare word. */
const needsArgument = (c: Command) => Boolean(c.usage?.da.includes('<'));

/**
 * The commands listed for a scope, at most ten, most useful first: only those usable
 * there; commands only a channel has (linking it is the first thing done in a team) and
 * commands every member may use (the list is what members see in the compose box);
 * then the chair's and secretary's that work as the bare word a click inserts; last those
 * that need an argument ("punkt <nr.>" — the item and vote cards have buttons for them);
 * the rare ones after all. Table order within each group.
 */
export function commandsFor(scope: Scope, commands: readonly Command[]): { listed: Command[]; leftOut: Command[] } {
  // A channel-only command is left out where Teams would offer it in vain (the bot refuses it there).
  const usable = commands.filter((c) => scope === 'team' || !c.channelOnly);
  const rank = (c: Command) => (RARE.has(c.name) ? 3 : c.roles === 'any' || c.channelOnly ? 0 : needsArgument(c) ? 2 : 1);
  const ranked = [0, 1, 2, 3].flatMap((r) => usable.filter((c) => rank(c) === r));
  return { listed: ranked.slice(0, COMMAND_LIMITS.perList), leftOut: ranked.slice(COMMAND_LIMITS.perList) };
}

const word = (c: Command, lang: Lang) => (lang === 'da' ? c.da[0] : c.en[0]);
const entry = (c: Command, lang: Lang, t: Catalog) => ({
  title: shorten(word(c, lang), COMMAND_LIMITS.title),
  description: shorten(c.description(t), COMMAND_LIMITS.description),
});

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Replaces every {{NAME}} in the strings of a JSON value; an unknown name is an error. */
export function fill(value: Json, values: Record<string, string>): Json {
  if (typeof value === 'string') {
    return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      if (!(name in values)) throw new Error(`manifest template: unknown placeholder {{${name}}}`);
      return values[name];
    });
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, values));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values)]));
  return value;
}

/** The English localization file, as manifest.json's localizationInfo names it. */
const ENGLISH_FILE = 'en.json';

const readJson = (file: string): Json => JSON.parse(readFileSync(join(__dirname, file), 'utf8')) as Json;

export interface BuiltManifest {
  manifest: Record<string, Json>;
  /** Localization files by name, as the manifest's localizationInfo names them. */
  localizations: Record<string, Record<string, Json>>;
  /** Per scope, the names of the commands that did not fit in the list. */
  leftOut: Record<Scope, string[]>;
}

/** The manifest and localization files for a deployment, with the command lists filled in. */
export function buildManifest(target: PackageTarget, commands: readonly Command[] = commandTable()): BuiltManifest {
  const values = { MICROSOFT_APP_ID: target.appId, PUBLIC_HOST: target.host, VERSION: target.version };
  const manifest = fill(readJson('manifest.json'), values) as Record<string, Json>;
  const english = fill(readJson(ENGLISH_FILE), values) as Record<string, Json>;
  const [bot] = manifest.bots as Record<string, Json>[];
  const leftOut = {} as Record<Scope, string[]>;
  const da = catalog('da');
  const en = catalog('en');
  bot.commandLists = SCOPES.map((scope, i) => {
    const chosen = commandsFor(scope, commands);
    leftOut[scope] = chosen.leftOut.map((c) => c.name);
    chosen.listed.forEach((c, j) => {
      const { title, description } = entry(c, 'en', en);
      english[`bots[0].commandLists[${i}].commands[${j}].title`] = title;
      english[`bots[0].commandLists[${i}].commands[${j}].description`] = description;
    });
    return { scopes: [scope], commands: chosen.listed.map((c) => entry(c, 'da', da)) };
  });
  return { manifest, localizations: { [ENGLISH_FILE]: english }, leftOut };
}

/** appPackage.zip: manifest.json, the icons and the localization files, at the zip's root. */
export async function buildAppPackage(target: PackageTarget, commands?: readonly Command[]): Promise<{ zip: Buffer; built: BuiltManifest }> {
  const built = buildManifest(target, commands);
  const zip = new JSZip();
  const fixedDate = new Date('2021-01-01T00:00:00Z'); // same inputs, same bytes
  const add = (name: string, content: string | Buffer) => zip.file(name, content, { date: fixedDate });
  add('manifest.json', JSON.stringify(built.manifest, null, 2));
  for (const [file, strings] of Object.entries(built.localizations)) add(file, JSON.stringify(strings, null, 2));
  for (const icon of Object.values(ICON_FILES)) add(icon, readFileSync(join(__dirname, icon)));
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), built };
}
