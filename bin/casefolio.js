#!/usr/bin/env node
// The casefolio command: runs the TypeScript CLI through tsx, so it works straight after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
