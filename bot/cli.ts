import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createServices, type Services } from '../services';
import { systemClock } from '../services/clock';
import { DomainError } from '../services/errors';
import { exportMeeting } from '../services/meetings';
import { minutesMarkdown } from '../services/minutes';
import { migrateStore } from '../services/migrate';
import { openStore } from '../services/store/open';
import { InvalidInputError } from '../services/validation';
import { ConfigError, loadConfig } from './config';
import { loadDotEnv } from './dotenv';

interface CliCommand {
  name: string;
  usage: string;
  run(args: string[], services: Services, out: (line: string) => void): Promise<void>;
}

function readJson(file: string | undefined): unknown {
  if (!file) throw new CliUsageError('a file name is required');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliUsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidInputError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
}

class CliUsageError extends Error {}

export const cliCommands: CliCommand[] = [
  {
    name: 'import-network',
    usage: 'import-network FILE',
    async run([file], services, out) {
      const { network, changed } = await services.networks.import(readJson(file));
      out(`${changed ? 'imported' : 'unchanged'} network ${network.id} (${network.members.length} members)`);
    },
  },
  {
    name: 'import-meeting',
    usage: 'import-meeting FILE',
    async run([file], services, out) {
      const { meeting, changed } = await services.meetings.import(readJson(file));
      out(`${changed ? 'imported' : 'unchanged'} meeting ${meeting.id} (${meeting.agenda.length} agenda items)`);
      // Its tasks get their nudges now; a running bot's scheduler would otherwise find them within minutes.
      const tasks = await services.deadlines.materialiseMeeting(meeting);
      if (tasks) out(`${tasks} task(s) with deadlines scheduled`);
    },
  },
  {
    name: 'export-meeting',
    usage: 'export-meeting ID',
    async run([id], services, out) {
      if (!id) throw new CliUsageError('a meeting id is required');
      out(JSON.stringify(exportMeeting(await services.meetings.find(id)), null, 2));
    },
  },
  {
    name: 'list-meetings',
    usage: 'list-meetings [NETWORK]',
    async run([networkId], services, out) {
      const networks = networkId ? [await services.networks.require(networkId)] : await services.networks.list();
      for (const network of networks) {
        for (const m of await services.meetings.list(network.id)) out(`${m.id}\t${m.start}\t${m.title}`);
      }
    },
  },
  {
    name: 'minutes',
    usage: 'minutes ID --out FILE [--format docx|md]   (md without --out prints to stdout)',
    async run(args, services, out) {
      let parsed;
      try {
        parsed = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, format: { type: 'string', default: 'docx' } } });
      } catch (e) {
        throw new CliUsageError((e as Error).message);
      }
      const { positionals: [id, ...extra], values } = parsed;
      if (!id || extra.length) throw new CliUsageError('exactly one meeting id is required');
      if (values.format !== 'docx' && values.format !== 'md') throw new CliUsageError(`unknown format ${values.format}: use docx or md`);
      if (values.format === 'docx' && !values.out) throw new CliUsageError('--out FILE is required for a .docx');
      // Approved minutes as they were approved; else the draft as it stands.
      const meeting = await services.meetings.find(id);
      const { draft } = await services.minutes.current(meeting);
      if (!values.out) return out(minutesMarkdown(draft).trimEnd());
      const body = values.format === 'docx' ? (await services.minutes.docx(meeting)).body : minutesMarkdown(draft);
      writeFileSync(values.out, body);
      out(`wrote ${values.out} (minutes of ${draft.meetingId}, ${Buffer.byteLength(body)} bytes)`);
    },
  },
];

/** `npm run cli -- <command>`: exit 0 on success, 1 on bad input (nothing written), 2 on bad usage. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [name, ...args] = argv;
  const command = cliCommands.find((c) => c.name === name);
  if (!command) {
    err(`usage: npm run cli -- <command>\n${cliCommands.map((c) => `  ${c.usage}`).join('\n')}`);
    return 2;
  }
  let services: Services | undefined;
  try {
    const config = loadConfig(env, () => randomBytes(32).toString('hex'));
    services = createServices(await openStore({ cosmos: config.cosmos, dataDir: config.dataDir }), systemClock);
    await migrateStore(services, { info: () => undefined, warn: (obj, msg) => err(`warning: ${msg} ${JSON.stringify(obj)}`) });
    await command.run(args, services, out);
    return 0;
  } catch (e) {
    if (e instanceof CliUsageError) {
      err(`${e.message}\nusage: npm run cli -- ${command.usage}`);
      return 2;
    }
    if (e instanceof InvalidInputError || e instanceof ConfigError || e instanceof DomainError) {
      err(e.message);
      return 1;
    }
    throw e;
  } finally {
    await services?.store.close();
  }
}

if (require.main === module) {
  loadDotEnv();
  runCli(process.argv.slice(2), process.env, (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
