import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generatePrivacyKeys, parseEncryptionKeys, parseIndexKey } from '@simpul/privacy';
import { statePath } from './paths.js';

/** The ministry's personal-data keys as the service reads them from its environment. */
export interface PrivacyKeyEnv {
  MINISTRY_PII_ENCRYPTION_KEY: string;
  MINISTRY_PII_INDEX_KEY: string;
}

/**
 * The keys a local run hands the ministry: those of the environment when both are set, else the
 * ones generated on the first run into `.simpul/privacy-keys.json` (mode 0600) and reused after,
 * so data stored by one run stays readable and searchable by the next. Dev and demo only: a
 * deployment brings its keys from its secret store.
 */
export function ensurePrivacyKeys(env: NodeJS.ProcessEnv = process.env): PrivacyKeyEnv {
  if (env.MINISTRY_PII_ENCRYPTION_KEY && env.MINISTRY_PII_INDEX_KEY) {
    return {
      MINISTRY_PII_ENCRYPTION_KEY: env.MINISTRY_PII_ENCRYPTION_KEY,
      MINISTRY_PII_INDEX_KEY: env.MINISTRY_PII_INDEX_KEY,
    };
  }
  const file = statePath('privacy-keys.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<PrivacyKeyEnv>;
    // Checked here so a damaged file stops the launcher with the file's name, not the ministry later.
    parseEncryptionKeys(stored.MINISTRY_PII_ENCRYPTION_KEY, `${file}: MINISTRY_PII_ENCRYPTION_KEY`);
    parseIndexKey(stored.MINISTRY_PII_INDEX_KEY, `${file}: MINISTRY_PII_INDEX_KEY`);
    return stored as PrivacyKeyEnv;
  }
  const generated = generatePrivacyKeys('local1');
  const keys: PrivacyKeyEnv = {
    MINISTRY_PII_ENCRYPTION_KEY: generated.encryptionKey,
    MINISTRY_PII_INDEX_KEY: generated.indexKey,
  };
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // the mode of writeFileSync is filtered by the umask
  return keys;
}
