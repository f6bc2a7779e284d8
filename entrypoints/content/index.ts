import { answerTabRequests, startPageSession, type PageSession } from './page-session';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // WXT would otherwise post our extension id to every page with window.postMessage.
  noScriptStartedPostMessage: true,
  main(ctx) {
    let session: PageSession | null = null;
    const stopAnswering = answerTabRequests(() => session);
    ctx.onInvalidated(stopAnswering);
    // Never throw into the page: a failure here only means no marks.
    startPageSession(document, ctx, ctx.signal)
      .then((s) => {
        session = s;
      })
      .catch(() => {});
  },
});
