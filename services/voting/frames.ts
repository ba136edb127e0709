/**
 * The frames of a network's open votes kept in line with it. A vote keeps the roster and the
 * members' own languages as a click needs them (`VoteFrame`), so a change of either is copied
 * into the votes still open, once it is written. Votes of meetings that ended more than
 * FOLLOWED_DAYS ago keep the frame they have: a vote left open that long still counts by the
 * roster as it is when it closes, as every vote does, and a member it no longer lists is
 * looked up on the roster.
 */
import type { Clock } from '../clock';
import type { Identities } from '../identity';
import type { Meetings } from '../meetings';
import type { Network } from '../model';
import { votingMembers, type Networks } from '../networks';
import type { VoterContacts, Voting } from './voting';

const FOLLOWED_DAYS = 7;
const DAY_MS = 86_400_000;

export class VoteFrames {
  constructor(
    private readonly clock: Clock,
    private readonly networks: Pick<Networks, 'require'>,
    private readonly meetings: Pick<Meetings, 'list'>,
    private readonly people: Pick<Identities, 'reachAll'>,
    private readonly voting: Pick<Voting, 'openVotes' | 'reframe'>,
  ) {}

  /** What a vote keeps of its network: the network, its voting members' Teams user ids and every member's own language, by e-mail. */
  async of(network: Network): Promise<{ network: Network } & VoterContacts> {
    const emails = network.members.map((m) => m.email);
    const reach = await this.people.reachAll(emails);
    const voting = new Set(votingMembers(network).map((m) => m.email));
    const refreshIds = Object.fromEntries(emails.flatMap((email, i) => (voting.has(email) && reach[i].contact?.teamsUserId ? [[email, reach[i].contact.teamsUserId]] : [])));
    const langs = Object.fromEntries(emails.flatMap((email, i) => (reach[i].lang ? [[email, reach[i].lang]] : [])));
    return { network, refreshIds, langs };
  }

  /** Brings the open votes of the network's recent and coming meetings in line with its roster and its members' languages. */
  async refresh(networkId: string): Promise<void> {
    const since = this.clock.now().getTime() - FOLLOWED_DAYS * DAY_MS;
    for (const meeting of await this.meetings.list(networkId)) {
      if (Date.parse(meeting.end) < since) continue;
      for (const vote of await this.voting.openVotes(meeting)) {
        await this.voting.reframe(meeting, vote.itemNumber, async () => this.of(await this.networks.require(networkId)));
      }
    }
  }
}
