/**
 * Validates a parsed policy document against POLICY_SCHEMA (ajv) and turns
 * the first violation into a PolicyProblem: the YAML path to point at and a
 * sentence saying what is wrong ("severity must be one of low, …").
 */
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { PolicyProblem } from './policy-problem.js';
import { POLICY_SCHEMA } from './policy-schema.js';

interface CompiledSchema {
  readonly ajv: Ajv;
  readonly validate: ValidateFunction;
}

let compiled: CompiledSchema | undefined;

/** ajv (CommonJS) and the compiled schema, made on the first check: about 0.3 s a run whose policies all come from the cache does without. */
function schema(): CompiledSchema {
  if (!compiled) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    const ajv = new Ajv({ allErrors: false, verbose: true, strict: true });
    compiled = { ajv, validate: ajv.compile(POLICY_SCHEMA) };
  }
  return compiled;
}

type Path = (string | number)[];
interface SchemaNode {
  readonly description?: string;
  readonly $ref?: string;
  readonly type?: string;
  readonly properties?: Record<string, SchemaNode>;
}

/** What an unknown key is called, by the schema object that rejected it. */
const KEY_KINDS = new Map<unknown, string>([
  [POLICY_SCHEMA.definitions.rule, 'rule key'],
  [POLICY_SCHEMA.definitions.match, 'match key'],
  [POLICY_SCHEMA.definitions.conditions, 'condition key'],
  [POLICY_SCHEMA.definitions.allow, 'allow key'],
]);

function pathOf(instancePath: string): Path {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  const name = node?.$ref?.replace('#/definitions/', '');
  if (name === undefined) return node;
  return (POLICY_SCHEMA.definitions as Record<string, SchemaNode>)[name];
}

function nameOf(path: Path): string {
  const name = path.findLast((part) => typeof part === 'string');
  return name === undefined ? 'policy' : String(name);
}

function predicate(error: ErrorObject, node: SchemaNode | undefined): string {
  if (error.keyword === 'enum') return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  if (error.keyword === 'const') return `must be ${String((error.params as { allowedValue: unknown }).allowedValue)}`;
  if (node?.description) return `must be ${node.description}`;
  return error.message ?? 'is not valid';
}

function problemOf(error: ErrorObject, base: Path = []): PolicyProblem {
  const path = [...base, ...pathOf(error.instancePath)];
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    const kind = KEY_KINDS.get(error.parentSchema) ?? 'key';
    return new PolicyProblem([...path, key], `unknown ${kind} "${key}"`);
  }
  if (error.keyword === 'required') {
    const key = (error.params as { missingProperty: string }).missingProperty;
    const node = deref((error.parentSchema as SchemaNode | undefined)?.properties?.[key]);
    const wanted = (node as { enum?: unknown[] } | undefined)?.enum;
    const described = wanted ? `one of ${wanted.join(', ')}` : (node?.description ?? 'given');
    return new PolicyProblem(path, `${key} must be ${described} (it is missing)`);
  }
  if (error.keyword === 'minProperties') return new PolicyProblem(path, `${nameOf(path)} entries must name at least one condition`);
  return new PolicyProblem(path, `${nameOf(path)} ${predicate(error, error.parentSchema as SchemaNode | undefined)}`);
}

/** Throws a PolicyProblem for the first schema violation of a parsed policy document. */
export function checkPolicySchema(document: unknown): void {
  const { validate } = schema();
  if (validate(document)) return;
  const [error] = validate.errors ?? [];
  if (error) throw problemOf(error);
}

/** Same for one part of a document (e.g. a rule at ['rules', 3]) against one of the schema's definitions. */
export function checkDefinition(definition: keyof typeof POLICY_SCHEMA.definitions, value: unknown, base: readonly (string | number)[]): void {
  const check = schema().ajv.getSchema(`${POLICY_SCHEMA.$id}#/definitions/${definition}`);
  if (!check) throw new Error(`no schema definition ${definition}`);
  if (check(value)) return;
  const [error] = check.errors ?? [];
  if (error) throw problemOf(error, [...base]);
}
