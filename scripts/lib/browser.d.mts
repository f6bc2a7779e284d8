import type { BrowserContext, Page, Worker } from 'playwright-core';

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  extensionUrl(path: string): string;
  close(): Promise<void>;
}
export function findChromium(): string;
export function launchWithExtension(options?: { extensionDir?: string; headless?: boolean }): Promise<ExtensionBrowser>;
export function rectOfText(page: Page, text: string, nth?: number): Promise<{ x: number; y: number; width: number; height: number } | null>;
export function hoverText(page: Page, text: string, nth?: number): Promise<{ x: number; y: number; width: number; height: number }>;
export interface CardReading {
  text: string;
  title: string;
  role: string | null;
  labelledBy: string | null;
  links: { href: string | null; rel: string; text: string }[];
  testids: Record<string, string[]>;
  shadowMode: string;
}
export function readCard(page: Page): Promise<CardReading | null>;
export function waitFor<T>(fn: () => Promise<T> | T, options?: { timeout?: number; interval?: number; message?: string }): Promise<NonNullable<T>>;
export function countHighlights(page: Page): Promise<number>;
export interface ActionPopup {
  evaluate(expression: string): Promise<unknown>;
  screenshot(path: string): Promise<void>;
  click(x: number, y: number): Promise<void>;
  press(name: 'Tab' | 'Space'): Promise<void>;
  close(): Promise<void>;
}
export function openActionPopup(browser: Pick<ExtensionBrowser, 'context' | 'worker'>, page: Page): Promise<ActionPopup>;
export function attachActionPopup(browser: Pick<ExtensionBrowser, 'context'>, page: Page): Promise<ActionPopup>;
