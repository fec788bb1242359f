import { Module } from '@nestjs/common';
import { IssueAutomaticEntriesService } from './issue-automatic-entries/issue-automatic-entries.service.js';
import { IssueEntryHttpController } from './issue-entry/issue-entry.http.controller.js';
import { IssueEntryService } from './issue-entry/issue-entry.service.js';
import { ListEntriesHttpController } from './list-entries/list-entries.http.controller.js';
import { ReissueEntryHttpController } from './reissue-entry/reissue-entry.http.controller.js';
import { ReissueEntryService } from './reissue-entry/reissue-entry.service.js';
import { RevokeEntryHttpController } from './revoke-entry/revoke-entry.http.controller.js';
import { RevokeEntryService } from './revoke-entry/revoke-entry.service.js';

/** The watchlist the ministry issues to every checkpoint: automatic entries from police events, desk entries, revocations. */
@Module({
  controllers: [
    ListEntriesHttpController,
    IssueEntryHttpController,
    RevokeEntryHttpController,
    ReissueEntryHttpController,
  ],
  providers: [IssueAutomaticEntriesService, IssueEntryService, RevokeEntryService, ReissueEntryService],
  exports: [IssueAutomaticEntriesService],
})
export class WatchlistModule {}
