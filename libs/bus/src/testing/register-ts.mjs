// `node --import <this file> script.ts`: run repository TypeScript directly (see ts-loader-hooks.mjs).
import { register } from 'node:module';

register('./ts-loader-hooks.mjs', import.meta.url);
