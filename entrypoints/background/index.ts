import { browser } from 'wxt/browser';
import { createBackground } from './service';
import { routeMessage } from './router';
import { sendNavigate } from './commands';
import { ensureRefreshAlarm, isRefreshAlarm } from './alarms';

/** Wiring only: listeners are registered synchronously so a woken worker never misses the event that woke it. */
export default defineBackground(() => {
  const service = createBackground();
  // Every wake: the network log keeps one week.
  void service.pruneNetworkLog().catch(() => {});
  const start = () => {
    void service.ensureBundledPack();
    void ensureRefreshAlarm().catch(() => {});
    void service.sources.refreshDue().catch(() => {});
  };
  browser.runtime.onInstalled.addListener((details) => {
    start();
    // First run: say what Backstory does and offer sources; nothing is fetched before the reader agrees.
    if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') }).catch(() => {});
  });
  browser.runtime.onStartup.addListener(start);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (!isRefreshAlarm(alarm)) return;
    void service.sources.refreshDue().catch(() => {});
    // A one-off alarm of the same name (e.g. set by a test) replaces the periodic one: put it back.
    void ensureRefreshAlarm().catch(() => {});
  });
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    service.sources.wake();
    return routeMessage(service, message, sender);
  });
  browser.commands.onCommand.addListener((command) => void sendNavigate(command));
  browser.tabs.onRemoved.addListener((tabId) => void service.styles.forgetTab(tabId).catch(() => {}));
});
