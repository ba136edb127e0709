import type { Role } from '../../services/model';
import type { Command } from './command';
import { help, link, unlink } from './core';
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
  return [help, link, unlink, ...habilitetCommands, ...meetingCommands, ...deadlinesCommands, ...minutesCommands, ...planningCommands];
}

export const allowedFor = (commands: readonly Command[], role: Role): Command[] =>
  commands.filter((c) => c.roles === 'any' || c.roles.includes(role));

/** The command named by the first word (any alias, any case), and the words after it. */
export function matchCommand(commands: readonly Command[], text: string): { command: Command; args: string[] } | undefined {
  const [word = '', ...args] = text.trim().split(/\s+/);
  const lower = word.toLowerCase();
  const command = commands.find((c) => [...c.da, ...c.en].includes(lower));
  return command ? { command, args } : undefined;
}
