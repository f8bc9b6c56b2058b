import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type Tracer,
} from "@opentelemetry/api";
import { createRequire } from "node:module";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-node";

// Traces follow one piece of work from the HTTP request through the outbox and the queue to the
// worker. Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (or a test passes an exporter): then the
// API's tracer is a no-op and costs nothing.

export type TTracing = { shutdown(): Promise<void> };

let provider: NodeTracerProvider | null = null;

/**
 * Registers the process-wide tracer provider once. `exporter` is for tests (an in-memory exporter);
 * otherwise spans go over OTLP/HTTP to `endpoint` in batches.
 */
export function startTracing(service: string, o: { endpoint?: string; exporter?: SpanExporter }): TTracing {
  if (provider || (!o.endpoint && !o.exporter)) return { shutdown: () => Promise.resolve() };
  const spanProcessor = o.exporter
    ? new SimpleSpanProcessor(o.exporter)
    : new BatchSpanProcessor(otlpExporter(`${o.endpoint!.replace(/\/$/, "")}/v1/traces`));
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": service }),
    spanProcessors: [spanProcessor],
  });
  provider.register(); // global provider, AsyncLocalStorage context manager, W3C propagation
  const registered = provider;
  return {
    async shutdown() {
      await registered.shutdown();
    },
  };
}

// Loaded only when exporting, and as CommonJS: the package's ESM build uses extensionless imports
// that some loaders (vitest's) cannot resolve.
function otlpExporter(url: string): SpanExporter {
  const require = createRequire(import.meta.url);
  const { OTLPTraceExporter } = require("@opentelemetry/exporter-trace-otlp-http") as {
    OTLPTraceExporter: new (o: { url: string }) => SpanExporter;
  };
  return new OTLPTraceExporter({ url });
}

export const tracer = (): Tracer => trace.getTracer("truecopy");

/** The W3C `traceparent` of the active span, to hand work on to another process; null when not tracing. */
export function currentTraceparent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** A context whose parent is the given `traceparent` (from a request header or a job). */
export function contextFrom(traceparent: string | null | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/** Runs `fn` in a new active span; the span records an exception and ends when `fn` settles. */
export async function inSpan<T>(
  name: string,
  o: { parent?: Context; kind?: SpanKind; attributes?: Record<string, string | number | boolean> },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { kind: o.kind ?? SpanKind.INTERNAL, attributes: o.attributes },
    o.parent ?? context.active(),
    async (span) => {
      try {
        return await fn(span);
      } catch (e) {
        span.recordException(e as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
        throw e;
      } finally {
        span.end();
      }
    },
  );
}

/** Runs `fn` with `span` as the active span (what later spans and `currentTraceparent` see). */
export function runInSpan<T>(span: Span, fn: () => T): T {
  return context.with(trace.setSpan(context.active(), span), fn);
}

export { SpanKind };
// Tests collect spans in memory.
export { InMemorySpanExporter } from "@opentelemetry/sdk-trace-node";
