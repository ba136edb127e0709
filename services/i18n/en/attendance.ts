import type { attendance as da } from '../da/attendance';
import type { Widen } from '../widen';

/** English strings of attendance: who is present when the meeting starts, apologies, late arrivals. */
export const attendance: Widen<typeof da> = {
  commands: {
    attendance: 'Correct attendance during the meeting, e.g. when a member who sent apologies comes after all',
  },
  card: {
    title: 'Who is present?',
    intro: 'Everyone is marked present. Untick those who sent apologies.',
    introTeams: 'Those who have joined the Teams meeting are marked present. Correct it, e.g. for someone taking part by phone.',
    joinedAt: '{person}, in the Teams meeting from {time}',
    present: 'Present',
    start: 'Start the meeting',
    save: 'Save attendance',
  },
  recorded: 'Present: {count}. Apologies: {names}.',
  recordedAll: 'Present: all {count}.',
};
