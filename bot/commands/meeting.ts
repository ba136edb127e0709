import type { Command } from './command';

/** Commands of the meeting feature. */
export const meetingCommands: Command[] = [];
