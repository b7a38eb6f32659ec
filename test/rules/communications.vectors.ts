import { between, rand } from '../helpers/synth';
import type { RuleVectors } from '../helpers/vectors';

const AN = 'A-Za-z0-9';
const B64URL = 'A-Za-z0-9_-';
const HEX = '0-9a-f';

const digits = (min: number, max = min): string => rand('1-9', 1) + rand('0-9', between(min, max) - 1);
const uuid = (): string => [8, 4, 4, 4, 12].map((n) => rand(HEX, n)).join('-');

/** First part of a Discord bot token: unpadded base64url of a numeric user id of `n` digits. */
const discordUserId = (n: number): string => Buffer.from(digits(n), 'ascii').toString('base64url');

const teamsUrl = (): string =>
  'https://' +
  rand('a-z0-9', between(3, 20)) +
  '.webhook.' +
  'office.com/webhookb2/' +
  uuid() +
  '@' +
  uuid() +
  '/IncomingWebhook/' +
  rand(HEX, 32) +
  '/' +
  uuid();

export const communicationsVectors: RuleVectors[] = [
  {
    rule: 'slack-bot-token',
    positives: [
      () => 'xo' + 'xb-' + digits(10) + '-' + digits(10) + '-' + rand(AN, 24),
      () => 'xo' + 'xb-' + digits(13) + '-' + digits(13) + '-' + rand(AN, 24),
    ],
    negatives: [
      'xoxb-your-bot-token',
      'xoxb-XXXXXXXXXXXX-XXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX',
      'xoxb-...',
      () => 'xo' + 'xb-' + digits(12) + '-' + digits(12) + '-' + rand(AN, 23),
      () => 'xo' + 'xb-' + digits(9) + '-' + digits(12) + '-' + rand(AN, 24),
      () => 'xo' + 'xb-' + digits(12) + '-' + digits(12) + '-' + rand(AN, 25),
    ],
  },
  {
    rule: 'slack-user-token',
    positives: [
      () => 'xo' + 'xp-' + digits(10) + '-' + digits(10) + '-' + digits(10) + '-' + rand(HEX, 32),
      () => 'xo' + 'xp-' + digits(13) + '-' + digits(13) + '-' + digits(13) + '-' + rand(HEX, 32),
    ],
    negatives: [
      'xoxp-...',
      () => 'xo' + 'xp-' + digits(12) + '-' + digits(12) + '-' + digits(12) + '-' + rand(HEX, 31),
      () => 'xo' + 'xp-' + digits(12) + '-' + digits(12) + '-' + digits(12) + '-' + rand('0-9A-F', 32),
      () => 'xo' + 'xp-' + digits(12) + '-' + digits(12) + '-' + rand(HEX, 32),
    ],
  },
  {
    rule: 'slack-app-level-token',
    positives: [() => 'xa' + 'pp-' + rand('1-9', 1) + '-A' + rand('A-Z0-9', 10) + '-' + digits(13) + '-' + rand(HEX, 64)],
    negatives: [
      'xapp-...',
      () => 'xa' + 'pp-1-A' + rand('A-Z0-9', 10) + '-' + digits(13) + '-' + rand(HEX, 63),
      () => 'xa' + 'pp-1-B' + rand('A-Z0-9', 10) + '-' + digits(13) + '-' + rand(HEX, 64),
      () => 'xa' + 'pp-1-A' + rand('A-Z0-9', 10) + '-' + digits(12) + '-' + rand(HEX, 64),
    ],
  },
  {
    rule: 'slack-config-access-token',
    positives: [
      () => 'xoxe.' + 'xoxp-' + rand('1-9', 1) + '-' + rand(AN, 166),
      () => 'xoxe.' + 'xoxb-' + rand('1-9', 1) + '-' + rand(AN, 166),
    ],
    negatives: [
      'xoxe.xoxp-1-...',
      () => 'xoxe.' + 'xoxp-1-' + rand(AN, 165),
      () => 'xoxe.' + 'xoxp-1-' + rand(AN, 167),
    ],
  },
  {
    rule: 'slack-config-refresh-token',
    positives: [() => 'xo' + 'xe-' + rand('1-9', 1) + '-' + rand(AN, 147)],
    negatives: ['xoxe-1-...', () => 'xo' + 'xe-1-' + rand(AN, 146), () => 'xo' + 'xe-1-' + rand(AN, 148)],
  },
  {
    rule: 'slack-session-token',
    positives: [
      () => 'xo' + 'xc-' + digits(9) + '-' + digits(9) + '-' + digits(9) + '-' + rand(HEX, 64),
      () => 'xo' + 'xc-' + digits(15) + '-' + digits(15) + '-' + digits(15) + '-' + rand(HEX, 64),
    ],
    negatives: [
      'xoxc-...',
      () => 'xo' + 'xc-' + digits(12) + '-' + digits(12) + '-' + digits(12) + '-' + rand(HEX, 63),
      () => 'xo' + 'xc-' + digits(8) + '-' + digits(12) + '-' + digits(12) + '-' + rand(HEX, 64),
    ],
  },
  {
    rule: 'slack-session-cookie',
    positives: [
      () => 'xo' + 'xd-' + rand('A-Za-z0-9%/+_-', 100),
      () => 'xo' + 'xd-' + rand(AN, 120) + '%2B' + rand(AN, 60) + '%2F' + rand(AN, 40) + '%3D%3D',
      () => 'xo' + 'xd-' + rand('A-Za-z0-9%/+', 300),
    ],
    negatives: ['xoxd-...', () => 'xo' + 'xd-' + rand(AN, 99), () => 'xo' + 'xd-' + rand(AN, 301)],
  },
  {
    rule: 'slack-legacy-workspace-token',
    positives: [
      () => 'xo' + 'xa-2-' + digits(10) + '-' + digits(13) + '-' + rand(AN, 24),
      () => 'xo' + 'xr-' + digits(13) + '-' + digits(10) + '-' + rand(AN, 32),
    ],
    negatives: [
      'xoxa-2-...',
      () => 'xo' + 'xa-2-' + digits(12) + '-' + digits(12) + '-' + rand(AN, 23),
      () => 'xo' + 'xr-' + digits(12) + '-' + digits(12) + '-' + rand(AN, 33),
      () => 'xo' + 'xa-3-' + digits(12) + '-' + digits(12) + '-' + rand(AN, 28),
    ],
  },
  {
    rule: 'slack-legacy-token',
    positives: [
      () => 'xo' + 'xs-' + digits(10) + '-' + digits(10) + '-' + digits(10) + '-' + rand(HEX, 32),
      () => 'xo' + 'xo-' + digits(13) + '-' + digits(13) + '-' + digits(13) + '-' + rand(HEX, 64),
    ],
    negatives: [
      'xoxs-...',
      () => 'xo' + 'xs-' + digits(12) + '-' + digits(12) + '-' + digits(12) + '-' + rand(HEX, 31),
      () => 'xo' + 'xo-' + digits(12) + '-' + digits(12) + '-' + digits(12) + '-' + rand(HEX, 65),
    ],
  },
  {
    rule: 'slack-incoming-webhook',
    positives: [
      () => 'https://hooks.' + 'slack.com/services/T' + rand('A-Z0-9', 8) + '/B' + rand('A-Z0-9', 8) + '/' + rand(AN, 24),
      () => 'https://hooks.' + 'slack.com/services/T' + rand('A-Z0-9', 10) + '/B' + rand('A-Z0-9', 10) + '/' + rand(AN, 24),
      () => 'hooks.' + 'slack.com/services/T' + rand('A-Z0-9', 9) + '/B' + rand('A-Z0-9', 9) + '/' + rand(AN, 24),
    ],
    negatives: [
      'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'https://hooks.slack.com/services/...',
      () => 'https://hooks.' + 'slack.com/services/T' + rand('A-Z0-9', 9) + '/B' + rand('A-Z0-9', 9) + '/' + rand(AN, 23),
      () => 'https://hooks.' + 'slack.com/services/T' + rand('a-z', 9) + '/B' + rand('A-Z0-9', 9) + '/' + rand(AN, 24),
    ],
  },
  {
    rule: 'slack-workflow-webhook',
    positives: [
      () =>
        'https://hooks.' + 'slack.com/workflows/T' + rand('A-Z0-9', 8) + '/A' + rand('A-Z0-9', 8) + '/' + digits(17) + '/' + rand(AN, 24),
      () =>
        'https://hooks.' + 'slack.com/triggers/T' + rand('A-Z0-9', 10) + '/A' + rand('A-Z0-9', 10) + '/' + digits(19) + '/' + rand(AN, 32),
    ],
    negatives: [
      'https://hooks.slack.com/workflows/...',
      () =>
        'https://hooks.' + 'slack.com/workflows/T' + rand('A-Z0-9', 9) + '/A' + rand('A-Z0-9', 9) + '/' + digits(18) + '/' + rand(AN, 23),
      () =>
        'https://hooks.' + 'slack.com/workflows/T' + rand('A-Z0-9', 9) + '/B' + rand('A-Z0-9', 9) + '/' + digits(18) + '/' + rand(AN, 28),
    ],
  },
  {
    rule: 'discord-bot-token',
    positives: [
      () => discordUserId(18) + '.' + rand(B64URL, 6) + '.' + rand(B64URL, 38),
      () => discordUserId(19) + '.' + rand(B64URL, 6) + '.' + rand(B64URL, 27),
      () => discordUserId(17) + '.' + rand(B64URL, 6) + '.' + rand(B64URL, 38),
      () => discordUserId(20) + '.' + rand(B64URL, 6) + '.' + rand(B64URL, 38),
    ],
    negatives: [
      // first part that does not decode to digits
      () => 'M' + rand(AN, 23) + '.' + rand(B64URL, 6) + '.' + rand(B64URL, 38),
      () => discordUserId(18) + '.' + rand(B64URL, 6) + '.' + rand(B64URL, 26),
      () => discordUserId(18) + '.' + rand(B64URL, 5) + '.' + rand(B64URL, 38),
      () => discordUserId(18) + '.' + rand(B64URL, 6) + '.' + rand(B64URL, 39),
    ],
  },
  {
    rule: 'discord-webhook-url',
    positives: [
      () => 'https://discord.' + 'com/api/webhooks/' + digits(17) + '/' + rand(B64URL, 68),
      () => 'https://discordapp.' + 'com/api/webhooks/' + digits(19) + '/' + rand(B64URL, 68),
      () => 'https://canary.discord.' + 'com/api/webhooks/' + digits(18) + '/' + rand(B64URL, 68),
    ],
    negatives: [
      'https://discord.com/api/webhooks/.../...',
      () => 'https://discord.' + 'com/api/webhooks/' + digits(18) + '/' + rand(B64URL, 67),
      () => 'https://discord.' + 'com/api/webhooks/' + digits(16) + '/' + rand(B64URL, 68),
      () => 'https://discord.' + 'com/api/webhooks/' + rand('a-z', 18) + '/' + rand(B64URL, 68),
    ],
  },
  {
    rule: 'telegram-bot-token',
    positives: [
      () => digits(8) + ':' + 'AA' + rand(B64URL, 33),
      () => digits(10) + ':' + 'AA' + rand(B64URL, 33),
      () => {
        const t = digits(10) + ':' + 'AA' + rand(B64URL, 33);
        return { text: 'https://api.telegram.org/bot' + t + '/sendMessage', secret: t };
      },
    ],
    negatives: [
      '123456789:AA...',
      () => digits(9) + ':' + 'AB' + rand(B64URL, 33),
      () => digits(9) + ':' + 'AA' + rand(B64URL, 32),
      () => digits(7) + ':' + 'AA' + rand(B64URL, 33),
      () => digits(9) + ':' + 'AA' + rand(B64URL, 34),
    ],
  },
  {
    rule: 'twilio-account-sid',
    positives: [() => 'A' + 'C' + rand(HEX, 32)],
    negatives: [
      'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'AC00000000000000000000000000000000',
      () => 'A' + 'C' + rand(HEX, 31),
      () => 'A' + 'C' + rand(HEX, 33),
      () => 'A' + 'C' + rand('0-9A-F', 32),
    ],
  },
  {
    rule: 'twilio-auth-token',
    positives: [
      () => {
        const t = rand(HEX, 32);
        return { text: 'TWILIO_AUTH_TOKEN: ' + t, secret: t };
      },
      () => {
        const t = rand(HEX, 32);
        return { text: 'twilio_auth_token = ' + t, secret: t };
      },
      () => {
        const t = rand(HEX, 32);
        return { text: 'TWILIO_AUTH_TOKEN=' + t, secret: t };
      },
      () => {
        const t = rand(HEX, 32);
        return { text: 'twilio_auth_token = "' + t + '"', secret: t };
      },
      // account SID as the user, auth token as the password
      () => {
        const t = rand(HEX, 32);
        return { text: 'A' + 'C' + rand(HEX, 32) + ':' + t, secret: t };
      },
    ],
    negatives: [
      'TWILIO_AUTH_TOKEN=your_auth_token',
      'twilio_auth_token = "00000000000000000000000000000000"',
      () => 'TWILIO_AUTH_TOKEN=' + rand(HEX, 31),
      () => 'TWILIO_AUTH_TOKEN=' + rand(HEX, 33),
      () => 'TWILIO_ACCOUNT_SID=' + 'A' + 'C' + rand(HEX, 32),
      () => 'auth_token = "' + rand(HEX, 32) + '"',
    ],
  },
  {
    rule: 'twilio-api-key-sid',
    positives: [() => 'S' + 'K' + rand(HEX, 32)],
    negatives: [
      'SKXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'SK00000000000000000000000000000000',
      () => 'S' + 'K' + rand(HEX, 31),
      () => 'S' + 'K' + rand(HEX, 33),
      () => 'TASK' + rand(HEX, 32),
    ],
  },
  {
    rule: 'sendgrid-api-key',
    positives: [() => 'S' + 'G.' + rand(B64URL, 22) + '.' + rand(B64URL, 43)],
    negatives: [
      'SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'SG....',
      () => 'S' + 'G.' + rand(B64URL, 21) + '.' + rand(B64URL, 43),
      () => 'S' + 'G.' + rand(B64URL, 22) + '.' + rand(B64URL, 44),
    ],
  },
  {
    rule: 'mailgun-api-key-legacy',
    positives: [() => 'key' + '-' + rand(HEX, 32)],
    negatives: [
      'key-...',
      'key-00000000000000000000000000000000',
      () => 'key' + '-' + rand(HEX, 31),
      () => 'key' + '-' + rand(HEX, 33),
      () => 'cache-key' + '-' + rand(HEX, 32),
    ],
  },
  {
    rule: 'mailgun-api-key',
    positives: [() => rand(HEX, 32) + '-' + rand(HEX, 8) + '-' + rand(HEX, 8)],
    negatives: [
      '00000000000000000000000000000000-00000000-00000000',
      () => rand(HEX, 32) + '-' + rand(HEX, 8) + '-' + rand(HEX, 7),
      () => rand(HEX, 31) + '-' + rand(HEX, 8) + '-' + rand(HEX, 8),
      () => rand(HEX, 32) + '-' + rand(HEX, 8) + '-' + rand(HEX, 8) + '-' + rand(HEX, 4),
      uuid,
    ],
  },
  {
    rule: 'mailchimp-api-key',
    positives: [() => rand(HEX, 32) + '-' + 'us' + rand('1-9', 1), () => rand(HEX, 32) + '-' + 'us' + rand('1-9', 1) + rand('0-9', 1)],
    negatives: [
      '00000000000000000000000000000000-us1',
      () => rand(HEX, 31) + '-' + 'us' + '6',
      () => rand(HEX, 32) + '-' + 'eu' + '6',
      () => rand(HEX, 32) + '-' + 'us' + '123',
    ],
  },
  {
    rule: 'mandrill-api-key',
    positives: [
      () => {
        const k = rand(B64URL, 22);
        return { text: 'MANDRILL_API_KEY: ' + k, secret: k };
      },
      () => {
        const k = rand(AN, 22);
        return { text: 'mandrill_key = ' + k, secret: k };
      },
      () => {
        const k = rand(AN, 22);
        return { text: 'MANDRILL_API_KEY="' + k + '"', secret: k };
      },
    ],
    negatives: [
      'MANDRILL_API_KEY=${MANDRILL_API_KEY}',
      () => 'MANDRILL_API_KEY=' + rand(AN, 21),
      () => 'MANDRILL_API_KEY=' + rand(AN, 23),
      () => 'MAILER_API_KEY=' + rand(AN, 22),
    ],
  },
  {
    rule: 'postmark-server-token',
    positives: [
      () => {
        const t = uuid();
        return { text: 'POSTMARK_API_TOKEN: ' + t, secret: t };
      },
      () => {
        const t = uuid();
        return { text: 'X-Postmark-Server-Token: ' + t, secret: t };
      },
      () => {
        const t = uuid();
        return { text: 'POSTMARK_API_TOKEN=' + t, secret: t };
      },
    ],
    negatives: [
      'POSTMARK_API_TEST',
      'X-Postmark-Server-Token: POSTMARK_API_TEST',
      'POSTMARK_API_TOKEN=00000000-0000-0000-0000-000000000000',
      () => 'REQUEST_ID=' + uuid(),
      () => 'POSTMARK_API_TOKEN=' + uuid().slice(0, -1),
    ],
  },
  {
    rule: 'brevo-api-key',
    positives: [() => 'xkey' + 'sib-' + rand(HEX, 64) + '-' + rand(AN, 16)],
    negatives: [
      'xkeysib-...',
      () => 'xkey' + 'sib-' + rand(HEX, 64) + '-' + rand(AN, 15),
      () => 'xkey' + 'sib-' + rand(HEX, 63) + '-' + rand(AN, 16),
    ],
  },
  {
    rule: 'brevo-smtp-key',
    positives: [() => 'xsmtp' + 'sib-' + rand(HEX, 64) + '-' + rand(AN, 16)],
    negatives: [
      'xsmtpsib-...',
      () => 'xsmtp' + 'sib-' + rand(HEX, 64) + '-' + rand(AN, 17),
      () => 'xsmtp' + 'sib-' + rand(AN, 64) + '-' + rand(AN, 16),
    ],
  },
  {
    rule: 'resend-api-key',
    positives: [() => 're' + '_' + rand(AN, 8) + '_' + rand(AN, 24)],
    negatives: [
      're_...',
      () => 're' + '_' + rand(AN, 8) + '_' + rand(AN, 23),
      () => 're' + '_' + rand(AN, 7) + '_' + rand(AN, 24),
      () => 'pre' + '_' + rand(AN, 8) + '_' + rand(AN, 24),
      () => 're' + '_' + 'aaaabbbb' + '_' + 'aaaabbbbaaaabbbbaaaabbbb',
    ],
  },
  {
    rule: 'microsoft-teams-webhook',
    positives: [
      teamsUrl,
      () => {
        const url = teamsUrl();
        return { text: url + '/V2' + rand(B64URL, 43), secret: url };
      },
    ],
    negatives: [
      'https://contoso.webhook.office.com/webhookb2/...',
      () => teamsUrl().replace('/IncomingWebhook/', '/OutgoingWebhook/'),
      () => teamsUrl().slice(0, -1),
    ],
  },
  {
    rule: 'zapier-webhook-url',
    positives: [
      () => 'https://hooks.' + 'zapier.com/hooks/catch/' + digits(5) + '/' + rand('a-z0-9', 6) + '/',
      () => 'https://hooks.' + 'zapier.com/hooks/catch/' + digits(10) + '/' + rand('a-z0-9', 8) + '/',
      () => 'https://hooks.' + 'zapier.com/hooks/catch/' + digits(8) + '/' + rand('a-z0-9', 7),
    ],
    negatives: [
      'https://hooks.zapier.com/hooks/catch/.../',
      () => 'https://hooks.' + 'zapier.com/hooks/catch/' + digits(4) + '/' + rand('a-z0-9', 7) + '/',
      () => 'https://hooks.' + 'zapier.com/hooks/catch/' + digits(8) + '/' + rand('a-z0-9', 5) + '/',
      () => 'https://hooks.' + 'zapier.com/hooks/catch/' + digits(8) + '/' + rand('a-z0-9', 9) + '/',
    ],
  },
  {
    rule: 'telnyx-api-key',
    positives: [
      () => {
        const k = 'KEY' + rand(B64URL, 55);
        return { text: 'TELNYX_API_KEY=' + k, secret: k };
      },
      () => {
        const k = 'KEY' + rand(AN, 55);
        return { text: 'telnyx.api_key = "' + k + '"', secret: k };
      },
    ],
    negatives: [
      'TELNYX_API_KEY=KEY...',
      () => 'TELNYX_API_KEY=' + 'KEY' + rand(B64URL, 54),
      () => 'TELNYX_API_KEY=' + 'KEY' + rand(B64URL, 56),
      () => 'API_KEY=' + 'KEY' + rand(B64URL, 55),
    ],
  },
  {
    rule: 'vonage-api-secret',
    positives: [
      () => {
        const s = rand(AN, 16);
        return { text: 'VONAGE_API_SECRET: ' + s, secret: s };
      },
      () => {
        const s = rand(AN, 16);
        return { text: 'nexmo_api_secret = ' + s, secret: s };
      },
      () => {
        const s = rand(AN, 16);
        return { text: "VONAGE_API_SECRET='" + s + "'", secret: s };
      },
    ],
    negatives: [
      'VONAGE_API_SECRET=${VONAGE_API_SECRET}',
      'NEXMO_API_SECRET=0000000000000000',
      () => 'VONAGE_API_SECRET=' + rand(AN, 15),
      () => 'VONAGE_API_SECRET=' + rand(AN, 17),
      () => 'API_SECRET=' + rand(AN, 16),
    ],
  },
];
