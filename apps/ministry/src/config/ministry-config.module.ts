import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MinistryConfig } from './ministry.config.js';

/** Makes the validated config injectable everywhere (built once in main.ts). */
@Global()
@Module({})
export class MinistryConfigModule {
  static forRoot(config: MinistryConfig): DynamicModule {
    return {
      module: MinistryConfigModule,
      providers: [{ provide: MinistryConfig, useValue: config }],
      exports: [MinistryConfig],
    };
  }
}
