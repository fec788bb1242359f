import 'reflect-metadata';
import { loadConfig, startService } from '@simpul/http';
import { AppModule } from './app.module.js';
import { MinistryConfig } from './config/ministry.config.js';

const config = loadConfig(MinistryConfig);
await startService(AppModule.forRoot(config), {
  name: 'ministry',
  title: 'Simpul ministry service (KP2MI)',
  host: config.MINISTRY_HOST,
  port: config.MINISTRY_PORT,
});
