import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO } from '../src/simulators/acc/seed';
import { MATERIALS_DEMO } from '../src/simulators/materials/seed';
import { startGatewayProcess } from './helpers/gatewayProcess';
import { bearer, postGraphQL, startStack } from './helpers/stack';

const ACC_SECRET = 'acc-trace-secret-0c7d19';
const CLIENT_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN_ID = '00f067aa0ba902b7';

// OTLP's enums, as its JSON encoding carries them.
const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;
const STATUS_ERROR = 2;

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  arrayValue?: { values: OtlpValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: OtlpValue }>;
  status: { code?: number; message?: string };
}
interface OtlpExport {
  resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: OtlpValue }> }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
}

function valueOf(value: OtlpValue | undefined): unknown {
  if (value?.arrayValue) return value.arrayValue.values.map(valueOf);
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
}

function attributes(span: { attributes: Array<{ key: string; value: OtlpValue }> }): Record<string, unknown> {
  return Object.fromEntries(span.attributes.map(({ key, value }) => [key, valueOf(value)]));
}

/** A minimal OTLP/HTTP receiver on loopback: keeps what the gateway's exporter posts. */
async function startOtlpReceiver() {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') bodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    exports: () => bodies.map((body) => JSON.parse(body) as OtlpExport),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('tracing (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  it('exports a server span per operation, continuing the caller’s trace, with a client span per vendor call', async () => {
    const receiver = await startOtlpReceiver();
    /** What no exported span may carry: the callers' tokens, the vendor's, and what the query named. */
    const secrets = [ACC_SECRET, MATERIALS_DEMO.token, DEMO.projectIds[0]!, MATERIALS_DEMO.orderId];
    try {
      const stack = await startStack({ acc: { tokens: [ACC_SECRET] } });
      secrets.push(stack.tokens.full);
      try {
        // The OTLP exporter loads its HTTP client by dynamic import, which Jest's module sandbox
        // refuses: the traced gateway runs as its own process, as `npm start` runs it.
        const gateway = await startGatewayProcess({
          ...stack.env,
          LOG_LEVEL: 'info',
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_SERVICE_NAME: 'mediagraph-under-test',
        });
        try {
          const graphql = (query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
            postGraphQL(gateway.url, { query, variables }, { ...bearer(stack.tokens.full), 'x-acc-token': ACC_SECRET, ...headers });
          const traced = `query Traced($p: ID!, $o: ID!, $a: ID!) {
            project(id: $p) { photos(first: 2) { nodes { photoId } } }
            order(id: $o) { assignment(id: $a) { materials(productType: VIDEO) { totalCount } } }
          }`;
          const variables = { p: DEMO.projectIds[0], o: MATERIALS_DEMO.orderId, a: MATERIALS_DEMO.assignmentId };
          const ok = await graphql(traced, variables, { traceparent: `00-${CLIENT_TRACE_ID}-${CLIENT_SPAN_ID}-01` });
          expect(ok.body.errors).toBeUndefined();
          stack.acc.faults.inject({ kind: 'rateLimited', retryAfterSeconds: 3 });
          const limited = await graphql(`query Limited($p: ID!) { project(id: $p) { photos(first: 2) { nodes { photoId } } } }`, { p: DEMO.projectIds[0] }, {});
          expect(limited.body.errors![0]!.extensions!.code).toBe('UPSTREAM_RATE_LIMITED');
        } finally {
          // A drained stop sends the spans still buffered.
          expect(await gateway.stop()).toBe(0);
        }
      } finally {
        await stack.close();
      }

      const exported = receiver.exports();
      expect(exported.length).toBeGreaterThan(0);
      const resource = attributes(exported[0]!.resourceSpans[0]!.resource);
      expect(resource['service.name']).toBe('mediagraph-under-test');
      const spans = exported.flatMap((batch) => batch.resourceSpans.flatMap((resourceSpans) => resourceSpans.scopeSpans.flatMap((scope) => scope.spans)));

      const operation = spans.find((span) => span.name === 'query Traced')!;
      expect(operation).toMatchObject({ kind: SPAN_KIND_SERVER, traceId: CLIENT_TRACE_ID, parentSpanId: CLIENT_SPAN_ID });
      expect(attributes(operation)).toMatchObject({ 'graphql.operation.name': 'Traced', 'graphql.operation.type': 'query', 'mediagraph.request_id': expect.any(String) });
      const vendorCalls = spans.filter((span) => span.parentSpanId === operation.spanId);
      expect(vendorCalls.map((span) => span.name).sort()).toEqual([
        'GET /orders/{id}/assignments/{id}/materials',
        'POST /construction/photos/v1/projects/{id}/photos:filter',
      ]);
      for (const span of vendorCalls) {
        expect(span).toMatchObject({ kind: SPAN_KIND_CLIENT, traceId: CLIENT_TRACE_ID });
        expect(attributes(span)).toMatchObject({ 'http.response.status_code': 200, 'server.address': '127.0.0.1', 'url.template': span.name.split(' ')[1] });
      }

      const failed = spans.find((span) => span.name === 'query Limited')!;
      expect(failed.traceId).not.toBe(CLIENT_TRACE_ID);
      expect(failed.status).toMatchObject({ code: STATUS_ERROR, message: 'UPSTREAM_RATE_LIMITED' });
      const refused = spans.find((span) => span.parentSpanId === failed.spanId)!;
      expect(refused.status.code).toBe(STATUS_ERROR);
      expect(attributes(refused)).toMatchObject({ 'http.response.status_code': 429, 'error.type': '429', 'mediagraph.vendor': 'acc' });

      const everything = receiver.bodies.join('\n');
      for (const secret of secrets) expect(everything).not.toContain(secret);
    } finally {
      await receiver.close();
    }
  });
});
