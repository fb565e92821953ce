import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Operation names come from clients: past this many distinct ones, the rest count as `other`. */
const MAX_OPERATION_NAMES = 200;
/** So do client names and versions: past this many distinct pairs, the rest count as `other`. */
const MAX_CLIENTS = 50;

/**
 * The gateway's Prometheus series, in a registry of its own (not prom-client's global one), so
 * several gateways in one process keep separate counts. Names and labels: docs/observability.md.
 */
export class GatewayMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Histogram({
    name: 'mediagraph_http_request_duration_seconds',
    help: 'HTTP requests served, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly operations = new Histogram({
    name: 'mediagraph_graphql_operation_duration_seconds',
    help: 'GraphQL operations, by operation name, type and outcome (success, partial, error).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly clientOperations = new Counter({
    name: 'mediagraph_graphql_client_operations_total',
    help: 'GraphQL operations over HTTP, by the client name and version its apollographql-client-* headers give, operation name and outcome.',
    labelNames: ['client', 'client_version', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly operationErrors = new Counter({
    name: 'mediagraph_graphql_errors_total',
    help: 'GraphQL errors answered, by operation name and extensions.code.',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  readonly executions = new Counter({
    name: 'mediagraph_graphql_executions_total',
    help: 'HTTP operations run with GRAPHQL_EXECUTOR=jit, by what ran them: jit, or graphql-js (a document jit cannot compile, refused variables).',
    labelNames: ['executor'] as const,
    registers: [this.registry],
  });

  readonly jitDocuments = new Gauge({
    name: 'mediagraph_graphql_jit_documents',
    help: 'Documents the jit executor holds compiled (or marked for graphql-js), at most GRAPHQL_JIT_CACHE_SIZE.',
    registers: [this.registry],
  });

  readonly untrustedDocuments = new Counter({
    name: 'mediagraph_graphql_untrusted_documents_total',
    help: 'Operations run in PERSISTED_DOCUMENTS_MODE=log whose document is in no trusted documents manifest, by operation name and client name.',
    labelNames: ['operation', 'client'] as const,
    registers: [this.registry],
  });

  readonly trustedDocumentRefusals = new Counter({
    name: 'mediagraph_graphql_trusted_document_refusals_total',
    help: 'Requests refused for their document (PERSISTED_DOCUMENTS_MODE safelist or require, an unknown id), by extensions.code and client name.',
    labelNames: ['code', 'client'] as const,
    registers: [this.registry],
  });

  readonly trustedDocuments = new Gauge({
    name: 'mediagraph_trusted_documents',
    help: 'Documents the PERSISTED_DOCUMENTS manifests list now.',
    registers: [this.registry],
  });

  readonly trustedDocumentRefreshes = new Counter({
    name: 'mediagraph_trusted_document_refreshes_total',
    help: 'Periodic reads of the PERSISTED_DOCUMENTS manifests, by outcome: updated, unchanged, failed (the last good list stays).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly operationUpstreamCalls = new Histogram({
    name: 'mediagraph_graphql_operation_upstream_calls',
    help: 'Vendor calls one GraphQL operation made (retries included), by operation name and vendor (`total` for all).',
    labelNames: ['operation', 'vendor'] as const,
    buckets: [0, 1, 2, 3, 5, 10, 25, 50, 100],
    registers: [this.registry],
  });

  readonly vendorCalls = new Histogram({
    name: 'mediagraph_upstream_request_duration_seconds',
    help: 'Vendor requests sent (each retry counts), by vendor, method, route template and status, until the answer headers.',
    labelNames: ['vendor', 'method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly loaderBatches = new Histogram({
    name: 'mediagraph_dataloader_batch_size',
    help: 'Keys per DataLoader batch, by loader.',
    labelNames: ['loader'] as const,
    buckets: [1, 2, 5, 10, 25, 50, 100, 250],
    registers: [this.registry],
  });

  readonly circuitState = new Gauge({
    name: 'mediagraph_upstream_circuit_state',
    help: "Each vendor's circuit breaker: 0 closed, 1 open, 2 half-open, 3 isolated.",
    labelNames: ['vendor'] as const,
    registers: [this.registry],
  });

  readonly assetImports = new Counter({
    name: 'mediagraph_asset_imports_total',
    help: 'Asset imports ended, by source kind (photo, material, downloadOrder) and outcome (succeeded, failed, cancelled).',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly assetImportBytes = new Counter({
    name: 'mediagraph_asset_import_bytes_total',
    help: 'Bytes asset imports moved from a vendor to the asset store, by source kind.',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  readonly assetImportsRunning = new Gauge({
    name: 'mediagraph_asset_imports_running',
    help: 'Asset imports transferring now in this process (at most IMPORT_MAX_RUNNING).',
    registers: [this.registry],
  });

  private readonly operationNames = new Set<string>();
  private readonly clients = new Set<string>();

  constructor(options: { processMetrics: boolean }) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** The `operation` label for a name: bounded, so a client cannot grow the series without end. */
  operationLabel(name: string): string {
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** The `client` and `client_version` labels: `unknown` when not sent, bounded like operation names. */
  clientLabels(name: string | undefined, version: string | undefined): { client: string; client_version: string } {
    const labels = { client: name ?? 'unknown', client_version: version ?? 'unknown' };
    const key = `${labels.client}\n${labels.client_version}`;
    if (this.clients.has(key)) return labels;
    if (this.clients.size >= MAX_CLIENTS) return { client: 'other', client_version: 'other' };
    this.clients.add(key);
    return labels;
  }
}
