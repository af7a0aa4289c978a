#!/usr/bin/env node
// The `tradeoff` command. The CLI and the workspace packages are TypeScript source: tsx's loader
// is registered in this process (no second process, so signals reach the CLI directly).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
