import restify from 'restify';
import { z } from 'zod';
import type { ManualClock } from '../services/clock';
import type { Logger } from './log';

const Body = z.object({ now: z.iso.datetime({ offset: true }) }).strict();

export interface TestClockDeps {
  clock: ManualClock;
  /** What a running bot would have done by the new time: materialise imported tasks, send due nudges. */
  catchUp(): Promise<unknown>;
  log: Logger;
}

/**
 * POST /test/clock {"now": "<ISO instant>"}: moves the bot's clock (forwards or back) and
 * catches up before it answers, so a test sees the nudges due by then. Registered only
 * with TEST_CLOCK=1 in local mode (loadConfig refuses it in production): an end-to-end
 * test through a real client cannot wait for August.
 */
export function registerTestClockRoute(server: restify.Server, deps: TestClockDeps): void {
  server.post('/test/clock', restify.plugins.bodyParser({ maxBodySize: 1024, mapParams: false }), async (req, res) => {
    const parsed = Body.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: 'expected {"now": "<ISO 8601 instant with offset>"}' });
      return;
    }
    deps.clock.set(new Date(parsed.data.now));
    deps.log.warn({ now: parsed.data.now }, 'test clock moved');
    const caughtUp = await deps.catchUp();
    res.send(200, { now: deps.clock.now().toISOString(), caughtUp });
  });
}
