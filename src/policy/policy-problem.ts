/** A problem in a policy file, with the YAML path to point at its line. */
export class PolicyProblem extends Error {
  constructor(
    readonly path: readonly (string | number)[],
    message: string,
  ) {
    super(message);
  }
}
