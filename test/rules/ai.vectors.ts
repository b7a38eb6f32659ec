import { between, rand } from '../helpers/synth';
import type { Planted, RuleVectors } from '../helpers/vectors';

const B64URL = 'A-Za-z0-9_-';
const ALNUM = 'A-Za-z0-9';
const HEX = '0-9a-f';
const B64 = 'A-Za-z0-9+/';
/** Standard base64 without x/X, so that long random bodies never contain a run like `xxxxx` (a placeholder marker). */
const B64_NO_X = 'A-WYZa-wyz0-9+/';

/** A value assigned to a named variable, planted as one line. */
function assigned(text: string, secret: string): Planted {
  return { text: text + secret, secret };
}
function quoted(prefix: string, secret: string): Planted {
  return { text: prefix + secret + '"', secret };
}
function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
function uuidHex(): string {
  return [rand(HEX, 8), rand(HEX, 4), rand(HEX, 4), rand(HEX, 4), rand(HEX, 12)].join('-');
}
/** OpenAI's infix, split so that this file never holds a complete key shape. */
const INFIX = 'T3Blbk' + 'FJ';
const OPENAI_PLACEHOLDERS = ['sk-...', 'sk-xxxxxxxxxxxxxxxxxxxxxxxx', 'sk-proj-...', 'sk-YOUR_OPENAI_KEY', '${OPENAI_API_KEY}'];

/** A Bedrock short-term key: base64 of a presigned CallWithBearerToken request. */
function bedrockShortTerm(): string {
  const query = [
    'Action=CallWithBearerToken',
    'X-Amz-Algorithm=AWS4-HMAC-SHA256',
    'X-Amz-Credential=' + 'AS' + 'IA' + rand('A-Z2-7', 16) + '%2F20250101%2Fus-east-1%2Fbedrock%2Faws4_request',
    'X-Amz-Date=20250101T000000Z',
    'X-Amz-Expires=43200',
    'X-Amz-Security-Token=' + encodeURIComponent(rand(B64_NO_X, between(300, 1400))),
    'X-Amz-SignedHeaders=host',
    'X-Amz-Signature=' + rand(HEX, 64),
    'Version=1',
  ].join('&');
  return 'bedrock-api-key-' + base64('bedrock.amazonaws.com' + '/?' + query);
}

