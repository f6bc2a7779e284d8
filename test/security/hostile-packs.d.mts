import type { Payload } from './payloads.mjs';
import type { HostileUrl } from './hostile-urls.mjs';
import type { StoryPack } from '../../utils/model/pack';

export const HOSTILE_NAMES: { lead: string; second: string; mediatorOrg: string; place: string; fillers: string[] };
export const ROUND_PHRASE: string;
export const FIGURE_SENTENCE: string;
export const TALKS_PHRASE: string;
export const ROUND_DATE: string;
export function buildHostilePack(
  payloads: Payload[],
  options?: { id?: string; version?: string },
): { pack: StoryPack; displayed: Record<string, string[]> };
export function displayedStrings(pack: StoryPack): Record<string, string[]>;
export function hostileArticleParagraphs(): string[];
export function stringifyWithForbiddenKeys(value: unknown, options?: { marker?: string; payloadKeys?: string[] }): string;
export function objectPaths(value: unknown, path?: string): string[];
export function buildHostileRss(
  payloads: Payload[],
  urls: HostileUrl[],
  options: { base: string; now?: number; forbiddenNames?: boolean },
): { text: string; literal: string[] };
export function buildHostileAtom(
  payloads: Payload[],
  urls: HostileUrl[],
  options: { base: string; now?: number; forbiddenNames?: boolean },
): { text: string; literal: string[] };
export function isStableText(s: string): boolean;
