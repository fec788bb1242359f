import { Module, type DynamicModule } from '@nestjs/common';
import { DelaysService } from './delays.service.js';
import { recordDelayWhenDepartureDelayed } from './reactions/record-delay-when-departure-delayed.handler.js';

/** Bounded context: departure delays (penundaan keberangkatan) here and at other checkpoints. */
@Module({})
export class DelaysModule {
  static forSite(site: string): DynamicModule {
    return {
      module: DelaysModule,
      global: true,
      providers: [DelaysService, recordDelayWhenDepartureDelayed(`immigration-${site}-delays`)],
      exports: [DelaysService],
    };
  }
}
