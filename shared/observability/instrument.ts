import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';

export interface HandlerInstruments {
  logger: Logger;
  /** Only for functions that publish custom metrics (the API relies on API Gateway's and Lambda's own). */
  metrics?: Metrics;
  /** Only for functions that bundle the X-Ray SDK (see `tracer.ts`). */
  tracer?: Tracer;
}

/**
 * Wraps a handler the way Powertools' middy middlewares would (middy is not a dependency): the Lambda
 * context on every log line, a `## handler` X-Ray subsegment annotated with cold start and service, and the
 * stored metrics flushed once per invocation, also when the handler throws. The handler's result is never
 * attached to the trace, unlike Powertools' default: it carries member data. A thrown error is, as metadata.
 */
export function instrumentHandler<TEvent, TResult>(
  { logger, metrics, tracer }: HandlerInstruments,
  handler: (event: TEvent) => Promise<TResult>,
): (event: TEvent, context?: Context) => Promise<TResult> {
  return async (event, context) => {
    if (context) logger.addContext(context);
    const activeTracer = tracer?.isTracingEnabled() ? tracer : undefined;
    const parent = activeTracer?.getSegment();
    const subsegment = parent?.addNewSubsegment('## handler');
    if (activeTracer && subsegment) {
      activeTracer.setSegment(subsegment);
      activeTracer.annotateColdStart();
      activeTracer.addServiceNameAnnotation();
    }
    try {
      return await handler(event);
    } catch (error) {
      if (subsegment) activeTracer?.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      // Without this check Powertools warns "No application metrics to publish" on every quiet invocation.
      if (metrics?.hasStoredMetrics()) metrics.publishStoredMetrics();
      if (activeTracer && parent && subsegment) {
        subsegment.close();
        activeTracer.setSegment(parent);
      }
    }
  };
}
