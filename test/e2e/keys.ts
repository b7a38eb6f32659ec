import { crc32Base62Token, rand } from '../helpers/synth';
import { plant } from './repo';

/** A fresh synthetic Anthropic key, registered with the leak guard. */
export function anthropicKey(): string {
  return plant('sk-ant-' + 'api03-' + rand('A-Za-z0-9_-', 93) + 'AA');
}

/** A fresh synthetic GitHub classic token with a valid checksum. */
export function githubToken(): string {
  return plant(crc32Base62Token('gh' + 'p_'));
}
