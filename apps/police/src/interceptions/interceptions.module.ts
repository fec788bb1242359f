import { Module } from '@nestjs/common';
import { RecordingModule } from '../recording/recording.module.js';
import { GetInterceptionHttpController } from './get-interception/get-interception.http.controller.js';
import { ListInterceptionsHttpController } from './list-interceptions/list-interceptions.http.controller.js';
import { RecordInterceptionHttpController } from './record-interception/record-interception.http.controller.js';
import { RecordInterceptionService } from './record-interception/record-interception.service.js';

/** Foiled departures a served Polda records (POST/GET /v1/interceptions, GET /v1/interceptions/:id), published as police.departure.foiled.v1. */
@Module({
  imports: [RecordingModule],
  controllers: [
    RecordInterceptionHttpController,
    ListInterceptionsHttpController,
    GetInterceptionHttpController,
  ],
  providers: [RecordInterceptionService],
})
export class InterceptionsModule {}
