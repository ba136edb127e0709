import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Services } from '../services';
import type { Logger } from './log';
import { projectRoot } from './paths';

/**
 * Local mode on an empty store: imports the example network and meeting (examples/, the
 * same files the README and the tests use) so the Playground's people — who are that
 * network — can try every command at once. Never runs in production or on a store that has
 * any network.
 */
export async function seedDemo(services: Services, log: Logger): Promise<void> {
  if ((await services.networks.list()).length) return;
  const dir = join(projectRoot(), 'examples');
  const read = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const { network } = await services.networks.import(read('network.json'));
  const { meeting } = await services.meetings.import(read('meeting-2021-06-02.json'));
  log.info({ network: network.id, meeting: meeting.id }, 'empty store: imported the demo network and meeting');
}
