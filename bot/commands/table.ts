import type { Lang } from '../../services/time';
import type { Role } from '../../services/model';
import type { Command } from './command';
import { help, language, link, unlink } from './core';
import { deadlinesCommands } from './deadlines';
import { habilitetCommands } from './habilitet';
import { meetingCommands } from './meeting';
import { minutesCommands } from './minutes';
import { planningCommands } from './planning';

/**
 * The one table of commands. A feature adds its commands in its own module; help, the manifest's
 * command lists and the dispatcher all read from it.
 */
export function commandTable(): readonly Command[] {
  return [help, language, link, unlink, ...habilitetCommands, ...meetingCommands, ...deadlinesCommands, ...minutesCommands, ...planningCommands];
}

export const allowedFor = (commands: readonly Command[], role: Role): Command[] =>
  commands.filter((c) => c.roles === 'any' || c.roles.includes(role));

/** Edit distance (insertions, deletions, substitutions) between two words. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length];
}

/**
 * The command word nearest a mistyped first word ("dagsordn" → "dagsorden"), in the reader's
 * language, if one is within two edits (one for short words); undefined otherwise.
 */
export function nearestCommand(commands: readonly Command[], text: string, lang: Lang): string | undefined {
  const [word = ''] = text.trim().toLowerCase().split(/\s+/);
  if (!word || word.length > 40) return undefined;
  const limit = word.length <= 4 ? 1 : 2;
  let best: { word: string; d: number } | undefined;
  for (const command of commands) {
    for (const candidate of [...command.da, ...command.en]) {
      const d = distance(word, candidate);
      if (d <= limit && (!best || d < best.d)) best = { word: command[lang][0], d };
    }
  }
  return best?.word;
}

/** The command named by the first word (any alias, any case), and the words after it. */
export function matchCommand(commands: readonly Command[], text: string): { command: Command; args: string[] } | undefined {
  const [word = '', ...args] = text.trim().split(/\s+/);
  const lower = word.toLowerCase();
  const command = commands.find((c) => [...c.da, ...c.en].includes(lower));
  return command ? { command, args } : undefined;
}
