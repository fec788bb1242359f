import { Module, type DynamicModule } from '@nestjs/common';
import { ListLeadsHttpController } from './list-leads/list-leads.http.controller.js';
import { recordLeadWhenFindingRecorded } from './reactions/record-lead-when-finding-recorded.handler.js';

/**
 * The ministry's cyber patrol findings on a served Polda, as leads (GET /v1/leads), read from this
 * deployment's own consumer `durable` (`police-<deployment>-leads`).
 */
@Module({})
export class LeadsModule {
  static forDeployment(durable: string): DynamicModule {
    return {
      module: LeadsModule,
      controllers: [ListLeadsHttpController],
      providers: [recordLeadWhenFindingRecorded(durable)],
    };
  }
}
