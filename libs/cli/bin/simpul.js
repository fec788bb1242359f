#!/usr/bin/env node
// Committed launcher so `npx simpul` works right after `npm ci` (which builds dist/ in `prepare`):
// npm links workspace bins at install time, before dist/ exists.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
