/** A fixed load on one endpoint with autocannon: N connections, each sending its next request as soon as the last is answered. */
import autocannon from 'autocannon';

export interface LoadResult {
  /** Mean of the per-second request counts. */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Connection errors and timeouts, and answers that were not 2xx. */
  errors: number;
  non2xx: number;
  /** CPU time of the server process per request answered, ms (all its threads). */
  cpuMsPerRequest?: number;
  /** The same of the store's process (the Cosmos emulator, on the same cores), where there is one. */
  storeCpuMsPerRequest?: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  /** The request body; a function is called for each request (e.g. to vary the voter). */
  body: string | (() => string);
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const { body } = options;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(typeof body === 'string' ? { body } : { requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, body: body() }) }] }),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
