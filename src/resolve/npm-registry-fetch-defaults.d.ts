/** npm-registry-fetch's defaults (CommonJS, untyped): the part read here. */
declare module 'npm-registry-fetch/lib/default-opts.js' {
  const defaults: { readonly registry: string };
  export default defaults;
}
