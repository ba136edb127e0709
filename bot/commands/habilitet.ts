import type { Command } from './command';

/** Commands of the habilitet feature. */
export const habilitetCommands: Command[] = [];
