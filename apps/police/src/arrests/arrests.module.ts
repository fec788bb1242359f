import { Module } from '@nestjs/common';
import { RecordingModule } from '../recording/recording.module.js';
import { GetArrestHttpController } from './get-arrest/get-arrest.http.controller.js';
import { RecordArrestHttpController } from './record-arrest/record-arrest.http.controller.js';
import { RecordArrestService } from './record-arrest/record-arrest.service.js';

/** Arrests a served Polda records (POST/GET /v1/arrests), published as police.arrest.recorded.v1. */
@Module({
  imports: [RecordingModule],
  controllers: [RecordArrestHttpController, GetArrestHttpController],
  providers: [RecordArrestService],
})
export class ArrestsModule {}
