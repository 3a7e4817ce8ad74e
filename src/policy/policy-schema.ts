/**
 * The JSON Schema of policy files, built from the same constants the
 * evaluator uses (so a new event kind or category lands in both).
 * `schemas/policy.schema.json` is this object, written by
 * `npm run schemas` for editors and other tools; a unit test keeps them equal.
 * `description` texts double as "must be …" wording in error messages.
 */
import { FINDING_CATEGORIES, SEVERITIES } from '../events/finding.js';
import { CALL_STEPS, FILE_ACCESSES, FILE_OPERATIONS, LIMIT_KINDS } from '../events/types.js';
import { ACTORS, EVENT_KINDS, HONEYTOKEN_CONDITIONS, PARENT_KINDS, PHASES, SHELL_MODES } from './policy-types.js';

const strings = (description: string) => ({
  type: 'array',
  description,
  items: { type: 'string', minLength: 1, description: 'a list of non-empty strings' },
});
const enumList = (values: readonly string[], description: string) => ({
  type: 'array',
  description,
  items: { enum: [...values] },
});
const ports = (description: string) => ({
  type: 'array',
  description,
  items: { type: 'integer', minimum: 0, maximum: 65535, description: 'a list of port numbers (0-65535)' },
});
const text = (description: string) => ({ type: 'string', minLength: 1, description });

const RULE_ID = '^[a-z][a-z0-9-]*$';

const conditionProperties = {
  phase: enumList(PHASES, 'phases the event happened in'),
  by: enumList(ACTORS, 'who acted: a lifecycle script (and all it started) or the import of the package'),
  step: enumList(CALL_STEPS, "the kind of the consumer's step the event belongs to (import and execute phases)"),
  argument: strings("what the step was handed: a call's kind of argument (none, number, url, …), a loading's condition, a bin's argument"),
  argumentNot: strings('what the step was handed, excluding the event'),
  access: {
    anyOf: [{ enum: [...FILE_ACCESSES] }, enumList(FILE_ACCESSES, 'file accesses')],
    description: 'a file access (read, write, metadata) or a list of them',
  },
  operation: enumList(FILE_OPERATIONS, 'file operations'),
  path: strings('path globs (`~` home, `{package}` the acting package folder, `{name}` its name, `{project}` the project, `*` one segment, `**` any)'),
  pathNot: strings('path globs that exclude the event when every path of it matches'),
  target: strings("path globs over a file event's second path (a rename's new name, what a link points at)"),
  targetNot: strings("path globs that exclude the event when its second path matches"),
  executable: strings('program names (the executable or script file name, argv[0]) or program path globs'),
  argv: strings('globs over the command line joined by spaces (`*` matches anything)'),
  argvNot: strings('command-line globs that exclude the event'),
  parent: { enum: [...PARENT_KINDS], description: 'the parent process: npm itself, or none traced' },
  parentNot: { enum: [...PARENT_KINDS], description: 'the parent process is not this' },
  ancestor: strings('program names or path globs of the acting process chain'),
  ancestorNot: strings('program names or path globs that exclude the event when in the acting process chain'),
  actor: strings('program names or path globs of the process that acted (for a process event, the one that started it); not its ancestors'),
  address: strings('destination CIDR ranges or addresses'),
  addressNot: strings('destination CIDR ranges or addresses that exclude the event'),
  port: ports("destination ports; for a server's bind, listen or accept, the port it asked for (0: the kernel chose)"),
  portNot: ports('ports that exclude the event'),
  name: strings('DNS name globs (`*` within a label, `**` any labels; `{registry}` the hosts of the registry npm\'s clients use by default)'),
  nameNot: strings('DNS name globs that exclude the event'),
  honeytoken: { enum: [...HONEYTOKEN_CONDITIONS], description: 'the event touched or sent a planted honeytoken' },
  token: strings('globs over the id of the honeytoken the event carries (`*` any part; `call-argument-*`: the secrets handed to calls)'),
  syscall: strings('syscall names of a syscall event (setuid, mount, unshare, socket, …)'),
  limit: enumList(LIMIT_KINDS, 'limits of a limit event'),
  shell: enumList(SHELL_MODES, 'how a shell gets its commands'),
  quietAfter: { type: 'boolean', description: 'true when the acting package does nothing more the trace can see in the phase' },
};

export const POLICY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://dynaudit.invalid/schemas/policy.schema.json',
  title: 'dynaudit policy (version 1)',
  type: 'object',
  description: 'a mapping with version, failOn, rules and allow',
  additionalProperties: false,
  required: ['version'],
  properties: {
    version: { const: 1, description: '1' },
    failOn: { enum: [...SEVERITIES], description: 'lowest severity that fails the verdict' },
    rules: { type: 'array', description: 'a list', items: { $ref: '#/definitions/rule' } },
    allow: { type: 'array', description: 'a list', items: { $ref: '#/definitions/allow' } },
  },
  definitions: {
    rule: {
      type: 'object',
      description: 'a mapping (id, category, severity, message, rationale, match)',
      additionalProperties: false,
      required: ['id', 'category', 'severity', 'message', 'rationale', 'match'],
      properties: {
        id: { type: 'string', pattern: RULE_ID, description: 'lower-case kebab-case (e.g. network-connect)' },
        category: { enum: [...FINDING_CATEGORIES], description: 'a finding category' },
        severity: { enum: [...SEVERITIES], description: 'a severity' },
        message: text('a non-empty summary template ({path} {destination} {name} {executable} {command} {url} {token} {detail})'),
        rationale: text('a non-empty explanation of why the behaviour matters'),
        match: { $ref: '#/definitions/match' },
        except: { type: 'array', description: 'a list of conditions', items: { $ref: '#/definitions/conditions' } },
      },
    },
    match: {
      type: 'object',
      description: 'a mapping with an event kind and conditions',
      additionalProperties: false,
      required: ['event'],
      properties: { event: { enum: [...EVENT_KINDS], description: 'an event kind' }, ...conditionProperties },
    },
    conditions: {
      type: 'object',
      description: 'a mapping of conditions',
      additionalProperties: false,
      minProperties: 1,
      properties: conditionProperties,
    },
    allow: {
      type: 'object',
      description: 'a mapping (package, version, rules, reason)',
      additionalProperties: false,
      required: ['package', 'rules', 'reason'],
      properties: {
        package: {
          type: 'string',
          pattern: '^(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$',
          description: 'an npm package name',
        },
        version: text('a semver range of the package versions it covers'),
        rules: { type: 'array', minItems: 1, description: 'a non-empty list of rule ids', items: { type: 'string', pattern: RULE_ID, description: 'a list of rule ids (lower-case kebab-case)' } },
        phase: enumList(PHASES, 'phases it covers'),
        step: enumList(CALL_STEPS, "kinds of the consumer's steps it covers (only their events)"),
        hosts: strings('DNS name globs: only events that went to these hosts are covered'),
        paths: strings('path globs: only file events whose every path is in these places are covered'),
        ports: ports("ports: only events to these ports are covered (a server's bind, listen or accept: the port it asked for)"),
        severity: { enum: [...SEVERITIES], description: 'keep the findings at this severity instead of accepting them' },
        reason: text('a non-empty reason why these findings are acceptable'),
      },
    },
  },
} as const;
