/**
 * What trusted documents cost per request, before Apollo parses anything: the admission of a
 * request by id, by a listed text as sent and spaced otherwise, of an unlisted text, and `log`
 * mode's check once the text is known; beside the nesting check every text request pays anyway. The manifest is the
 * example client's (Apollo's format), alone and with 10,000 more documents, to show that the cost
 * does not grow with the list. One process, no HTTP: the gateway's own TrustedDocuments.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { documentNestingError } from '../src/access/documentNesting';
import { TrustedDocuments } from '../src/access/trustedDocuments/trustedDocuments';
import type { DocumentRequest, DocumentSender, TrustedDocumentsMode } from '../src/access/trustedDocuments/trustedDocuments';
import { createLogger } from '../src/observability/logger';
import { GatewayMetrics } from '../src/observability/metrics';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const WARM_UP = REQUESTS / 10;
const MANIFEST = 'examples/client/generated/persisted-query-manifest.json';

interface ManifestOperation {
  id: string;
  name: string;
  type: string;
  body: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function microsecondsEach(work: (index: number) => unknown): number {
  for (let index = 0; index < WARM_UP; index += 1) work(index);
  const started = process.hrtime.bigint();
  for (let index = WARM_UP; index < WARM_UP + REQUESTS; index += 1) work(index);
  return Number(process.hrtime.bigint() - started) / 1e3 / REQUESTS;
}

/**
 * A copy of `text` per request, as each request's JSON body gives a string of its own: V8 caches
 * a string's hash, and a map lookup of the same string object again would cost nothing.
 */
function copiesOf(text: string): string[] {
  return Array.from({ length: WARM_UP + REQUESTS }, () => Buffer.from(text).toString());
}

async function measure(operations: ManifestOperation[], directory: string): Promise<string[]> {
  const file = path.join(directory, `manifest-${operations.length}.json`);
  await writeFile(file, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }));
  const logger = createLogger('silent');
  const metrics = new GatewayMetrics({ processMetrics: false });
  const load = (mode: TrustedDocumentsMode) => TrustedDocuments.load({ mode, sources: [file], refreshSeconds: 0 }, logger, metrics);
  const [log, safelist, require] = await Promise.all([load('log'), load('safelist'), load('require')]);
  const sender: DocumentSender = { operationName: 'ProjectPhotos', client: { name: 'bench' }, log: logger };
  const listed = operations.find((operation) => operation.name === 'ProjectPhotos')!;
  const unlistedBody = listed.body.replace('ProjectPhotos', 'UnlistedPhotos');
  const unlistedHash = sha256(unlistedBody);
  const asListed = copiesOf(listed.body);
  const respaced = copiesOf(`# the photo grid\n${listed.body.replace(/\n\s*/g, ' ')}`);
  const unlisted = copiesOf(unlistedBody);
  const ids = copiesOf(listed.id);
  const admit = (trusted: TrustedDocuments, request: (index: number) => DocumentRequest) => (index: number) => trusted.admit(request(index), sender);
  const cases: Array<[string, (index: number) => unknown]> = [
    // For scale: what every text request already costs before parsing, trusted documents or not.
    ['(every request: the nesting check of this text)', (index) => documentNestingError(asListed[index]!)],
    ['`require`, an id (`extensions.persistedQuery`)', admit(require, (index) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: ids[index] } } }))],
    ['`require`, an id (`documentId`)', admit(require, (index) => ({ documentId: ids[index] }))],
    ['`safelist`, a listed text as listed', admit(safelist, (index) => ({ query: asListed[index] }))],
    ['`safelist`, a listed text spaced and commented otherwise', admit(safelist, (index) => ({ query: respaced[index] }))],
    ['`safelist`, an unlisted text (refused)', admit(safelist, (index) => ({ query: unlisted[index] }))],
    ['`log`, a listed text (its hash looked up)', (index) => log.noteIfUntrusted(asListed[index]!, ids[index], sender)],
    ['`log`, an unlisted text (counted and logged)', (index) => log.noteIfUntrusted(unlisted[index]!, unlistedHash, sender)],
  ];
  const rows = cases.map(([name, work]) => `| ${name} | ${operations.length} | ${microsecondsEach(work).toFixed(2)} µs |`);
  await Promise.all([log.stop(), safelist.stop(), require.stop()]);
  return rows;
}

async function main(): Promise<void> {
  const example = (JSON.parse(await readFile(MANIFEST, 'utf8')) as { operations: ManifestOperation[] }).operations;
  const synthetic = Array.from({ length: 10_000 }, (_, index) => {
    const body = `query Synthetic${index}($id: ID!) { asset(key: $id) { id key contentUrl __typename } }`;
    return { id: sha256(body), name: `Synthetic${index}`, type: 'query', body };
  });
  const directory = await mkdtemp(path.join(tmpdir(), 'bench-trusted-'));
  try {
    console.log(`Trusted documents per request (${REQUESTS} requests each, one process; the ${example.length}-operation example manifest, then with 10,000 more):\n`);
    console.log('| request | documents listed | cost |');
    console.log('| --- | --- | --- |');
    for (const operations of [example, [...example, ...synthetic]]) for (const row of await measure(operations, directory)) console.log(row);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
