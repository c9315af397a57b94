// Prometheus metrics at GET /metrics: requests by method, route and status, and their durations.
// Hand-rolled counters suffice for a handful of series; the route label is the declared path (never the
// raw URL), so order numbers and ids cannot blow up the series count.
import type { FastifyInstance } from "fastify";

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

const escapeLabel = (value: string) =>
  value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

export function registerMetrics(app: FastifyInstance): void {
  const requests = new Map<string, number>();
  const durations = new Map<string, Histogram>();
  const started = Date.now();

  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    const labels = `method="${request.method}",route="${escapeLabel(route)}"`;
    const withStatus = `${labels},status="${reply.statusCode}"`;
    requests.set(withStatus, (requests.get(withStatus) ?? 0) + 1);
    const seconds = reply.elapsedTime / 1000;
    let h = durations.get(labels);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      durations.set(labels, h);
    }
    BUCKETS.forEach((le, i) => {
      if (seconds <= le) h.counts[i] = (h.counts[i] ?? 0) + 1;
    });
    h.sum += seconds;
    h.count += 1;
  });

  app.get("/metrics", async (_request, reply) => {
    const out: string[] = [
      "# HELP aftercare_http_requests_total HTTP requests answered, by method, route and status.",
      "# TYPE aftercare_http_requests_total counter",
    ];
    for (const [labels, n] of requests) out.push(`aftercare_http_requests_total{${labels}} ${n}`);
    out.push(
      "# HELP aftercare_http_request_duration_seconds Time to answer HTTP requests.",
      "# TYPE aftercare_http_request_duration_seconds histogram",
    );
    for (const [labels, h] of durations) {
      BUCKETS.forEach((le, i) => {
        out.push(`aftercare_http_request_duration_seconds_bucket{${labels},le="${le}"} ${h.counts[i] ?? 0}`);
      });
      out.push(`aftercare_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      out.push(`aftercare_http_request_duration_seconds_sum{${labels}} ${h.sum}`);
      out.push(`aftercare_http_request_duration_seconds_count{${labels}} ${h.count}`);
    }
    out.push(
      "# HELP aftercare_process_uptime_seconds Seconds since the server started.",
      "# TYPE aftercare_process_uptime_seconds gauge",
      `aftercare_process_uptime_seconds ${(Date.now() - started) / 1000}`,
    );
    return reply.type("text/plain; version=0.0.4; charset=utf-8").send(`${out.join("\n")}\n`);
  });
}
