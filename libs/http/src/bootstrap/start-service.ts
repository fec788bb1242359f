import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { collectDefaultMetrics } from 'prom-client';
import { ApiExceptionFilter } from '../errors/api-exception.filter.js';

export interface ServiceOptions {
  /** Short name: `police`, `ministry`, `immigration`. */
  name: string;
  /** Title of the OpenAPI document served at /docs. */
  title: string;
  host: string;
  port: number;
}

/** Largest accepted JSON body: an event is at most 256 KiB, plus room for the HTTP wrapper. */
const BODY_LIMIT = '300kb';

/**
 * Creates, configures and starts one service: JSON errors, OpenAPI at /docs, graceful shutdown on
 * SIGTERM/SIGINT.
 */
export async function startService(rootModule: unknown, options: ServiceOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule as never, { bodyParser: false });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useGlobalFilters(new ApiExceptionFilter());
  collectDefaultMetrics({ prefix: `simpul_${options.name}_` });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  await app.listen(options.port, options.host);
  const logger = new Logger(options.name);
  logger.log(`listening on http://${options.host}:${options.port}`);
  stopOnSignals(app, logger);
  return app;
}

/** Longest a graceful stop may take before the process exits anyway (launchers allow 10 s). */
const SHUTDOWN_GRACE_MS = 8000;

/**
 * On SIGTERM or SIGINT: stop accepting requests, let Nest close every module (drain NATS, finish
 * the outbox relay's batch, close the database pool), then exit 0; exit 1 if that takes too long.
 * Nest's own shutdown hooks re-raise the signal, which makes a clean stop look like a crash.
 */
function stopOnSignals(app: INestApplication, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      logger.error(`shutdown took longer than ${SHUTDOWN_GRACE_MS} ms: exiting`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? error.name : 'error'}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
