import { helpCard } from '../../bot/commands/core';
import type { Member, Network } from '../../services/model';
import { inBothLanguages, type SampleSet } from '../gallery';

const byRole = (network: Network, role: Member['role']): Member => {
  const member = network.members.find((m) => m.role === role);
  if (!member) throw new Error(`no ${role} in ${network.id}`);
  return member;
};

/** "hjælp": what a member sees, what the secretary sees (every command), in the longest network name. */
export const samples: SampleSet = ({ example, large }) => [
  ...inBothLanguages('help', 'member', (lang) => helpCard(byRole(example.network, 'member'), example.network, lang)),
  ...inBothLanguages('help', 'secretary', (lang) => helpCard(byRole(example.network, 'secretary'), example.network, lang)),
  ...inBothLanguages('help', 'largest', (lang) => helpCard(byRole(large.network, 'chair'), large.network, lang)),
];
