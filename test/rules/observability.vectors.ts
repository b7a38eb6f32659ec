import { crc32 } from '../../src/detect/checksums';
import { between, rand } from '../helpers/synth';
import type { Planted, RuleVectors } from '../helpers/vectors';

const HEX = 'a-f0-9';
const ALNUM = 'A-Za-z0-9';
const B64 = 'A-Za-z0-9+/';
const B64URL = 'A-Za-z0-9_-';

const hex = (n: number): string => rand(HEX, n);
const uuid = (spec = HEX): string =>
  [rand(spec, 8), rand(spec, 4), rand(spec, 4), rand(spec, 4), rand(spec, 12)].join('-');
/** `name` + `sep` + token, reporting the token as the secret. */
const assign = (name: string, token: string, sep = '=', close = ''): Planted => ({
  text: name + sep + token + close,
  secret: token,
});
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** 'sntrys_' + base64 of Sentry's JSON claims + '_' + secret (43 base64 chars, or 60 in older tokens). */
function sentryOrgToken(oldSecret = false): string {
  const iat = `${between(1600000000, 1900000000)}.${between(100000, 999999)}`;
  const region = rand('a-z', 2);
  const org = rand('a-z0-9', between(3, 30));
  const claims = `{"iat":${iat},"url":"https://sentry.io","region_url":"https://${region}.sentry.io","org":"${org}"}`;
  const secret = oldSecret ? b64(rand(B64URL, 43)) : rand(B64, 43);
  return 'sntr' + 'ys_' + b64(claims) + '_' + secret;
}

/** 'glsa_' + 32 alnum + '_' + little-endian hex CRC-32 of the first 37 chars (structure-only in the rule). */
function grafanaServiceAccountToken(): string {
  const head = 'gl' + 'sa_' + rand(ALNUM, 32);
  const crc = crc32(head);
  const le = [0, 8, 16, 24].map((shift) => ((crc >>> shift) & 0xff).toString(16).padStart(2, '0')).join('');
  return head + '_' + le;
}

/** 'glc_' + base64 of the Grafana Cloud access-policy token JSON. */
function grafanaCloudToken(): string {
  const claims = JSON.stringify({
    o: String(between(1, 9999999)),
    n: 'stack-' + rand('a-z0-9', between(1, 30)) + '-write',
    k: rand(ALNUM, 24),
    m: { r: rand('a-z', 2) + '-' + rand('a-z', 4) },
  });
  return 'gl' + 'c_' + b64(claims);
}

/** Legacy Grafana API key: base64 of {"k":"<32 alnum>","n":"<name>","id":N}. */
function grafanaLegacyKey(nameLength: number): string {
  return b64(JSON.stringify({ k: rand(ALNUM, 32), n: rand('a-z', nameLength), id: between(1, 999) }));
}

const pagerDutyToken = (n = 18): string => 'u' + '+' + rand('A-Za-z0-9_+-', n);

