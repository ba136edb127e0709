/**
 * `npm run package [-- <out.zip>]`: writes the Teams app package (default appPackage.zip in
 * the repository root) for the deployment named by the environment:
 *   MicrosoftAppId=<bot app id> PUBLIC_URL=https://<host> npm run package
 * Upload the zip in the Teams admin center (Manage apps → Upload) or sideload it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { version } from '../package.json';
import { buildAppPackage, PackageConfigError, SCOPES, targetFromEnv } from './build';

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? join(__dirname, '..', 'appPackage.zip'));
  const { zip, built } = await buildAppPackage(targetFromEnv(process.env, version));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  process.stdout.write(`wrote ${out} (${zip.length} bytes, version ${version})\n`);
  for (const scope of SCOPES) {
    const leftOut = built.leftOut[scope];
    if (leftOut.length) process.stdout.write(`note: the ${scope} command list holds at most 10 commands; left out: ${leftOut.join(', ')}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof PackageConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
