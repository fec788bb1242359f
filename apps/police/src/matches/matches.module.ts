import { Module } from '@nestjs/common';
import { ListMatchesHttpController } from './list-matches/list-matches.http.controller.js';
import { RecordMatchWhenScreeningMatched } from './reactions/record-match-when-screening-matched.handler.js';

/** Checkpoint matches on persons a served Polda reported (consumer police-immigration-matches; GET /v1/matches). */
@Module({
  controllers: [ListMatchesHttpController],
  providers: [RecordMatchWhenScreeningMatched],
})
export class MatchesModule {}
