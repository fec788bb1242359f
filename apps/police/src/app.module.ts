import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  BusHealthService,
  BusModule,
  busClientOptions,
  databaseSessionLimits,
  type BusModuleOptions,
} from '@simpul/bus';
import { DatabaseHealthCheck, HttpEdgeModule, TokenRegistry, unitNamesFromFile } from '@simpul/http';
import { ArrestsModule } from './arrests/arrests.module.js';
import {
  leadsDurableOf,
  matchesDurableOf,
  PoliceConfig,
  policeDeploymentCode,
} from './config/police.config.js';
import { PoliceUnits } from './config/police-units.js';
import { loadServedPoldas } from './config/served-poldas.js';
import { policeDataSourceOptions } from './database/data-source-options.js';
import { InterceptionsModule } from './interceptions/interceptions.module.js';
import { LeadsModule } from './leads/leads.module.js';
import { MatchesModule } from './matches/matches.module.js';

/** Bus settings a test may tune (a quiet logger, a short relay poll); production uses the defaults. */
export type PoliceBusTuning = Partial<Pick<BusModuleOptions, 'logger' | 'relay' | 'consumers' | 'topology'>>;

/** Shares the configuration and the Polda this deployment serves with every module. */
@Module({})
class PoliceConfigModule {
  static forRoot(config: PoliceConfig, units: PoliceUnits): DynamicModule {
    return {
      module: PoliceConfigModule,
      global: true,
      providers: [
        { provide: PoliceConfig, useValue: config },
        { provide: PoliceUnits, useValue: units },
      ],
      exports: [PoliceConfig, PoliceUnits],
    };
  }
}

/**
 * The police service (Polda gateway): HTTP edge with unit tokens, its own database, and the bus
 * signing with the key of each Polda it serves (`POLICE_UNITS`, default every reference Polda) and
 * reading checkpoint matches and the patrol's leads from the durables of this deployment
 * (`POLICE_DEPLOYMENT`).
 */
@Module({})
export class AppModule {
  static forRoot(config: PoliceConfig, tuning: PoliceBusTuning = {}): DynamicModule {
    const units = new PoliceUnits(loadServedPoldas(config.POLICE_UNITS, config.REFERENCE_UNITS_FILE));
    return {
      module: AppModule,
      imports: [
        HttpEdgeModule.forService('police', {
          tokens: TokenRegistry.fromFile(config.TOKEN_HASHES_FILE),
          unitNames: unitNamesFromFile(config.REFERENCE_UNITS_FILE),
          healthChecks: [DatabaseHealthCheck, BusHealthService],
        }),
        TypeOrmModule.forRoot(
          policeDataSourceOptions(config.POLICE_DATABASE_URL, databaseSessionLimits(config)),
        ),
        BusModule.forRoot({
          ...tuning,
          // This deployment's own matches consumer (police-<code>-matches) is the one it runs.
          topology: {
            ...tuning.topology,
            policeDeployments: [policeDeploymentCode(config.POLICE_DEPLOYMENT)],
          },
          service: 'police',
          ...busClientOptions(config),
          keys: {
            devDirectory: config.SIMPUL_KEYS_DIR,
            units: units.served.map((unit) => ({ unit: unit.id, source: unit.source })),
          },
        }),
        PoliceConfigModule.forRoot(config, units),
        ArrestsModule,
        InterceptionsModule,
        MatchesModule.forDeployment(matchesDurableOf(config.POLICE_DEPLOYMENT)),
        LeadsModule.forDeployment(leadsDurableOf(config.POLICE_DEPLOYMENT)),
      ],
    };
  }
}
