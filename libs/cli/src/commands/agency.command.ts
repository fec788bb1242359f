import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findUp } from '@simpul/bus';
import {
  addUnitToRegistry,
  applyRegistry,
  handoverFileOf,
  loadRegistry,
  natsHandoverOf,
  provisionAsAdmin,
  reloadNatsServer,
  renderPermissionMatrix,
  revokeUnitInRegistry,
  RegistryError,
  unitCredsFile,
  type AgencyRegistry,
  type TrustMaterial,
  type UnitEntry,
} from '@simpul/trust';

const USAGE = [
  'usage: simpul agency add polda|checkpoint <code> [--name <name>] [--site <site id> (checkpoint)]',
  '       simpul agency revoke <unit id>',
  '       simpul agency generate',
  '       simpul agency matrix',
  'options: --registry <deploy/agencies.yaml> --state <.simpul dir>',
].join('\n');

interface Where {
  registryFile: string;
  stateDir: string;
}

/**
 * `simpul agency`: onboarding and revocation of units (issue 6). `add` writes the unit into the
 * registry (a checkpoint joins the site `--site <id>`, made as a non-leaf site when new, or else the
 * first non-leaf site), generates its signing key, NATS credentials and API token, regenerates the NATS
 * authorization and reloads a running local server without downtime; `revoke` withdraws all of
 * them (connected sessions of the unit are closed by the reload); `generate` re-applies the
 * registry; `matrix` prints docs/permissions.md. Exit 0, 1 on failure, 2 on bad usage.
 */
export async function run(args: string[]): Promise<number> {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      const value = args[i + 1];
      if (!['--registry', '--state', '--name', '--site'].includes(arg) || value === undefined) return usage();
      options.set(arg.slice(2), value);
      i++;
    } else positional.push(arg);
  }
  const [sub, ...rest] = positional;
  let where: Where;
  try {
    where = locate(options);
  } catch (error) {
    console.error(`simpul: ${(error as Error).message}`);
    return 1;
  }
  try {
    switch (sub) {
      case 'add': {
        const [kind, code] = rest;
        if ((kind !== 'polda' && kind !== 'checkpoint') || !code || rest.length !== 2) return usage();
        const { registry, reinstated } = addUnitToRegistry(
          where.registryFile,
          kind,
          code,
          options.get('name'),
          options.get('site'),
        );
        const unit = registry.units.find((u) => u.id === `${kind}:${code}`)!;
        const trust = await applyRegistry(registry, where.stateDir);
        console.log(
          `${reinstated ? 'reinstated' : 'added'} ${unit.id} (${unit.name}) in ${where.registryFile}`,
        );
        printHandover(registry, unit, trust);
        await applyToRunningServer(where, trust);
        return 0;
      }
      case 'revoke': {
        const [unitId] = rest;
        if (!unitId || rest.length !== 1) return usage();
        const registry = revokeUnitInRegistry(where.registryFile, unitId);
        const trust = await applyRegistry(registry, where.stateDir);
        console.log(`revoked ${unitId}: signing key, NATS credentials and API token withdrawn`);
        await applyToRunningServer(where, trust);
        return 0;
      }
      case 'generate': {
        if (rest.length !== 0) return usage();
        const registry = loadRegistry(where.registryFile);
        const trust = await applyRegistry(registry, where.stateDir);
        console.log(`generated keys, credentials, tokens and ${trust.paths.authorizationFile}`);
        await applyToRunningServer(where, trust);
        return 0;
      }
      case 'matrix':
        if (rest.length !== 0) return usage();
        process.stdout.write(renderPermissionMatrix(loadRegistry(where.registryFile)));
        return 0;
      default:
        return usage();
    }
  } catch (error) {
    const message =
      error instanceof RegistryError
        ? error.message
        : `${(error as Error).name}: ${(error as Error).message}`;
    console.error(`simpul: ${message}`);
    return 1;
  }
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

/** The registry (`--registry`, SIMPUL_AGENCIES_FILE, or deploy/agencies.yaml found upwards) and the state dir. */
function locate(options: Map<string, string>): Where {
  const registryFile =
    options.get('registry') ??
    process.env.SIMPUL_AGENCIES_FILE ??
    findUp(process.cwd(), join('deploy', 'agencies.yaml'));
  if (!registryFile || !existsSync(registryFile)) {
    throw new Error('no registry of units: pass --registry <agencies.yaml> or run inside the repository');
  }
  const stateDir =
    options.get('state') ??
    process.env.SIMPUL_STATE_DIR ??
    join(dirname(dirname(resolve(registryFile))), '.simpul');
  return { registryFile: resolve(registryFile), stateDir: resolve(stateDir) };
}

/**
 * When the launcher's nats-server of this state dir runs: reload its authorization (connected
 * services stay connected; a revoked unit's sessions are closed) and provision any new consumer.
 */
async function applyToRunningServer(where: Where, trust: TrustMaterial): Promise<void> {
  const natsJson = join(where.stateDir, 'nats.json');
  const pidFile = join(where.stateDir, 'nats', 'nats-server.pid');
  if (!existsSync(natsJson) || !reloadNatsServer(pidFile)) {
    console.log('no local nats-server runs for this state: the next start uses the new authorization');
    return;
  }
  console.log(`nats-server reloaded its authorization (${trust.paths.authorizationFile})`);
  const server = JSON.parse(readFileSync(natsJson, 'utf8')) as { url: string; ca: string | null };
  // The reload is asynchronous in the server; provisioning as the admin does not depend on it.
  const report = await provisionAsAdmin(server, trust);
  const created = report.consumers.filter((c) => c.action === 'created').map((c) => c.durable);
  if (created.length > 0) console.log(`consumers created: ${created.join(', ')}`);
}

function printHandover(registry: AgencyRegistry, unit: UnitEntry, trust: TrustMaterial): void {
  const keys = JSON.parse(readFileSync(join(trust.paths.keysDir, 'registry.json'), 'utf8')) as {
    keys: Array<{ keyId: string; unit?: string }>;
  };
  const key = keys.keys.find((k) => k.unit === unit.id);
  const natsJson = join(trust.paths.stateDir, 'nats.json');
  const server = existsSync(natsJson)
    ? (JSON.parse(readFileSync(natsJson, 'utf8')) as { url: string }).url
    : '(not running)';
  const nats = natsHandoverOf(registry, unit, trust.paths.credsDir);
  console.log(
    [
      `  source           ${unit.source ?? '-'}`,
      `  may publish      ${nats.publish.join(', ') || 'nothing'}`,
      `  may read         ${nats.consumers.join(', ') || 'no consumer'}`,
      "hand over to the unit, through its agency's secure channel (never by chat or e-mail):",
      `  NATS credentials ${unitCredsFile(trust.paths.stateDir, unit.id)}`,
      `  NATS server      ${server} (trust the CA ${trust.tls.caFile})`,
      // Its permissions allow replies only there: the default _INBOX. prefix is refused.
      `  inbox prefix     ${nats.inboxPrefix} (the client's inbox prefix; NATS_INBOX_PREFIX of a Simpul service)`,
      `  handover note    ${handoverFileOf(trust.paths.credsDir, unit.id)} (inbox prefix, subjects and consumers as JSON, no secrets)`,
      `  signing key      ${key ? join(trust.paths.keysDir, 'private', `${key.keyId}.pem`) : '-'} (key id ${key?.keyId ?? '-'})`,
      `  API token        "${unit.id}" in ${trust.tokens.tokensFile}`,
    ].join('\n'),
  );
}