export const observabilityVectors: RuleVectors[] = [
  {
    rule: 'datadog-api-key',
    positives: [
      () => assign('DATADOG_' + 'API_KEY', hex(32)),
      () => assign('dd_api_' + 'key', hex(32), ': "', '"'),
      () => assign('DD-API-' + 'KEY', hex(32), ': '),
      () => assign('"datadogApiKey"', hex(32), ': "', '"'),
    ],
    negatives: [
      'DATADOG_API_KEY=${DATADOG_API_KEY}',
      'DD_API_KEY=<your-api-key>',
      () => 'DATADOG_' + 'API_KEY=' + hex(31),
      () => 'DATADOG_' + 'API_KEY=' + hex(33),
      () => 'DATADOG_' + 'API_KEY=' + rand('g-z', 32),
      () => 'md5 ' + hex(32),
    ],
  },
  {
    rule: 'datadog-application-key',
    positives: [
      () => assign('DD_APP_' + 'KEY', hex(40)),
      () => assign('DATADOG_' + 'APPLICATION_KEY', hex(40)),
      () => assign('dd-application-' + 'key', hex(40), ': '),
    ],
    negatives: [
      'DD_APP_KEY=${DD_APP_KEY}',
      () => 'DD_APP_' + 'KEY=' + hex(39),
      () => 'DD_APP_' + 'KEY=' + hex(41),
      () => 'commit ' + hex(40),
    ],
  },
  {
    rule: 'newrelic-user-api-key',
    positives: [() => 'NRAK' + '-' + rand('A-Z0-9', 27)],
    negatives: [
      'NRAK-...',
      'NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX',
      () => 'NRAK' + '-' + rand('A-Z0-9', 26),
      () => 'NRAK' + '-' + rand('A-Z0-9', 28),
      () => 'NRAK' + '-' + rand('a-z', 27),
    ],
  },
  {
    rule: 'newrelic-license-key',
    positives: [() => hex(32) + 'FFFF' + 'NRAL', () => 'eu01' + 'xx' + hex(26) + 'FFFF' + 'NRAL'],
    negatives: [
      'NEW_RELIC_LICENSE_KEY=your_license_key',
      () => hex(31) + 'FFFF' + 'NRAL',
      () => hex(33) + 'FFFF' + 'NRAL',
      () => rand('A-F', 32) + 'FFFF' + 'NRAL',
      () => hex(32) + 'FFFF' + 'NRAX',
    ],
  },
  {
    rule: 'newrelic-insert-key',
    positives: [
      () => 'NRII' + '-' + rand(B64URL, 32),
      () => 'NRII' + '-' + rand(B64URL, 25),
      () => 'NRII' + '-' + rand(B64URL, between(26, 31)),
    ],
    negatives: ['NRII-...', () => 'NRII' + '-' + rand(B64URL, 24), () => 'NRII' + '-' + rand(B64URL, 33)],
  },
  {
    rule: 'newrelic-admin-api-key',
    positives: [() => 'NRAA' + '-' + hex(27)],
    negatives: [
      'NRAA-...',
      () => 'NRAA' + '-' + hex(26),
      () => 'NRAA' + '-' + hex(28),
      () => 'NRAA' + '-' + rand('g-z', 27),
    ],
  },
  {
    rule: 'sentry-user-auth-token',
    positives: [() => 'sntr' + 'yu_' + hex(64)],
    negatives: [
      'sntryu_...',
      'SENTRY_AUTH_TOKEN=sntryu_your_token_here',
      () => 'sntr' + 'yu_' + hex(63),
      () => 'sntr' + 'yu_' + hex(65),
      () => 'sntr' + 'yu_' + rand('g-z', 64),
    ],
  },
  {
    rule: 'sentry-org-auth-token',
    positives: [() => sentryOrgToken(), () => sentryOrgToken(true)],
    negatives: [
      'sntrys_...',
      'sntrys_eyJpYXQiO...',
      () => sentryOrgToken().slice(0, -1),
      () => 'sntr' + 'ys_' + b64('{"foo":"' + rand(ALNUM, 90) + '"}') + '_' + rand(B64, 43),
      () => 'sntr' + 'ys_' + 'eyJpYXQiO' + rand(ALNUM, 40),
    ],
  },
  {
    rule: 'sentry-auth-token-legacy',
    positives: [
      () => assign('SENTRY_' + 'AUTH_TOKEN', hex(64)),
      () => assign('sentry.' + 'authToken', hex(64), ': "', '"'),
      () => assign('SENTRY' + '_TOKEN', hex(64), ' = '),
    ],
    negatives: [
      'SENTRY_AUTH_TOKEN=${{ secrets.SENTRY_AUTH_TOKEN }}',
      () => 'SENTRY_' + 'AUTH_TOKEN=' + hex(63),
      () => 'SENTRY_' + 'AUTH_TOKEN=' + hex(65),
      () => 'sha256:' + hex(64),
    ],
  },
  {
    rule: 'grafana-service-account-token',
    positives: [grafanaServiceAccountToken],
    negatives: [
      'glsa_...',
      () => 'gl' + 'sa_' + rand(ALNUM, 31) + '_' + hex(8),
      () => 'gl' + 'sa_' + rand(ALNUM, 32) + '_' + hex(7),
      () => 'gl' + 'sa_' + rand(ALNUM, 32) + '-' + hex(8),
    ],
  },
  {
    rule: 'grafana-cloud-access-policy-token',
    positives: [
      grafanaCloudToken,
      () => 'gl' + 'c_' + 'eyJ' + rand(B64, 80),
      () => 'gl' + 'c_' + 'eyJ' + rand(B64, 300) + '==',
    ],
    negatives: [
      'glc_...',
      'glc_eyJ...',
      () => 'gl' + 'c_' + 'eyJ' + rand(B64, 79),
      () => 'gl' + 'c_' + 'eyJ' + rand(B64, 301),
      () => 'gl' + 'c_' + 'abc' + rand(B64, 120),
    ],
  },
  {
    rule: 'grafana-api-key-legacy',
    positives: [
      () => grafanaLegacyKey(1),
      () => grafanaLegacyKey(between(2, 60)),
      () => 'eyJr' + 'Ijoi' + rand(ALNUM, 200),
    ],
    negatives: [
      'eyJrIjoi...',
      () => 'eyJr' + 'Ijoi' + rand(ALNUM, 63),
      () => 'eyJr' + 'Ijoi' + rand(ALNUM, 201),
      () => 'eyJr' + 'IjoX' + rand(ALNUM, 80),
    ],
  },
  {
    rule: 'dynatrace-api-token',
    positives: [() => 'dt0c' + '01.' + rand('A-Z0-9', 24) + '.' + rand('A-Z0-9', 64)],
    negatives: [
      'dt0c01.XXXXXXXXXXXXXXXXXXXXXXXX.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      () => 'dt0c' + '01.' + rand('A-Z0-9', 24) + '.' + rand('A-Z0-9', 63),
      () => 'dt0c' + '01.' + rand('A-Z0-9', 23) + '.' + rand('A-Z0-9', 64),
      () => 'dt0c' + '01.' + rand('a-z', 24) + '.' + rand('A-Z0-9', 64),
    ],
  },
  {
    rule: 'sumologic-access-key',
    positives: [
      () => assign('SUMO_' + 'ACCESS_KEY', rand(ALNUM, 64)),
      () => assign('sumologic_' + 'access_key', rand(ALNUM, 64), ': "', '"'),
    ],
    negatives: [
      'SUMO_ACCESS_KEY=${SUMO_ACCESS_KEY}',
      () => 'SUMO_' + 'ACCESS_KEY=' + rand(ALNUM, 63),
      () => 'SUMO_' + 'ACCESS_KEY=' + rand(ALNUM, 65),
      () => 'SUMO_' + 'ACCESS_ID=' + 'su' + rand(ALNUM, 12),
      () => 'digest ' + rand(ALNUM, 64),
    ],
  },
  {
    rule: 'pagerduty-api-token',
    positives: [
      () => assign('PAGERDUTY_' + 'TOKEN', pagerDutyToken()),
      () => assign('Authorization: Token ' + 'token', pagerDutyToken()),
      () => assign('pd_' + 'api_token', pagerDutyToken(), ' = "', '"'),
    ],
    negatives: [
      'PAGERDUTY_TOKEN=your_token',
      () => 'PAGERDUTY_' + 'TOKEN=' + pagerDutyToken(17),
      () => 'PAGERDUTY_' + 'TOKEN=' + pagerDutyToken(19),
      () => 'PAGERDUTY_' + 'TOKEN=' + rand(ALNUM, 20),
      () => pagerDutyToken(),
    ],
  },
  {
    rule: 'opsgenie-api-key',
    positives: [
      () => assign('OPSGENIE_' + 'API_KEY', uuid()),
      () => assign('Authorization: ' + 'GenieKey', uuid(), ' '),
    ],
    negatives: [
      'OPSGENIE_API_KEY=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
      () => 'OPSGENIE_' + 'API_KEY=' + uuid().slice(1),
      () => 'OPSGENIE_' + 'API_KEY=' + uuid('A-F0-9'),
      () => 'request-id ' + uuid(),
    ],
  },
  {
    rule: 'splunk-hec-token',
    positives: [
      () => assign('SPLUNK_' + 'HEC_TOKEN', uuid('A-F0-9')),
      () => assign('Authorization: ' + 'Splunk', uuid('A-F0-9'), ' '),
      () => assign('hec_' + 'token', uuid(), ' = "', '"'),
    ],
    negatives: [
      'SPLUNK_HEC_TOKEN=${SPLUNK_HEC_TOKEN}',
      () => 'SPLUNK_' + 'HEC_TOKEN=' + uuid('A-F0-9').slice(1),
      () => 'SPLUNK_' + 'HEC_TOKEN=' + uuid('G-Z'),
      () => 'trace ' + uuid('A-F0-9'),
    ],
  },
];
