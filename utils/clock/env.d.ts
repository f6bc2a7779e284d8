// Set by wxt.config.ts at build time: true only in the e2e build (`BACKSTORY_E2E=1`).
interface ImportMetaEnv {
  readonly BACKSTORY_E2E?: boolean;
}
