import { browser } from 'wxt/browser';
import { createBackground } from './service';
import { routeMessage } from './router';
import { sendNavigate } from './commands';

/** Wiring only: listeners are registered synchronously so a woken worker never misses the event that woke it. */
export default defineBackground(() => {
  const service = createBackground();
  browser.runtime.onInstalled.addListener(() => void service.ensureBundledPack());
  browser.runtime.onStartup.addListener(() => void service.ensureBundledPack());
  browser.runtime.onMessage.addListener((message: unknown, sender) => routeMessage(service, message, sender));
  browser.commands.onCommand.addListener((command) => void sendNavigate(command));
});
