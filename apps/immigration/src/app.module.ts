import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  BusHealthService,
  BusModule,
  busClientOptions,
  databaseSessionLimits,
  type BusLogger,
} from '@simpul/bus';
import { checkpointSource } from '@simpul/contracts';
import { DatabaseHealthCheck, HttpEdgeModule, TokenRegistry, unitNamesFromFile } from '@simpul/http';
import { ImmigrationConfig, servedCheckpoints } from './config/immigration.config.js';
import { immigrationDataSourceOptions } from './database/data-source-options.js';
import { DelaysModule } from './delays/delays.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { ScreeningModule } from './screening/screening.module.js';
import { Clock } from './deployment/clock.js';
import { ServedCheckpoints } from './deployment/served-checkpoints.js';
import { SiteLinkStatusService } from './deployment/site-link-status.js';
import { WatchlistModule } from './watchlist/watchlist.module.js';

/** Config, clock and served checkpoints, for every module. */
@Global()
@Module({})
class ImmigrationCoreModule {
  static forConfig(config: ImmigrationConfig): DynamicModule {
    return {
      module: ImmigrationCoreModule,
      providers: [
        { provide: ImmigrationConfig, useValue: config },
        { provide: ServedCheckpoints, useValue: new ServedCheckpoints(servedCheckpoints(config)) },
        Clock,
        SiteLinkStatusService,
      ],
      exports: [ImmigrationConfig, ServedCheckpoints, Clock, SiteLinkStatusService],
    };
  }
}

/** The immigration service (checkpoints): watchlist replica, screening, departure delays. */
@Module({})
export class AppModule {
  /** `options.busLogger`: where the bus logs (default the console; tests pass a silent one). */
  static forRoot(config: ImmigrationConfig, options: { busLogger?: BusLogger } = {}): DynamicModule {
    const site = config.IMMIGRATION_SITE;
    return {
      module: AppModule,
      imports: [
        ImmigrationCoreModule.forConfig(config),
        HttpEdgeModule.forService('immigration', {
          tokens: TokenRegistry.fromFile(config.TOKEN_HASHES_FILE),
          // Display names of GET /v1/me only: without the file, units are named by their ids.
          ...(config.REFERENCE_UNITS_FILE
            ? { unitNames: unitNamesFromFile(config.REFERENCE_UNITS_FILE) }
            : {}),
          healthChecks: [DatabaseHealthCheck, BusHealthService],
        }),
        TypeOrmModule.forRoot(
          immigrationDataSourceOptions(config.IMMIGRATION_DATABASE_URL, databaseSessionLimits(config)),
        ),
        BusModule.forRoot({
          service: 'immigration',
          ...busClientOptions(config),
          keys: {
            devDirectory: config.SIMPUL_KEYS_DIR,
            units: servedCheckpoints(config).map((code) => ({
              unit: `checkpoint:${code}`,
              source: checkpointSource(code),
            })),
          },
          sites: [site],
          ...(options.busLogger ? { logger: options.busLogger } : {}),
        }),
        WatchlistModule.forSite(site),
        DelaysModule.forSite(site),
        ScreeningModule,
        RetentionModule,
      ],
    };
  }
}
