/**
 * What WXT's content-script wrapper constructs and passes to `main` in our build (see `./index.ts`): nothing. No
 * event, no listener, no timer. The content script ignores it and makes its own context.
 */
export class ContentScriptContext {
  constructor(..._args: unknown[]) {}
}
