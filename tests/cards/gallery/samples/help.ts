import { helpCard } from '../../../../bot/commands/core';
import { byRole, inBothLanguages, type SampleSet } from '../gallery';

/** "hjælp": what a member sees, what the secretary sees (every command), in the longest network name. */
export const samples: SampleSet = ({ cards, example, large }) => [
  ...inBothLanguages('help', 'member', (lang) => helpCard(cards, byRole(example, 'member'), example.network, lang)),
  ...inBothLanguages('help', 'secretary', (lang) => helpCard(cards, byRole(example, 'secretary'), example.network, lang)),
  ...inBothLanguages('help', 'largest', (lang) => helpCard(cards, byRole(large, 'chair'), large.network, lang)),
];
