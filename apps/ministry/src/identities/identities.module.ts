import { Global, Module } from '@nestjs/common';
import { MinistryConfig } from '../config/ministry.config.js';
import { PersonVault } from './person-vault.js';
import { ReidentifyHttpController } from './reidentify/reidentify.http.controller.js';
import { ReidentifyService } from './reidentify/reidentify.service.js';

/**
 * Identities of persons at rest: the vault (encryption and blind indexes, keys from config) for
 * every module that stores or searches identifiers, and the desk's audited re-identification.
 */
@Global()
@Module({
  controllers: [ReidentifyHttpController],
  providers: [
    {
      provide: PersonVault,
      inject: [MinistryConfig],
      useFactory: (config: MinistryConfig) =>
        PersonVault.fromSettings(config.MINISTRY_PII_ENCRYPTION_KEY, config.MINISTRY_PII_INDEX_KEY),
    },
    ReidentifyService,
  ],
  exports: [PersonVault],
})
export class IdentitiesModule {}
