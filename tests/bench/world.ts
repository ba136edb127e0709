/**
 * The data the benchmark runs on: the example network and meeting for the turn path, and
 * a large network (50 voting members) with a 20-item meeting (20 proposals on item 1) for
 * the ballot burst and the minutes. Every member has written to the bot beforehand: their
 * Teams account is linked and their contact saved (their Teams id, which refreshes their
 * cards, and their 1:1 chat), so every measured turn is a steady-state one.
 */
import { createServices, type Services } from '../../services';
import type { Clock } from '../../services/clock';
import type { Meeting, Member, Network } from '../../services/model';
import type { Store } from '../../services/store/store';
import { BOT_ID, exampleMeeting, exampleNetwork, teamsAccount, TENANT } from '../helpers/bot';

export const BIG_NETWORK = 'bench';
export const BIG_MEETING = 'bench-2021-09-01';
export const PROPOSALS = 20;

const REGIONS = ['Region Hovedstaden', 'Region Sjælland', 'Region Syddanmark', 'Region Midtjylland', 'Region Nordjylland', 'LVS'];

/** A network of `voters` voting members (the first is chair) plus a secretary and a staff member. */
export function bigNetwork(voters: number): Network & { members: Member[] } {
  const members: Member[] = Array.from({ length: voters }, (_, i) => ({
    name: `Medlem ${i + 1} Jensen`,
    email: `medlem${i + 1}@example.dk`,
    role: i === 0 ? 'chair' : i === 1 ? 'vice-chair' : 'member',
    appointedBy: REGIONS[i % REGIONS.length],
  }));
  members.push(
    { name: 'Sekretær Hansen', email: 'sekretaer@example.dk', role: 'secretary', appointedBy: 'Nationalt Genom Center' },
    { name: 'Stab Nielsen', email: 'stab@example.dk', role: 'staff', appointedBy: 'Nationalt Genom Center' },
  );
  return {
    id: BIG_NETWORK,
    name: 'Nationalt specialistnetværk for benchmarking',
    organisation: 'Nationalt Genom Center',
    locale: 'da-DK',
    timeZone: 'Europe/Copenhagen',
    members,
    settings: { quorum: 0.5, nudgeDaysBefore: [7, 2], minutesItemTimes: false },
  };
}

/** A meeting of `items` items, each with recommendations, a problem and `proposals` proposals (item 1 has PROPOSALS). */
export function bigMeeting(items: number, proposals: number): Record<string, unknown> {
  const agenda = Array.from({ length: items }, (_, i) => ({
    number: i + 1,
    minutes: 10,
    title: `Punkt ${i + 1}: drøftelse af indikation ${i + 1} og kriterier for helgenomsekventering`,
    recommendations: [`Det indstilles, at specialistnetværket drøfter indikation ${i + 1} med henblik på konsensus.`],
    problem: 'Der er bevilget midler til helgenomsekventeringer, som skal fordeles på udvalgte patientgrupper. '.repeat(3).trim(),
    solution: 'Formanden har udarbejdet forslag til indikationer og kriterier (bilag).',
    nextSteps: 'Specialistnetværket drøfter den videre proces.',
    attachments: [`Bilag ${i + 1}.1: Forslag til indikationer og kriterier`],
    proposals: Array.from({ length: i === 0 ? PROPOSALS : proposals }, (_, j) => ({
      kind: 'indication',
      title: `Indikation ${i + 1}.${j + 1}: sjælden immundefekt med tidlig debut`,
      criteria: 'Debut før 18 år, eller flere autoimmune manifestationer, eller behandlingsrefraktær sygdom.',
      patientsPerYear: 10 + j,
      sequencingsPerYear: 30 + j,
      diagnosticYield: '20-40 %',
      addedValue: 'Hurtig genetisk diagnose afgør valg af behandling.',
    })),
  }));
  return {
    id: BIG_MEETING,
    networkId: BIG_NETWORK,
    title: 'Møde i nationalt specialistnetværk for benchmarking',
    start: '2021-09-01T13:00:00+02:00',
    end: '2021-09-01T16:00:00+02:00',
    location: 'virtuelt',
    chair: 'medlem1@example.dk',
    secretary: 'sekretaer@example.dk',
    caseNumber: '2109999',
    documentNumber: '1779999',
    agenda,
  };
}

/**
 * What a member's first 1:1 message leaves in the store: their Teams account linked to their
 * e-mail, and their contact with the 1:1 chat at `connectorUrl`.
 */
export async function reachable(services: Services, member: Member, connectorUrl: string): Promise<void> {
  const account = teamsAccount(member.email, member.name);
  await services.identities.link({ tenantId: TENANT, aadObjectId: account.aadObjectId }, member.email, member.name);
  const conversation = { id: `a:personal-${member.email}`, conversationType: 'personal', tenantId: TENANT };
  const personal = { channelId: 'msteams', serviceUrl: connectorUrl, conversation, bot: { id: BOT_ID, name: 'Referent' }, user: { id: account.id, name: account.name, aadObjectId: account.aadObjectId } };
  await services.identities.saveContact(member.email, { tenantId: TENANT, aadObjectId: account.aadObjectId, teamsUserId: account.id, serviceUrl: connectorUrl, personal });
}

export interface Seeded {
  services: Services;
  example: { network: Network; meeting: Meeting };
  big: { network: Network; meeting: Meeting };
}

/**
 * Imports both networks and meetings, makes every member reachable through the connector at
 * `connectorUrl`, and opens the votes the benchmark casts on: item 2 of the example meeting,
 * and item 1 (20 proposals) of the big one.
 */
export async function seedWorld(store: Store, clock: Clock, connectorUrl: string, voters = 50): Promise<Seeded> {
  const services = createServices(store, clock);
  const { network } = await services.networks.import(exampleNetwork());
  const { meeting } = await services.meetings.import(exampleMeeting());
  const big = await services.networks.import(bigNetwork(voters));
  const bigMeet = await services.meetings.import(bigMeeting(20, 2));
  await Promise.all([...network.members, ...big.network.members].map((m) => reachable(services, m, connectorUrl)));
  // Opened as the bot opens them: with the network and meeting kept for the clicks.
  await services.voting.open(meeting, network.members[0], 2, () => services.voteFrames.of(network));
  await services.voting.open(bigMeet.meeting, big.network.members[0], 1, () => services.voteFrames.of(big.network));
  return { services, example: { network, meeting }, big: { network: big.network, meeting: bigMeet.meeting } };
}
