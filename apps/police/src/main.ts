import 'reflect-metadata';
import { loadConfig, startService } from '@simpul/http';
import { AppModule } from './app.module.js';
import { PoliceConfig } from './config/police.config.js';

const config = loadConfig(PoliceConfig);
await startService(AppModule.forRoot(config), {
  name: 'police',
  title: 'Simpul police gateway (Polda)',
  host: config.POLICE_HOST,
  port: config.POLICE_PORT,
});
