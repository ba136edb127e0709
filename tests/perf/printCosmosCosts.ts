/**
 * Prints what each operation costs on Cosmos DB, in requests by kind, at every size measured
 * (tests/perf/cosmosCosts.ts): `npx tsx tests/perf/printCosmosCosts.ts [operation ...]`.
 */
import { measureCosmosCosts, OPERATIONS, sizeLabel, type Operation } from './cosmosCosts';

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !(OPERATIONS as readonly string[]).includes(a));
  if (unknown.length) throw new Error(`unknown operation ${unknown.join(', ')}; one of: ${OPERATIONS.join(', ')}`);
  const rows = await measureCosmosCosts(asked.length ? (asked as Operation[]) : OPERATIONS);
  console.log('| operation | world | requests | point reads | queries | query plans | writes | metadata |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const { operation, size, counts: c } of rows) {
    console.log(`| ${operation} | ${sizeLabel(size)} | ${c.total} | ${c.pointRead} | ${c.query} | ${c.queryPlan} | ${c.write} | ${c.metadata} |`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
