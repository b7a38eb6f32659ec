import { rand } from '../helpers/synth';
import type { RuleVectors } from '../helpers/vectors';

const B64URL = 'A-Za-z0-9_-';

export const aiVectors: RuleVectors[] = [
  {
    rule: 'anthropic-api-key',
    positives: [() => 'sk-ant-' + 'api03-' + rand(B64URL, 93) + 'AA'],
    negatives: [
      'sk-ant-api03-...',
      'sk-ant-api03-YOUR_KEY_HERE',
      '${ANTHROPIC_API_KEY}',
      () => 'sk-ant-' + 'api03-' + rand(B64URL, 92) + 'AA',
      () => 'sk-ant-' + 'api03-' + rand(B64URL, 93) + 'AB',
    ],
  },
  {
    rule: 'anthropic-admin-api-key',
    positives: [() => 'sk-ant-' + 'admin01-' + rand(B64URL, 93) + 'AA'],
    negatives: [() => 'sk-ant-' + 'admin01-' + rand(B64URL, 94) + 'AA', 'sk-ant-admin01-...'],
  },
  {
    rule: 'openai-project-api-key',
    positives: [
      () => 'sk-' + 'proj-' + rand(B64URL, 74) + 'T3Blbk' + 'FJ' + rand(B64URL, 74),
      () => 'sk-' + 'proj-' + rand(B64URL, 58) + 'T3Blbk' + 'FJ' + rand(B64URL, 58),
    ],
    negatives: [
      'sk-proj-...',
      () => 'sk-' + 'proj-' + rand(B64URL, 156),
      () => 'sk-' + 'proj-' + rand(B64URL, 74) + 'T3BlbkFK' + rand(B64URL, 74),
    ],
  },
  {
    rule: 'google-api-key',
    positives: [() => 'AIza' + 'Sy' + rand('A-D', 1) + rand(B64URL, 32)],
    negatives: ['AIzaSyabcdefghijklmnopqrstuvwxyz1234567', 'AIzaSy...', 'YOUR_GOOGLE_API_KEY', () => 'AIza' + 'Sy' + rand('A-D', 1) + rand(B64URL, 31)],
  },
  {
    rule: 'huggingface-user-token',
    positives: [() => 'hf_' + rand('A-Za-z', 34)],
    negatives: ['hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'hf_...', () => 'hf_' + rand('A-Za-z', 33) + '7'],
  },
];
