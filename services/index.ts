import type { Clock } from './clock';
import { Identities } from './identity';
import { Meetings } from './meetings';
import type { MinutesSource } from './minutesSources';
import { Networks } from './networks';
import type { Store } from './store/store';

/** Every domain service, wired to one store and one clock. */
export interface Services {
  store: Store;
  clock: Clock;
  networks: Networks;
  meetings: Meetings;
  identities: Identities;
  /** Each feature that records something for the minutes registers its source here. */
  minutesSources: MinutesSource[];
}

export function createServices(store: Store, clock: Clock): Services {
  const networks = new Networks(store);
  const meetings = new Meetings(store, networks);
  const identities = new Identities(store, networks, clock);
  const minutesSources: MinutesSource[] = [];
  return { store, clock, networks, meetings, identities, minutesSources };
}
