import client from 'prom-client';

export interface QueueCounts {
  readonly analyse: () => Promise<Record<string, number>>;
  readonly aggregate: () => Promise<Record<string, number>>;
}

/**
 * Prometheus metrics of the server process (prom-client, only here): HTTP latencies by route, queue depths
 * read at scrape time, jobs done and failed, per-stage durations of analysed photos, and Node's defaults
 * (memory, event-loop lag).
 */
export class ServiceMetrics {
  readonly registry = new client.Registry();
  private readonly http = new client.Histogram({
    name: 'outfall_http_request_duration_seconds', help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status'] as const, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10], registers: [this.registry],
  });
  private readonly jobs = new client.Counter({
    name: 'outfall_jobs_total', help: 'Analyse jobs recorded by outcome', labelNames: ['outcome'] as const, registers: [this.registry],
  });
  private readonly stages = new client.Histogram({
    name: 'outfall_stage_duration_seconds', help: 'Time per analysis stage of each photo',
    labelNames: ['stage'] as const, buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30], registers: [this.registry],
  });
  private readonly uploads = new client.Counter({
    name: 'outfall_upload_bytes_total', help: 'Bytes of photos accepted', registers: [this.registry],
  });

  constructor(queues: QueueCounts) {
    client.collectDefaultMetrics({ register: this.registry, prefix: 'outfall_' });
    const registry = this.registry;
    new client.Gauge({
      name: 'outfall_queue_jobs', help: 'Jobs in each queue by state', labelNames: ['queue', 'state'] as const, registers: [registry],
      async collect() {
        for (const [queue, counts] of [['analyse', queues.analyse], ['aggregate', queues.aggregate]] as const) {
          try {
            for (const [state, n] of Object.entries(await counts())) this.set({ queue, state }, n);
          } catch {
            // Redis away: leave the last values; /readyz says what is wrong.
          }
        }
      },
    });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.http.observe({ method, route, status: String(status) }, seconds);
  }

  jobFinished(outcome: 'completed' | 'failed', timings?: { decode: number; inference: number; total: number }): void {
    this.jobs.inc({ outcome });
    if (timings) for (const [stage, ms] of Object.entries(timings)) this.stages.observe({ stage }, ms / 1000);
  }

  uploaded(bytes: number): void {
    this.uploads.inc(bytes);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
