/**
 * `simpul`: the operator's command (docs/contract.md §7). Each command lives in commands/<name>.command.ts
 * and exports `run(args): Promise<number>` (the exit code); modules load lazily so a command that
 * needs NATS does not slow down one that only validates a file.
 */
type CommandModule = { run(args: string[]): Promise<number> };

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  validate: {
    summary: 'validate <event.json>            check one event file against the contract',
    load: () => import('./commands/validate.command.js'),
  },
  schema: {
    summary: 'schema export <dir> | schema check  JSON Schemas, AsyncAPI, compatibility',
    load: () => import('./commands/schema.command.js'),
  },
  streams: {
    summary: 'streams provision                  create or update streams and consumers',
    load: () => import('./commands/streams.command.js'),
  },
  tail: {
    summary: 'tail <subject>                     print live events with their signature status',
    load: () => import('./commands/tail.command.js'),
  },
  screen: {
    summary: 'screen --watchlist <entries.jsonl> --travelers <travelers.jsonl>  offline batch screening',
    load: () => import('./commands/screen.command.js'),
  },
  agency: {
    summary: 'agency add polda|checkpoint <code> | revoke <unit> | generate | matrix  onboarding',
    load: () => import('./commands/agency.command.js'),
  },
  deadletters: {
    summary: 'deadletters list | replay <id>|--all  inspect and replay dead letters',
    load: () => import('./commands/deadletters.command.js'),
  },
  outbox: {
    summary: 'outbox list | retry <id>|--all-failed | drop <id>|--all-failed  rows the relay set aside',
    load: () => import('./commands/outbox.command.js'),
  },
  site: {
    summary: 'site link <site> down|up | site status  the sites of a local national run',
    load: () => import('./commands/site.command.js'),
  },
  hub: {
    summary: 'hub restart <node>                 start a killed hub node again (local national run)',
    load: () => import('./commands/hub.command.js'),
  },
  reconcile: {
    summary: 'reconcile [--since <instant|duration>]  republish events a stream lost (producer ledger)',
    load: () => import('./commands/reconcile.command.js'),
  },
  audit: {
    summary: "audit verify [--database-url <url>]  check a service's hash-chained audit log",
    load: () => import('./commands/audit.command.js'),
  },
};

export function usage(): string {
  return [
    'usage: simpul <command> [...]',
    '',
    ...Object.values(COMMANDS).map((c) => `  simpul ${c.summary}`),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`simpul: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const module = await command.load();
  return module.run(args);
}
