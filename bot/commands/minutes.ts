import type { Command } from './command';

/** Commands of the minutes feature. */
export const minutesCommands: Command[] = [];
