import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/unit-token.guard.js';
import type { Response } from 'express';
import { HealthRegistry } from './health-registry.js';
import { SERVICE_NAME } from '../service-name.js';

@Public()
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthRegistry) private readonly registry: HealthRegistry,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  /** 200 when every registered dependency is up, else 503; no token needed. */
  @Get()
  async health(@Res() res: Response): Promise<void> {
    const result = await this.registry.run();
    res.status(result.status === 'ok' ? 200 : 503).json({ service: this.service, ...result });
  }
}
