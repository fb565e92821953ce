/**
 * The load generator, in its own process so it does not share an event loop with anything it
 * measures: runs autocannon on request over IPC and reports what the benchmark needs.
 */
import autocannon from 'autocannon';
import { reportReady } from './ipc';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadRun {
  url: string;
  requests: LoadRequest[];
  connections: number;
  /** Seconds; or a fixed number of requests when `amount` is given. */
  seconds: number;
  amount?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  requests: number;
  /** Transport errors, timeouts, non-2xx answers and GraphQL answers with `errors`. */
  failures: number;
}

async function run(load: LoadRun): Promise<LoadResult> {
  let graphqlErrors = 0;
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    duration: load.seconds,
    amount: load.amount,
    timeout: 30,
    // Each connection walks the steps in order, then starts over.
    requests: load.requests.map((request) => ({
      ...request,
      onResponse: (_status: number, body: string) => {
        if (body.includes('"errors":')) graphqlErrors += 1;
      },
    })),
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx + graphqlErrors,
  };
}

process.on('message', (load: LoadRun) => {
  run(load).then(
    (result) => process.send!({ type: 'result', result }),
    (error: Error) => process.send!({ type: 'error', message: error.message }),
  );
});
reportReady({});
