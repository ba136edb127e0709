/**
 * (4) The minutes of a 20-item meeting of a 15-member network with a closed vote and notes
 * on every item: the draft (reading every feature's records) and the .docx, timed as the
 * `referat` command and the download link run them. Baseline: the docx library packing a
 * one-paragraph document, the fixed cost of any .docx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { createServices } from '../../services';
import { ManualClock } from '../../services/clock';
import { draftFor, minutesDocx } from '../../services/minutes';
import { votingMembers } from '../../services/networks';
import { EmbeddedStore } from '../../services/store/embedded';
import { bigMeeting, bigNetwork } from './world';

export interface MinutesResult {
  items: number;
  members: number;
  /** Median of the timed runs. */
  ms: number;
  bytes: number;
  baselineMs: number;
}

const RUNS = 9;

async function median(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

export async function minutesBench(): Promise<MinutesResult> {
  const dir = mkdtempSync(join(tmpdir(), 'referent-bench-minutes-'));
  const store = new EmbeddedStore(dir);
  try {
    const clock = new ManualClock(new Date('2021-09-01T11:00:00Z'));
    const services = createServices(store, clock);
    const { network } = await services.networks.import(bigNetwork(13));
    const { meeting } = await services.meetings.import(bigMeeting(20, 2));
    const chair = network.members[0];
    const secretary = network.members.find((m) => m.role === 'secretary')!;
    for (const item of meeting.agenda) {
      await services.agenda.saveNotes(meeting, secretary, item.number, `Specialistnetværket drøftede punkt ${item.number} <b>grundigt</b>.\n\nDer var enighed om den videre proces.`);
      await services.voting.open(meeting, chair, item.number);
      await Promise.all(
        votingMembers(network).map((m, i) =>
          services.voting.cast(meeting, network, m, item.number, item.proposals.map((p) => (i % 5 === 4 ? { proposalId: p.id, choice: 'reservation', reason: 'Aldersgrænsen bør hæves til 25 år.' } : { proposalId: p.id, choice: 'agree' }))),
        ),
      );
      await services.voting.close(meeting, network, chair, item.number);
    }
    clock.set(new Date('2021-09-06T08:00:00Z'));
    let bytes = 0;
    const ms = await median(async () => {
      bytes = (await minutesDocx(await draftFor(services, meeting))).length;
    });
    const baselineMs = await median(() => Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Referat')] }] })));
    return { items: meeting.agenda.length, members: network.members.length, ms, bytes, baselineMs };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
