import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/unit-token.guard.js';
import { register } from 'prom-client';

@Public()
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  /** Prometheus text exposition of every metric in the process's default registry; no token needed. */
  @Get()
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
