import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BusHealthService, BusModule, busClientOptions, databaseSessionLimits } from '@simpul/bus';
import { MINISTRY_SOURCE } from '@simpul/contracts';
import {
  DatabaseHealthCheck,
  HttpEdgeModule,
  IdempotencyModule,
  TokenRegistry,
  unitNamesFromFile,
} from '@simpul/http';
import { AlertsModule } from './alerts/alerts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { CasesModule } from './cases/cases.module.js';
import { CompaniesModule } from './companies/companies.module.js';
import { DispatchesModule } from './dispatches/dispatches.module.js';
import { MinistryConfigModule } from './config/ministry-config.module.js';
import type { MinistryConfig } from './config/ministry.config.js';
import { ministryDataSourceOptions } from './database/data-source-options.js';
import { IdentitiesModule } from './identities/identities.module.js';
import { PatrolModule } from './patrol/patrol.module.js';
import { ReactionsModule } from './reactions/reactions.module.js';
import { ReferralsModule } from './referrals/referrals.module.js';
import { StatsModule } from './stats/stats.module.js';
import { WatchlistModule } from './watchlist/watchlist.module.js';

/** The ministry service (KP2MI): consumes police.> and immigration.>, publishes ministry.* (docs/contract.md §1). */
@Module({})
export class AppModule {
  static forRoot(config: MinistryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MinistryConfigModule.forRoot(config),
        AuditModule,
        HttpEdgeModule.forService('ministry', {
          tokens: TokenRegistry.fromFile(config.TOKEN_HASHES_FILE),
          unitNames: unitNamesFromFile(config.REFERENCE_UNITS_FILE),
          healthChecks: [BusHealthService, DatabaseHealthCheck],
        }),
        TypeOrmModule.forRoot(
          ministryDataSourceOptions(config.MINISTRY_DATABASE_URL, databaseSessionLimits(config)),
        ),
        BusModule.forRoot({
          service: 'ministry',
          ...busClientOptions(config),
          keys: {
            devDirectory: config.SIMPUL_KEYS_DIR,
            units: [{ unit: 'ministry:service', source: MINISTRY_SOURCE }],
          },
        }),
        // The desk's POST routes: Idempotency-Key results, pruned after the configured days.
        IdempotencyModule.forRoot({ retentionDays: config.MINISTRY_IDEMPOTENCY_RETENTION_DAYS }),
        IdentitiesModule,
        CasesModule,
        AlertsModule,
        DispatchesModule,
        WatchlistModule,
        CompaniesModule,
        StatsModule,
        PatrolModule,
        ReferralsModule,
        ReactionsModule,
      ],
    };
  }
}
