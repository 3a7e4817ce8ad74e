/** Validators for the JSON documents dynaudit prints: its report schema and the official SARIF 2.1.0 schema. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { repoRoot } from './run-cli.js';

const require = createRequire(import.meta.url);

function compile(schema: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  // The formats the two schemas use, checked the way a consumer would need them.
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat('uri-reference', /^[^\s]*$/);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return ajv.compile(schema);
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export const validateReportDocument = compile(readJson(`${repoRoot}/schemas/report.schema.json`));
export const validateApproveDocument = compile(readJson(`${repoRoot}/schemas/approve.schema.json`));

/**
 * The SARIF 2.1.0 schema (OASIS, final rtm.5) as shipped in @microsoft/jest-sarif.
 * It is written for draft-04 but uses nothing that differs in draft-07 except
 * its top-level `id`, so it is compiled as draft-07 without `$schema` and `id`.
 */
const { $schema: _draft04, id: _id, ...sarifSchema } = readJson(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
export const validateSarifDocument = compile(sarifSchema);

/** The schema errors of a document, as lines; empty when valid. */
export function schemaErrors(validate: ValidateFunction, document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}
