import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { CompaniesModule } from '../companies/companies.module.js';
import { PatrolModule } from '../patrol/patrol.module.js';
import { ReferralsModule } from '../referrals/referrals.module.js';
import { StatsModule } from '../stats/stats.module.js';
import { WatchlistModule } from '../watchlist/watchlist.module.js';
import { CountPreventionWhenDepartureDelayed } from './count-prevention-when-departure-delayed.handler.js';
import { LinkCaseWhenScreeningMatched } from './link-case-when-screening-matched.handler.js';
import { ProtectCandidatesWhenDepartureFoiled } from './protect-candidates-when-departure-foiled.handler.js';
import { WatchSuspectsWhenArrestRecorded } from './watch-suspects-when-arrest-recorded.handler.js';

/** The ministry's side of the cross-agency choreography: police and checkpoint events in, ministry events out. */
@Module({
  imports: [
    CasesModule,
    AlertsModule,
    WatchlistModule,
    CompaniesModule,
    StatsModule,
    ReferralsModule,
    PatrolModule,
  ],
  providers: [
    ProtectCandidatesWhenDepartureFoiled,
    WatchSuspectsWhenArrestRecorded,
    LinkCaseWhenScreeningMatched,
    CountPreventionWhenDepartureDelayed,
  ],
})
export class ReactionsModule {}
