import type { Clock } from './clock';
import { Identities } from './identity';
import { Meetings } from './meetings';
import type { MinutesSource } from './minutesSources';
import { Networks } from './networks';
import type { Recusals } from './recusal';
import type { Store } from './store/store';

/** Every domain service, wired to one store and one clock. */
export interface Services {
  store: Store;
  clock: Clock;
  networks: Networks;
  meetings: Meetings;
  identities: Identities;
  /** Who is recused from which item; answered by the habilitet feature. */
  recusals: Recusals;
  /** Each feature that records something for the minutes registers its source here. */
  minutesSources: MinutesSource[];
}

export function createServices(store: Store, clock: Clock): Services {
  const networks = new Networks(store);
  const meetings = new Meetings(store, networks);
  const identities = new Identities(store, networks, clock);
  const minutesSources: MinutesSource[] = [];
  // Until the habilitet feature is wired in, nobody has declared a conflict.
  const recusals: Recusals = { recusedOn: async () => new Set() };
  return { store, clock, networks, meetings, identities, recusals, minutesSources };
}
