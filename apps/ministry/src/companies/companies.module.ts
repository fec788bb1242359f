import { Module } from '@nestjs/common';
import { ListCompaniesHttpController } from './list-companies/list-companies.http.controller.js';
import { RecordCompanyService } from './record-company/record-company.service.js';
import { SanctionCompanyHttpController } from './sanction-company/sanction-company.http.controller.js';
import { SanctionCompanyService } from './sanction-company/sanction-company.service.js';

/** Placement companies (P3MI) named in events, and the desk's sanctions against them. */
@Module({
  controllers: [ListCompaniesHttpController, SanctionCompanyHttpController],
  providers: [RecordCompanyService, SanctionCompanyService],
  exports: [RecordCompanyService],
})
export class CompaniesModule {}
