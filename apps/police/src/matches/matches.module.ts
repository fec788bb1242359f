import { Module, type DynamicModule } from '@nestjs/common';
import { ListMatchesHttpController } from './list-matches/list-matches.http.controller.js';
import { recordMatchWhenScreeningMatched } from './reactions/record-match-when-screening-matched.handler.js';

/**
 * Checkpoint matches on persons a served Polda reported (GET /v1/matches), read from this
 * deployment's own consumer `durable` (`police-<deployment>-matches`).
 */
@Module({})
export class MatchesModule {
  static forDeployment(durable: string): DynamicModule {
    return {
      module: MatchesModule,
      controllers: [ListMatchesHttpController],
      providers: [recordMatchWhenScreeningMatched(durable)],
    };
  }
}
