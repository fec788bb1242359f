import { Controller, Get, Headers, Inject, Query, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { QueryReader } from '@simpul/http';
import type { Response } from 'express';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { AlertChanges } from './alert-changes.service.js';
import { AlertStream, LATEST_ALERTS } from './alert-stream.js';
import { MAX_ALERT_CURSOR } from './stream-alerts.rules.js';

@ApiTags('alerts')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/alerts')
export class StreamAlertsHttpController {
  constructor(@Inject(AlertChanges) private readonly changes: AlertChanges) {}

  @Get('stream')
  @ApiOperation({
    summary: 'Alerts as server-sent events: every alert changed after the cursor, then live ones',
    description:
      'One `event: alert` per alert raised or acknowledged, `data` its view as GET /v1/alerts answers it, ' +
      '`id` its cursor (change order across every ministry instance). Reconnecting with Last-Event-ID ' +
      `(or ?after=) resumes after it; without a cursor the stream starts with the latest ${LATEST_ALERTS}. ` +
      'A comment line every 15 s keeps it open.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The `id` of the last event received; wins over `after`',
  })
  @ApiQuery({ name: 'after', required: false, description: 'A cursor (an event `id`): start after it' })
  @ApiResponse({ status: 200, description: 'text/event-stream of `event: alert`' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED naming Last-Event-ID or after' })
  @ApiResponse({ status: 403, description: 'AUTH.WRONG_UNIT for any token but the ministry desk’s' })
  stream(
    @Query() query: Record<string, unknown>,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: Response,
  ): void {
    const reader = new QueryReader({ 'Last-Event-ID': lastEventId, after: query.after });
    const fromHeader = reader.int('Last-Event-ID', 0, MAX_ALERT_CURSOR);
    const fromQuery = reader.int('after', 0, MAX_ALERT_CURSOR);
    reader.done();
    const cursor = fromHeader ?? fromQuery;

    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Reverse proxies (nginx) would otherwise buffer the events.
      'x-accel-buffering': 'no',
    });
    res.socket?.setNoDelay(true);
    res.flushHeaders();
    // Following from before the first read: a change committed meanwhile wakes it again.
    new AlertStream(res, this.changes, cursor === undefined ? undefined : String(cursor)).wake();
  }
}
