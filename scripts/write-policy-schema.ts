/** Writes schemas/policy.schema.json from src/policy/policy-schema.ts (run: npm run schemas). */
import { writeFile } from 'node:fs/promises';
import { POLICY_SCHEMA } from '../src/policy/policy-schema.js';

const target = new URL('../schemas/policy.schema.json', import.meta.url);
await writeFile(target, `${JSON.stringify(POLICY_SCHEMA, null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
