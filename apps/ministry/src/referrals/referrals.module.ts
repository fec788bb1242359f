import { Module } from '@nestjs/common';
import { ListReferralsHttpController } from './list-referrals/list-referrals.http.controller.js';
import { OpenReferralService } from './open-referral/open-referral.service.js';
import { RecordReferralOutcomeHttpController } from './record-outcome/record-outcome.http.controller.js';
import { RecordReferralOutcomeService } from './record-outcome/record-outcome.service.js';

/** P4MI referrals: opened by a checkpoint refer on a protective entry, closed by the post's outcome. */
@Module({
  controllers: [ListReferralsHttpController, RecordReferralOutcomeHttpController],
  providers: [OpenReferralService, RecordReferralOutcomeService],
  exports: [OpenReferralService],
})
export class ReferralsModule {}
