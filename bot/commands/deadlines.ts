import type { Command } from './command';

/** Commands of the deadlines feature. */
export const deadlinesCommands: Command[] = [];
