import type { Rule } from '../types';
import { END_ALNUM, END_B64URL, START, START_B64URL } from './fragments';

const FORMATS = 'shared/token-formats.md (AI / LLM providers)';

/** AI and LLM provider keys. Facts: ../shared/token-formats.md and the sources named per rule. */
export const aiRules: readonly Rule[] = [
  {
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    description: 'Calls the Claude API on the workspace bill.',
    keywords: ['sk-ant-api'],
    pattern: `${START_B64URL}sk-ant-api0\\d-[A-Za-z0-9_-]{93}AA${END_B64URL}`,
    confidence: 'high',
    redactPrefix: 'sk-ant-api03-',
    rotateUrl: 'https://console.anthropic.com/settings/keys',
    source: `${FORMATS}; https://docs.anthropic.com/en/api/getting-started`,
  },
  {
    id: 'anthropic-admin-api-key',
    provider: 'Anthropic',
    description: 'Administers the Anthropic organisation: members, workspaces and API keys.',
    keywords: ['sk-ant-admin'],
    pattern: `${START_B64URL}sk-ant-admin01-[A-Za-z0-9_-]{93}AA${END_B64URL}`,
    confidence: 'high',
    redactPrefix: 'sk-ant-admin01-',
    rotateUrl: 'https://console.anthropic.com/settings/admin-keys',
    source: `${FORMATS}; https://docs.anthropic.com/en/api/administration-api`,
  },
  {
    id: 'openai-project-api-key',
    provider: 'OpenAI',
    description: 'Calls the OpenAI API for one project, on its bill.',
    keywords: ['sk-proj-'],
    pattern: `${START_B64URL}sk-proj-[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74}${END_B64URL}`,
    confidence: 'high',
    redactPrefix: 'sk-proj-',
    rotateUrl: 'https://platform.openai.com/api-keys',
    source: `${FORMATS}; https://platform.openai.com/docs/api-reference/authentication`,
  },
  {
    id: 'google-api-key',
    provider: 'Google',
    description: 'Calls the Google APIs enabled for its project (Gemini, Maps, Firebase, ...).',
    keywords: ['aiza'],
    pattern: `${START}AIzaSy[A-D][0-9A-Za-z_-]{32}${END_B64URL}`,
    confidence: 'high',
    redactPrefix: 'AIza',
    rotateUrl: 'https://console.cloud.google.com/apis/credentials',
    source: `${FORMATS}; https://cloud.google.com/docs/authentication/api-keys`,
  },
  {
    id: 'huggingface-user-token',
    provider: 'Hugging Face',
    description: 'Reads or writes models, datasets and Spaces as the user.',
    keywords: ['hf_'],
    pattern: `${START}hf_[A-Za-z]{34}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'hf_',
    rotateUrl: 'https://huggingface.co/settings/tokens',
    source: `${FORMATS}; https://huggingface.co/docs/hub/security-tokens`,
  },
];
