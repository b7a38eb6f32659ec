import type { Rule } from '../types';
import { anyCase, END_ALNUM, END_B64, END_B64URL, END_HEX, START } from './fragments';

const FORMATS = 'shared/token-formats.md (Observability & incident tooling)';

/** Rest of a variable / key name after its provider word (`_API_KEY`, `.authToken`, ...). */
const NAME_TAIL = '[A-Za-z0-9_.-]{0,30}?';
/** An assignment: optional closing quote, `=`, `:`, `:=` or `=>`, optional opening quote. */
const ASSIGN = `(?:\\\\?["'\`])?\\s{0,3}(?::=|=>|[:=])\\s{0,3}(?:\\\\?["'\`])?`;

/** `<provider word><name tail> = "` in any letter case, e.g. `DATADOG_API_KEY=` or `"sentryToken": "`. */
function assigned(word: string): string {
  return `${anyCase(word)}${NAME_TAIL}${ASSIGN}`;
}

const UUID_LOWER = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID_ANY = '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}';

/** Monitoring, logging and incident-management credentials. Facts: ../shared/token-formats.md. */
export const observabilityRules: readonly Rule[] = [
  {
    id: 'datadog-api-key',
    provider: 'Datadog',
    description: 'Submits metrics, logs and events to the Datadog organisation and authenticates many API calls.',
    keywords: ['datadog', 'dd_api_key', 'dd-api-key'],
    pattern: `(?:${assigned('datadog')}|${START}(?:${anyCase('dd_api_key')}|${anyCase('dd-api-key')})${ASSIGN})(?<secret>[a-f0-9]{32})${END_HEX}`,
    confidence: 'low',
    validate: { minEntropy: 2.5 },
    rotateUrl: 'https://app.datadoghq.com/organization-settings/api-keys',
    source: FORMATS,
  },
  {
    id: 'datadog-application-key',
    provider: 'Datadog',
    description: 'Together with an API key, reads and changes Datadog dashboards, monitors and logs as its owner.',
    keywords: ['datadog', 'dd_app_key', 'dd-app-key', 'dd_application_key', 'dd-application-key'],
    pattern:
      `(?:${assigned('datadog')}|${START}(?:${anyCase('dd_app_key')}|${anyCase('dd-app-key')}|` +
      `${anyCase('dd_application_key')}|${anyCase('dd-application-key')})${ASSIGN})(?<secret>[a-f0-9]{40})${END_HEX}`,
    confidence: 'low',
    validate: { minEntropy: 2.7 },
    rotateUrl: 'https://app.datadoghq.com/organization-settings/application-keys',
    source: FORMATS,
  },
  {
    id: 'newrelic-user-api-key',
    provider: 'New Relic',
    description: 'Calls NerdGraph and the REST API as the New Relic user.',
    keywords: ['nrak-'],
    pattern: `${START}NRAK-[A-Z0-9]{27}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'NRAK-',
    rotateUrl: 'https://one.newrelic.com/api-keys',
    source: FORMATS,
  },
  {
    id: 'newrelic-license-key',
    provider: 'New Relic',
    description: 'Sends telemetry (APM, infrastructure, logs) into the New Relic account.',
    keywords: ['ffffnral'],
    pattern: `${START}(?:[a-f0-9]{32}|eu01xx[a-f0-9]{26})FFFFNRAL${END_ALNUM}`,
    confidence: 'high',
    rotateUrl: 'https://one.newrelic.com/api-keys',
    source: FORMATS,
  },
  {
    id: 'newrelic-insert-key',
    provider: 'New Relic',
    description: 'Inserts custom events into the New Relic account (legacy Insights key).',
    keywords: ['nrii-'],
    pattern: `${START}NRII-[A-Za-z0-9_-]{25,32}${END_B64URL}`,
    confidence: 'high',
    redactPrefix: 'NRII-',
    rotateUrl: 'https://one.newrelic.com/api-keys',
    source: FORMATS,
  },
  {
    id: 'newrelic-admin-api-key',
    provider: 'New Relic',
    description: 'Administers the New Relic account through the legacy REST v2 API.',
    keywords: ['nraa-'],
    pattern: `${START}NRAA-[a-f0-9]{27}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'NRAA-',
    rotateUrl: 'https://one.newrelic.com/api-keys',
    source: FORMATS,
  },
  {
    id: 'sentry-user-auth-token',
    provider: 'Sentry',
    description: 'Calls the Sentry API as the user: projects, issues and releases.',
    keywords: ['sntryu_'],
    pattern: `${START}sntryu_[a-f0-9]{64}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'sntryu_',
    rotateUrl: 'https://sentry.io/settings/account/api/auth-tokens/',
    source: FORMATS,
  },
  {
    id: 'sentry-org-auth-token',
    provider: 'Sentry',
    description: 'Organisation-level CI access to Sentry: uploads releases and source maps.',
    keywords: ['sntrys_'],
    // 'sntrys_' + base64 JSON payload ('{"iat":' -> 'eyJpYXQiO') + '_' + 43-char base64 secret
    // (older tokens: the base64 of a 43-char secret, 58 chars + "==").
    pattern: `${START}sntrys_eyJpYXQiO[A-Za-z0-9+/]{60,400}={0,2}_[A-Za-z0-9+/]{43}(?:[A-Za-z0-9+/]{15}==)?${END_B64}`,
    confidence: 'high',
    redactPrefix: 'sntrys_',
    rotateUrl: 'https://sentry.io/settings/auth-tokens/',
    source: FORMATS,
  },
  {
    id: 'sentry-auth-token-legacy',
    provider: 'Sentry',
    description: 'Calls the Sentry API with the scopes of a legacy (unprefixed) auth token.',
    keywords: ['sentry'],
    pattern: `${assigned('sentry')}(?<secret>[a-f0-9]{64})${END_HEX}`,
    confidence: 'low',
    validate: { minEntropy: 3 },
    rotateUrl: 'https://sentry.io/settings/account/api/auth-tokens/',
    source: FORMATS,
  },
  {
    id: 'grafana-service-account-token',
    provider: 'Grafana Labs',
    description: "Calls the Grafana HTTP API with the service account's role.",
    keywords: ['glsa_'],
    // The trailing 8 hex are a little-endian CRC-32 of the first 37 chars; not verified here (no scheme yet).
    pattern: `${START}glsa_[A-Za-z0-9]{32}_[a-f0-9]{8}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'glsa_',
    rotateUrl: 'https://grafana.com/docs/grafana/latest/administration/service-accounts/',
    source: FORMATS,
  },
  {
    id: 'grafana-cloud-access-policy-token',
    provider: 'Grafana Labs',
    description: 'Calls the Grafana Cloud API or writes telemetry within its access policy scopes.',
    keywords: ['glc_'],
    pattern: `${START}glc_eyJ[A-Za-z0-9+/]{80,300}={0,2}${END_B64}`,
    confidence: 'high',
    redactPrefix: 'glc_',
    rotateUrl: 'https://grafana.com/docs/grafana-cloud/account-management/authentication-and-permissions/access-policies/',
    source: FORMATS,
  },
  {
    id: 'grafana-api-key-legacy',
    provider: 'Grafana Labs',
    description: 'Calls the Grafana HTTP API with the role of a legacy API key.',
    keywords: ['eyjrijoi'],
    // base64 of '{"k":"' + 32-char key + '","n":"<name>","id":N}'; a one-letter name gives 66 chars after the prefix.
    pattern: `${START}eyJrIjoi[A-Za-z0-9+/]{64,200}={0,2}${END_B64}`,
    confidence: 'high',
    redactPrefix: 'eyJrIjoi',
    rotateUrl: 'https://grafana.com/docs/grafana/latest/administration/service-accounts/migrate-api-keys/',
    source: FORMATS,
  },
  {
    id: 'dynatrace-api-token',
    provider: 'Dynatrace',
    description: 'Calls the Dynatrace environment API within the token scopes.',
    keywords: ['dt0c01.'],
    pattern: `${START}dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'dt0c01.',
    rotateUrl: 'https://docs.dynatrace.com/docs/dynatrace-api/environment-api/tokens-v1/delete-exposed-token',
    source: FORMATS,
  },
  {
    id: 'sumologic-access-key',
    provider: 'Sumo Logic',
    description: 'Calls the Sumo Logic API as the key owner (with its access id).',
    keywords: ['sumo'],
    pattern: `${assigned('sumo')}(?<secret>[A-Za-z0-9]{64})${END_ALNUM}`,
    confidence: 'low',
    validate: { minEntropy: 3.5 },
    rotateUrl: 'https://www.sumologic.com/help/docs/manage/security/access-keys/',
    source: FORMATS,
  },
  {
    id: 'pagerduty-api-token',
    provider: 'PagerDuty',
    description: 'Reads and changes incidents, schedules and services through the PagerDuty REST API as the user.',
    keywords: ['pagerduty', 'pd_', 'token token='],
    pattern:
      `(?:${assigned('pagerduty')}|${START}${assigned('pd_')}|${anyCase('token token=')}(?:\\\\?["'\`])?)` +
      `(?<secret>u\\+[A-Za-z0-9_+-]{18})(?![A-Za-z0-9_+-])`,
    confidence: 'low',
    redactPrefix: 'u+',
    rotateUrl: 'https://support.pagerduty.com/main/docs/api-access-keys',
    source: FORMATS,
  },
  {
    id: 'opsgenie-api-key',
    provider: 'Atlassian',
    description: 'Creates and manages Opsgenie alerts and integrations.',
    keywords: ['opsgenie', 'geniekey'],
    pattern: `(?:${assigned('opsgenie')}|${anyCase('geniekey')}\\s{1,3})(?<secret>${UUID_LOWER})${END_HEX}`,
    confidence: 'low',
    rotateUrl: 'https://support.atlassian.com/opsgenie/docs/api-key-management/',
    source: FORMATS,
  },
  {
    id: 'splunk-hec-token',
    provider: 'Splunk',
    description: 'Sends events into Splunk indexes through the HTTP Event Collector.',
    keywords: ['splunk', 'hec_token', 'hec-token'],
    pattern:
      `(?:${anyCase('splunk')}(?:${NAME_TAIL}${ASSIGN}|\\s{1,3})|${assigned('hec_token')}|${assigned('hec-token')})` +
      `(?<secret>${UUID_ANY})${END_HEX}`,
    confidence: 'low',
    rotateUrl: 'https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector',
    source: FORMATS,
  },
];
