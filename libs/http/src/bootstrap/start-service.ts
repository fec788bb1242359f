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
 * SIGTERM/SIGINT (Nest closes modules, which drain NATS and close the database pool).
 */
export async function startService(rootModule: unknown, options: ServiceOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule as never, { bodyParser: false });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  collectDefaultMetrics({ prefix: `simpul_${options.name}_` });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  await app.listen(options.port, options.host);
  new Logger(options.name).log(`listening on http://${options.host}:${options.port}`);
  return app;
}