export const aiVectors: RuleVectors[] = [
  {
    rule: 'anthropic-api-key',
    positives: [
      () => 'sk-ant-' + 'api03-' + rand(B64URL, 93) + 'AA',
      () => 'sk-ant-' + 'api04-' + rand(B64URL, 93) + 'AA',
    ],
    negatives: [
      'sk-ant-api03-...',
      'sk-ant-xxxxxxxx',
      'sk-ant-api03-YOUR_KEY_HERE',
      '${ANTHROPIC_API_KEY}',
      () => 'sk-ant-' + 'api03-' + rand(B64URL, 92) + 'AA',
      () => 'sk-ant-' + 'api03-' + rand(B64URL, 94) + 'AA',
      () => 'sk-ant-' + 'api03-' + rand(B64URL, 93) + 'AB',
    ],
  },
  {
    rule: 'anthropic-admin-api-key',
    positives: [() => 'sk-ant-' + 'admin01-' + rand(B64URL, 93) + 'AA'],
    negatives: [
      'sk-ant-admin01-...',
      () => 'sk-ant-' + 'admin01-' + rand(B64URL, 94) + 'AA',
      () => 'sk-ant-' + 'admin01-' + rand(B64URL, 93) + 'BA',
    ],
  },
  {
    rule: 'anthropic-oauth-access-token',
    positives: [
      () => 'sk-ant-' + 'oat01-' + rand(B64URL, 80),
      () => 'sk-ant-' + 'oat01-' + rand(B64URL, 95),
      () => 'sk-ant-' + 'oat01-' + rand(B64URL, 120),
    ],
    negatives: [
      'sk-ant-oat01-...',
      () => 'sk-ant-' + 'oat01-' + rand(B64URL, 79),
      () => 'sk-ant-' + 'oat01-' + rand(B64URL, 121),
      () => 'sk-ant-' + 'oat01-' + rand(B64URL, 60) + '.' + rand(B64URL, 40),
    ],
  },
  {
    rule: 'anthropic-oauth-refresh-token',
    positives: [() => 'sk-ant-' + 'ort01-' + rand(B64URL, 80), () => 'sk-ant-' + 'ort01-' + rand(B64URL, 120)],
    negatives: [
      'sk-ant-ort01-...',
      () => 'sk-ant-' + 'ort01-' + rand(B64URL, 79),
      () => 'sk-ant-' + 'ort01-' + rand(B64URL, 121),
    ],
  },
  {
    rule: 'anthropic-session-key',
    positives: [() => 'sk-ant-' + 'sid01-' + rand(B64URL, 80), () => 'sk-ant-' + 'sid01-' + rand(B64URL, 120)],
    negatives: [
      'sk-ant-sid01-...',
      () => 'sk-ant-' + 'sid01-' + rand(B64URL, 79),
      () => 'sk-ant-' + 'sid01-' + rand(B64URL, 121),
    ],
  },
  {
    rule: 'openai-project-api-key',
    positives: [
      () => 'sk-' + 'proj-' + rand(B64URL, 74) + INFIX + rand(B64URL, 74),
      () => 'sk-' + 'proj-' + rand(B64URL, 58) + INFIX + rand(B64URL, 58),
    ],
    negatives: [
      ...OPENAI_PLACEHOLDERS,
      () => 'sk-' + 'proj-' + rand(B64URL, 156),
      () => 'sk-' + 'proj-' + rand(B64URL, 74) + 'T3BlbkFK' + rand(B64URL, 74),
      () => 'sk-' + 'proj-' + rand(B64URL, 74) + INFIX + rand(B64URL, 73),
      () => 'sk-' + 'proj-' + rand(B64URL, 74) + INFIX + rand(B64URL, 58),
    ],
  },
  {
    rule: 'openai-service-account-key',
    positives: [
      () => 'sk-' + 'svcacct-' + rand(B64URL, 74) + INFIX + rand(B64URL, 74),
      () => 'sk-' + 'svcacct-' + rand(B64URL, 58) + INFIX + rand(B64URL, 58),
    ],
    negatives: [
      ...OPENAI_PLACEHOLDERS,
      'sk-svcacct-...',
      () => 'sk-' + 'svcacct-' + rand(B64URL, 75) + INFIX + rand(B64URL, 74),
      () => 'sk-' + 'svcacct-' + rand(B64URL, 74) + 'T3BlbkEJ' + rand(B64URL, 74),
    ],
  },
  {
    rule: 'openai-admin-key',
    positives: [
      () => 'sk-' + 'admin-' + rand(B64URL, 58) + INFIX + rand(B64URL, 58),
      () => 'sk-' + 'admin-' + rand(B64URL, 74) + INFIX + rand(B64URL, 74),
    ],
    negatives: [
      'sk-admin-...',
      () => 'sk-' + 'admin-' + rand(B64URL, 57) + INFIX + rand(B64URL, 58),
      () => 'sk-' + 'admin-' + rand(B64URL, 124),
    ],
  },
  {
    rule: 'openai-user-api-key-legacy',
    positives: [() => 'sk-' + rand(ALNUM, 20) + INFIX + rand(ALNUM, 20)],
    negatives: [
      ...OPENAI_PLACEHOLDERS,
      // The same length without the infix belongs to other vendors.
      () => 'sk-' + rand(ALNUM, 48),
      () => 'sk-' + rand(ALNUM, 19) + INFIX + rand(ALNUM, 20),
      () => 'sk-' + rand(ALNUM, 20) + INFIX + rand(ALNUM, 21),
      () => 'sk-' + rand(ALNUM, 10) + '_' + rand(ALNUM, 9) + INFIX + rand(ALNUM, 20),
    ],
  },
  {
    rule: 'openai-unscoped-api-key',
    positives: [
      () => 'sk-' + 'None-' + rand(B64URL, 74) + INFIX + rand(B64URL, 74),
      () => 'sk-' + 'None-' + rand(B64URL, 58) + INFIX + rand(B64URL, 58),
    ],
    negatives: [
      'sk-None-...',
      () => 'sk-' + 'none-' + rand(B64URL, 74) + INFIX + rand(B64URL, 74),
      () => 'sk-' + 'None-' + rand(B64URL, 74) + INFIX + rand(B64URL, 75),
    ],
  },
  {
    rule: 'google-api-key',
    positives: [() => 'AIza' + 'Sy' + rand('A-D', 1) + rand(B64URL, 32)],
    negatives: [
      'AIzaSyabcdefghijklmnopqrstuvwxyz1234567',
      'AIzaSy...',
      'YOUR_GOOGLE_API_KEY',
      () => 'AIza' + 'Sy' + rand('A-D', 1) + rand(B64URL, 31),
      () => 'AIza' + 'Sy' + rand('A-D', 1) + rand(B64URL, 33),
      () => 'AIza' + 'Sy' + rand('E-Z', 1) + rand(B64URL, 32),
    ],
  },
  {
    rule: 'google-vertex-express-api-key',
    positives: [() => 'AQ.' + 'Ab8RN6' + rand(B64URL, 44)],
    negatives: [
      'AQ.Ab8RN6...',
      () => 'AQ.' + 'Ab8RN6' + rand(B64URL, 43),
      () => 'AQ.' + 'Ab8RN6' + rand(B64URL, 45),
      () => 'AQ.' + 'Ab8RN7' + rand(B64URL, 44),
    ],
  },
  {
    rule: 'groq-api-key',
    positives: [() => 'gsk_' + rand(ALNUM, 20) + 'WGdy' + 'b3FY' + rand(ALNUM, 24)],
    negatives: [
      'gsk_...',
      () => 'gsk_' + rand(ALNUM, 52),
      () => 'gsk_' + rand(ALNUM, 19) + 'WGdy' + 'b3FY' + rand(ALNUM, 24),
      () => 'gsk_' + rand(ALNUM, 20) + 'WGdy' + 'b3FY' + rand(ALNUM, 25),
    ],
  },
  {
    rule: 'mistral-api-key',
    positives: [
      () => assigned('MISTRAL_API_KEY=', rand(ALNUM, 32)),
      () => quoted('"mistral_api_key": "', rand(ALNUM, 32)),
      () => quoted('client = Mistral(api_key="', rand(ALNUM, 32)),
    ],
    negatives: [
      'MISTRAL_API_KEY=${MISTRAL_API_KEY}',
      'MISTRAL_API_KEY=your_mistral_api_key_here',
      () => rand(ALNUM, 32),
      () => 'MISTRAL_API_KEY=' + rand(ALNUM, 31),
      () => 'MISTRAL_API_KEY=' + rand(ALNUM, 33),
      () => 'MISTRAL_API_KEY=' + 'ab'.repeat(16),
      () => 'OPENAI_API_KEY=' + rand(ALNUM, 32),
    ],
  },
  {
    rule: 'cohere-api-key',
    positives: [
      () => assigned('COHERE_API_KEY=', rand(ALNUM, 40)),
      () => assigned('CO_API_KEY: ', rand(ALNUM, 40)),
      () => quoted('cohere.Client(api_key="', rand(ALNUM, 40)),
    ],
    negatives: [
      'CO_API_KEY=${CO_API_KEY}',
      () => rand(ALNUM, 40),
      () => 'COHERE_API_KEY=' + rand(ALNUM, 39),
      () => 'COHERE_API_KEY=' + rand(ALNUM, 41),
      () => 'DECO_API_KEY=' + rand(ALNUM, 40),
    ],
  },
  {
    rule: 'huggingface-user-token',
    positives: [() => 'hf_' + rand('A-Za-z', 34)],
    negatives: [
      'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'hf_...',
      () => 'hf_' + rand('A-Za-z', 33) + '7',
      () => 'hf_' + rand('A-Za-z', 35),
    ],
  },
  {
    rule: 'huggingface-org-token',
    positives: [() => 'api_' + 'org_' + rand('A-Za-z', 34)],
    negatives: [
      'api_org_...',
      () => 'api_' + 'org_' + rand('A-Za-z', 33),
      () => 'api_' + 'org_' + rand('A-Za-z', 33) + '5',
    ],
  },
  {
    rule: 'replicate-api-token',
    positives: [() => 'r8_' + rand(ALNUM, 37)],
    negatives: ['r8_...', () => 'r8_' + rand(ALNUM, 36), () => 'r8_' + rand(ALNUM, 38)],
  },
  {
    rule: 'together-api-key',
    positives: [() => 'tgp_' + 'v1_' + rand(B64URL, 43)],
    negatives: ['tgp_v1_...', () => 'tgp_' + 'v1_' + rand(B64URL, 42), () => 'tgp_' + 'v1_' + rand(B64URL, 44)],
  },
  {
    rule: 'perplexity-api-key',
    positives: [() => 'pplx-' + rand(ALNUM, 48)],
    negatives: ['pplx-...', () => 'pplx-' + rand(ALNUM, 47), () => 'pplx-' + rand(ALNUM, 49)],
  },
  {
    rule: 'xai-api-key',
    positives: [() => 'xai-' + rand(ALNUM, 80)],
    negatives: [
      'xai-...',
      () => 'xai-' + rand(ALNUM, 79),
      () => 'xai-' + rand(ALNUM, 81),
      () => 'xai-' + rand(ALNUM, 40) + '_' + rand(ALNUM, 39),
    ],
  },
  {
    rule: 'xai-management-key',
    positives: [() => 'xai-' + 'token-' + rand(ALNUM, 80)],
    negatives: ['xai-token-...', () => 'xai-' + 'token-' + rand(ALNUM, 79), () => 'xai-' + 'token-' + rand(ALNUM, 81)],
  },
  {
    rule: 'deepseek-api-key',
    positives: [
      () => assigned('DEEPSEEK_API_KEY=', 'sk-' + rand(HEX, 32)),
      () => quoted('deepseek_key = "', 'sk-' + rand(HEX, 32)),
      () => quoted('client = DeepSeek(api_key="', 'sk-' + rand(HEX, 32)),
    ],
    negatives: [
      'DEEPSEEK_API_KEY=sk-...',
      () => 'sk-' + rand(HEX, 32),
      () => 'DEEPSEEK_API_KEY=' + 'sk-' + rand(HEX, 31),
      () => 'DEEPSEEK_API_KEY=' + 'sk-' + rand(HEX, 33),
      () => 'DEEPSEEK_API_KEY=' + rand(HEX, 32),
    ],
  },
  {
    rule: 'openrouter-api-key',
    positives: [() => 'sk-' + 'or-v1-' + rand(HEX, 64)],
    negatives: [
      'sk-or-v1-...',
      () => 'sk-' + 'or-v1-' + rand(HEX, 63),
      () => 'sk-' + 'or-v1-' + rand(HEX, 65),
      () => 'sk-' + 'or-v1-' + rand('G-Z', 1) + rand(HEX, 63),
    ],
  },
  {
    rule: 'fireworks-api-key',
    positives: [() => 'fw_' + rand(ALNUM, 24)],
    negatives: [
      'fw_...',
      () => 'fw_' + rand(ALNUM, 23),
      () => 'fw_' + rand(ALNUM, 25),
      () => 'fw_' + 'ab'.repeat(12),
      () => 'my_' + 'fw_' + rand(ALNUM, 24),
    ],
  },
  {
    rule: 'elevenlabs-api-key',
    positives: [
      () => assigned('ELEVENLABS_API_KEY=', 'sk_' + rand(HEX, 48)),
      () => assigned('xi-api-key: ', 'sk_' + rand(HEX, 48)),
      () => quoted('ElevenLabs(api_key="', 'sk_' + rand(HEX, 48)),
    ],
    negatives: [
      'ELEVENLABS_API_KEY=sk_...',
      () => 'sk_' + rand(HEX, 48),
      () => 'ELEVENLABS_API_KEY=' + 'sk_' + rand(HEX, 47),
      () => 'ELEVENLABS_API_KEY=' + 'sk_' + rand(HEX, 49),
    ],
  },
  {
    rule: 'cerebras-api-key',
    positives: [() => 'csk-' + rand('a-z0-9', 48)],
    negatives: [
      'csk-...',
      () => 'csk-' + rand('a-z0-9', 47),
      () => 'csk-' + rand('a-z0-9', 49),
      () => 'csk-' + rand('A-Z', 1) + rand('a-z0-9', 47),
    ],
  },
  {
    rule: 'nvidia-api-key',
    positives: [() => 'nvapi-' + rand(B64URL, 64)],
    negatives: ['nvapi-...', () => 'nvapi-' + rand(B64URL, 63), () => 'nvapi-' + rand(B64URL, 65)],
  },
  {
    rule: 'langsmith-personal-token',
    positives: [() => 'lsv2_' + 'pt_' + rand(HEX, 32) + '_' + rand(HEX, 10)],
    negatives: [
      'lsv2_pt_...',
      () => 'lsv2_' + 'pt_' + rand(HEX, 31) + '_' + rand(HEX, 10),
      () => 'lsv2_' + 'pt_' + rand(HEX, 32) + '_' + rand(HEX, 11),
      () => 'lsv2_' + 'pt_' + rand(HEX, 32) + '-' + rand(HEX, 10),
    ],
  },
  {
    rule: 'langsmith-service-key',
    positives: [() => 'lsv2_' + 'sk_' + rand(HEX, 32) + '_' + rand(HEX, 10)],
    negatives: [
      'lsv2_sk_...',
      () => 'lsv2_' + 'sk_' + rand(HEX, 32) + '_' + rand(HEX, 9),
      () => 'lsv2_' + 'sk_' + rand(HEX, 42),
    ],
  },
  {
    rule: 'langfuse-secret-key',
    positives: [() => 'sk-' + 'lf-' + uuidHex()],
    negatives: [
      'sk-lf-...',
      // The public half is not a secret.
      () => 'pk-' + 'lf-' + uuidHex(),
      () => 'sk-' + 'lf-' + uuidHex().slice(1),
      () => 'sk-' + 'lf-' + uuidHex().replace(/-/g, ''),
    ],
  },
  {
    rule: 'pinecone-api-key',
    positives: [
      () => 'pcsk_' + rand(ALNUM, 5) + '_' + rand(ALNUM, 63),
      () => 'pcsk_' + rand(ALNUM, 6) + '_' + rand(ALNUM, 63),
    ],
    negatives: [
      'pcsk_...',
      () => 'pcsk_' + rand(ALNUM, 4) + '_' + rand(ALNUM, 63),
      () => 'pcsk_' + rand(ALNUM, 7) + '_' + rand(ALNUM, 63),
      () => 'pcsk_' + rand(ALNUM, 5) + '_' + rand(ALNUM, 62),
    ],
  },
  {
    rule: 'tavily-api-key',
    positives: [
      () => 'tvly-' + rand(ALNUM, 32),
      () => 'tvly-' + 'dev-' + rand(ALNUM, 32),
      () => 'tvly-' + 'prod-' + rand(ALNUM, 32),
    ],
    negatives: [
      'tvly-...',
      () => 'tvly-' + rand(ALNUM, 31),
      () => 'tvly-' + rand(ALNUM, 33),
      () => 'tvly-' + 'stage-' + rand(ALNUM, 32),
    ],
  },
  {
    rule: 'firecrawl-api-key',
    positives: [() => 'fc-' + rand(HEX, 32)],
    negatives: [
      'fc-...',
      () => 'fc-' + rand(HEX, 31),
      () => 'fc-' + rand(HEX, 33),
      () => 'fc-' + 'ab12'.repeat(8),
      () => 'fc-' + rand('G-Z', 1) + rand(HEX, 31),
    ],
  },
  {
    rule: 'jina-api-key',
    positives: [() => 'jina_' + rand(ALNUM, 60)],
    negatives: ['jina_...', () => 'jina_' + rand(ALNUM, 59), () => 'jina_' + rand(ALNUM, 61)],
  },
  {
    rule: 'wandb-api-key',
    positives: [() => 'wandb_' + 'v1_' + rand(ALNUM, 27) + '_' + rand(ALNUM, 49)],
    negatives: [
      'wandb_v1_...',
      () => 'wandb_' + 'v1_' + rand(ALNUM, 26) + '_' + rand(ALNUM, 49),
      () => 'wandb_' + 'v1_' + rand(ALNUM, 27) + '_' + rand(ALNUM, 50),
      () => 'wandb_' + 'v1_' + rand(ALNUM, 77),
    ],
  },
  {
    rule: 'wandb-api-key-legacy',
    positives: [
      () => assigned('WANDB_API_KEY=', rand(HEX, 40)),
      () => quoted('wandb.login(key="', rand(HEX, 40)),
      () => assigned('machine api.wandb.ai login user password ', rand(HEX, 40)),
    ],
    negatives: [
      'WANDB_API_KEY=${WANDB_API_KEY}',
      () => rand(HEX, 40),
      () => 'commit ' + rand(HEX, 40),
      () => 'WANDB_API_KEY=' + rand(HEX, 39),
      () => 'WANDB_API_KEY=' + rand(HEX, 41),
    ],
  },
  {
    rule: 'assemblyai-api-key',
    positives: [
      () => assigned('ASSEMBLYAI_API_KEY=', rand(HEX, 32)),
      () => quoted('assemblyai_key = "', rand(HEX, 32)),
    ],
    negatives: [
      'ASSEMBLYAI_API_KEY=${ASSEMBLYAI_API_KEY}',
      () => rand(HEX, 32),
      () => 'ASSEMBLYAI_API_KEY=' + rand(HEX, 31),
      () => 'ASSEMBLYAI_API_KEY=' + rand(HEX, 33),
    ],
  },
  {
    rule: 'deepgram-api-key',
    positives: [() => assigned('DEEPGRAM_API_KEY=', rand(HEX, 40)), () => quoted('"deepgramApiKey": "', rand(HEX, 40))],
    negatives: [
      'DEEPGRAM_API_KEY=${DEEPGRAM_API_KEY}',
      () => rand(HEX, 40),
      () => 'DEEPGRAM_API_KEY=' + rand(HEX, 39),
      () => 'DEEPGRAM_API_KEY=' + rand(HEX, 41),
    ],
  },
  {
    rule: 'stability-api-key',
    positives: [() => assigned('STABILITY_API_KEY=', 'sk-' + rand(ALNUM, 48)), () => quoted('"stability_key": "', 'sk-' + rand(ALNUM, 48))],
    negatives: [
      'STABILITY_API_KEY=sk-...',
      // Without the vendor's name the shape is ambiguous (Moonshot, old OpenAI keys).
      () => 'sk-' + rand(ALNUM, 48),
      () => 'MOONSHOT_API_KEY=' + 'sk-' + rand(ALNUM, 48),
      () => 'STABILITY_API_KEY=' + 'sk-' + rand(ALNUM, 47),
      () => 'STABILITY_API_KEY=' + 'sk-' + rand(ALNUM, 49),
    ],
  },
  {
    rule: 'moonshot-kimi-api-key',
    positives: [
      () => assigned('MOONSHOT_API_KEY=', 'sk-' + rand(ALNUM, 48)),
      () => assigned('KIMI_API_KEY: ', 'sk-' + rand(ALNUM, 48)),
    ],
    negatives: [
      'MOONSHOT_API_KEY=sk-...',
      () => 'sk-' + rand(ALNUM, 48),
      () => 'STABILITY_API_KEY=' + 'sk-' + rand(ALNUM, 48),
      () => 'AKIMI_KEY=' + 'sk-' + rand(ALNUM, 48),
      () => 'MOONSHOT_API_KEY=' + 'sk-' + rand(ALNUM, 49),
    ],
  },
  {
    rule: 'zhipu-zai-api-key',
    positives: [
      () => assigned('ZHIPUAI_API_KEY=', rand(HEX, 32) + '.' + rand(ALNUM, 16)),
      () => assigned('GLM_API_KEY: ', rand(HEX, 32) + '.' + rand(ALNUM, 16)),
      () => quoted('"bigmodel_key": "', rand(HEX, 32) + '.' + rand(ALNUM, 16)),
    ],
    negatives: [
      'ZHIPUAI_API_KEY=${ZHIPUAI_API_KEY}',
      () => rand(HEX, 32) + '.' + rand(ALNUM, 16),
      () => 'ZHIPUAI_API_KEY=' + rand(HEX, 32) + rand(ALNUM, 16),
      () => 'ZHIPUAI_API_KEY=' + rand(HEX, 32) + '.' + rand(ALNUM, 15),
      () => 'ZHIPUAI_API_KEY=' + rand(HEX, 31) + '.' + rand(ALNUM, 16),
    ],
  },
  {
    rule: 'cursor-admin-api-key',
    positives: [() => assigned('CURSOR_API_KEY=', 'key_' + rand(HEX, 64)), () => quoted('"cursorAdminKey": "', 'key_' + rand(HEX, 64))],
    negatives: [
      'CURSOR_API_KEY=key_...',
      () => 'key_' + rand(HEX, 64),
      () => 'CURSOR_API_KEY=' + 'key_' + rand(HEX, 63),
      () => 'CURSOR_API_KEY=' + 'key_' + rand(HEX, 65),
    ],
  },
  {
    rule: 'azure-openai-api-key-legacy',
    positives: [
      () => assigned('AZURE_OPENAI_API_KEY=', rand(HEX, 32)),
      () => assigned('api-key: ', rand(HEX, 32)),
      () => quoted('client = AzureOpenAI(api_key="', rand(HEX, 32)),
      () => assigned('COGNITIVE_SERVICES_KEY=', rand(HEX, 32)),
    ],
    negatives: [
      'AZURE_OPENAI_API_KEY=${AZURE_OPENAI_API_KEY}',
      () => rand(HEX, 32),
      () => 'x-api-key: ' + rand(HEX, 32),
      () => 'AZURE_OPENAI_API_KEY=' + rand(HEX, 31),
      () => 'AZURE_OPENAI_API_KEY=' + rand(HEX, 33),
    ],
  },
  {
    rule: 'azure-openai-api-key',
    positives: [
      () => rand(ALNUM, 52) + 'JQQJ' + '99' + rand(ALNUM, 1) + rand('A-L', 1) + rand(ALNUM, 12) + 'AAAB' + 'ACOG' + rand(ALNUM, 4),
      () => rand(ALNUM, 52) + 'JQQJ' + '99' + rand(ALNUM, 1) + rand('A-L', 1) + rand(ALNUM, 12) + 'AAAB' + 'ACOG' + rand(ALNUM, 6) + '==',
    ],
    negatives: [
      // Cognitive Services signature (a different rule), wrong marker, wrong length.
      () => rand(ALNUM, 52) + 'JQQJ' + '99' + rand(ALNUM, 1) + rand('A-L', 1) + rand(ALNUM, 12) + 'AAAA' + 'ACOG' + rand(ALNUM, 4),
      () => rand(ALNUM, 52) + 'JQQJ' + '98' + rand(ALNUM, 1) + rand('A-L', 1) + rand(ALNUM, 12) + 'AAAB' + 'ACOG' + rand(ALNUM, 4),
      () => rand(ALNUM, 52) + 'JQQJ' + '99' + rand(ALNUM, 1) + rand('M-Z', 1) + rand(ALNUM, 12) + 'AAAB' + 'ACOG' + rand(ALNUM, 4),
      () => rand(ALNUM, 53) + 'JQQJ' + '99' + rand(ALNUM, 1) + rand('A-L', 1) + rand(ALNUM, 12) + 'AAAB' + 'ACOG' + rand(ALNUM, 4),
      () => rand(ALNUM, 52) + 'JQQJ' + '99' + rand(ALNUM, 1) + rand('A-L', 1) + rand(ALNUM, 12) + 'AAAB' + 'ACOG' + rand(ALNUM, 5),
    ],
  },
  {
    rule: 'aws-bedrock-api-key-long-term',
    positives: [
      () =>
        'AB' + 'SK' + base64('Bedrock' + 'APIKey-' + rand('a-z0-9', 4) + '-at-' + rand('0-9', 12) + ':' + rand(B64, 59) + '='),
      () => 'AB' + 'SK' + 'QmVkcm9ja0FQ' + 'SUtleS' + rand(B64, 91),
      () => 'AB' + 'SK' + 'QmVkcm9ja0FQ' + 'SUtleS' + rand(B64, 251) + '==',
    ],
    negatives: [
      'ABSKQmVkcm9ja0FQSUtleS0...',
      () => 'AB' + 'SK' + 'QmVkcm9ja0FQ' + 'SUtleS' + rand(B64, 90),
      () => 'AB' + 'SK' + 'QmVkcm9ja0FQ' + 'SUtleS' + rand(B64, 252),
      () => 'AB' + 'SK' + 'QmVkcm9ja0FQ' + 'SUtleT' + rand(B64, 110),
    ],
  },
  {
    rule: 'aws-bedrock-api-key-short-term',
    positives: [
      bedrockShortTerm,
      () => 'bedrock-' + 'api-key-' + 'YmVkcm9jay5h' + 'bWF6b25hd3MuY29t' + rand(B64_NO_X, 200),
      () => 'bedrock-' + 'api-key-' + 'YmVkcm9jay5h' + 'bWF6b25hd3MuY29t' + rand(B64_NO_X, 4000) + '=',
    ],
    negatives: [
      'bedrock-api-key-...',
      'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t',
      () => 'bedrock-' + 'api-key-' + 'YmVkcm9jay5h' + 'bWF6b25hd3MuY29t' + rand(B64_NO_X, 199),
      () => 'bedrock-' + 'api-key-' + 'YmVkcm9jay5h' + 'bWF6b25hd3MuY29t' + rand(B64_NO_X, 4001),
      () => 'bedrock-' + 'api-key-' + 'ZmVkcm9jay5h' + 'bWF6b25hd3MuY29t' + rand(B64_NO_X, 300),
    ],
  },
];
