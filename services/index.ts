import type { Clock } from './clock';
import { Identities } from './identity';
import { Meetings } from './meetings';
import { Networks } from './networks';
import type { Store } from './store/store';

/** Every domain service, wired to one store and one clock. */
export interface Services {
  store: Store;
  clock: Clock;
  networks: Networks;
  meetings: Meetings;
  identities: Identities;
}

export function createServices(store: Store, clock: Clock): Services {
  const networks = new Networks(store);
  const meetings = new Meetings(store, networks);
  const identities = new Identities(store, networks, clock);
  return { store, clock, networks, meetings, identities };
}
