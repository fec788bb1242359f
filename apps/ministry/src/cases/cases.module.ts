import { Module } from '@nestjs/common';
import { GetCaseHttpController } from './get-case/get-case.http.controller.js';
import { GetCaseService } from './get-case/get-case.service.js';
import { LinkEventsService } from './link-events/link-events.service.js';

/** Cases: events linked by report number, interception and identity. */
@Module({
  controllers: [GetCaseHttpController],
  providers: [LinkEventsService, GetCaseService],
  exports: [LinkEventsService],
})
export class CasesModule {}
