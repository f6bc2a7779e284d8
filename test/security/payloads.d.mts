export interface Payload {
  id: number;
  category: string;
  text: string;
}
export const BEACON_PATH: string;
export const OFFLINE_BEACON_BASE: string;
export function beaconJs(id: number, base?: string, quote?: 'sq' | 'dq' | 'nq'): string;
export function generatePayloads(base?: string): Payload[];
export const PAYLOAD_CATEGORIES: {
  vectors: string[];
  breakouts: string[];
  encodings: string[];
  templates: string[];
  nestings: string[];
};
