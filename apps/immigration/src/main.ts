import 'reflect-metadata';
import { loadConfig, startService } from '@simpul/http';
import { AppModule } from './app.module.js';
import { ImmigrationConfig } from './config/immigration.config.js';

const config = loadConfig(ImmigrationConfig);
await startService(AppModule.forRoot(config), {
  name: 'immigration',
  title: 'Simpul immigration service (checkpoints)',
  host: config.IMMIGRATION_HOST,
  port: config.IMMIGRATION_PORT,
});
