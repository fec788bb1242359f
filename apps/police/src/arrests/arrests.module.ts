import { Module } from '@nestjs/common';
import { RecordingModule } from '../recording/recording.module.js';
import { GetArrestHttpController } from './get-arrest/get-arrest.http.controller.js';
import { ListArrestsHttpController } from './list-arrests/list-arrests.http.controller.js';
import { RecordArrestHttpController } from './record-arrest/record-arrest.http.controller.js';
import { RecordArrestService } from './record-arrest/record-arrest.service.js';

/** Arrests a served Polda records (POST/GET /v1/arrests, GET /v1/arrests/:id), published as police.arrest.recorded.v1. */
@Module({
  imports: [RecordingModule],
  controllers: [RecordArrestHttpController, ListArrestsHttpController, GetArrestHttpController],
  providers: [RecordArrestService],
})
export class ArrestsModule {}
