import type { Rule } from '../types';
import { anyCase, END_ALNUM, END_B64, END_B64URL, START, START_B64URL } from './fragments';

const FORMATS = 'shared/token-formats.md (Cloud platforms)';

/** Identifier words joined by an optional separator, in any case: aws_secret, AWS-SECRET, awsSecret. */
function ident(...words: string[]): string {
  return words.map(anyCase).join('[_.-]?');
}

/**
 * From the end of a variable / key / header name to the start of its value:
 * more name characters, a closing quote, `=`, `:`, `:=` or `=>`, an opening quote.
 */
const ASSIGN = `[A-Za-z0-9_.-]{0,30}?(?:\\\\?["'\`])?\\s{0,3}(?:=>|:=|[:=])\\s{0,3}(?:\\\\?["'\`])?`;

/** `name = value`, where name matches one of the alternatives and the value is the named group `secret`. */
function assigned(names: readonly string[], value: string, end: string): string {
  return `(?:${names.join('|')})${ASSIGN}(?<secret>${value})${end}`;
}

/** Not preceded by a character of a standard base64 token. */
const START_B64 = '(?<![A-Za-z0-9+/])';

/** Words that make a name hold a credential rather than an id. */
const SECRET_WORD = `(?:${['key', 'token', 'secret', 'pass', 'pwd'].map(anyCase).join('|')})`;

/** Azure Storage emulator (Azurite): its account name and the start of its published account key. */
const NOT_AZURITE_NAME = '(?!devstoreaccount1;)';
const NOT_AZURITE_KEY = '(?!Eby8vdM02xNOcqFl)';

/** Base64 openings of a service-account key file: pretty-printed, `json.dumps` default and compact JSON. */
const SA_JSON_B64 = [
  'ewogICJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIs',
  'eyJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIs',
  'eyJ0eXBlIjoic2VydmljZV9hY2NvdW50',
];

/** A JSON key, possibly inside an escaped JSON string (`\"type\"`). */
const jsonKey = (key: string): string => `\\\\?"${key}\\\\?"\\s{0,3}:\\s{0,3}\\\\?"`;

/** Cloud platform credentials. Facts: ../shared/token-formats.md and the sources named per rule. */
export const cloudRules: readonly Rule[] = [
  {
    id: 'aws-access-key-id',
    provider: 'AWS',
    description: 'Long-term IAM access key id; with its secret it signs AWS API calls as the user.',
    keywords: ['akia', 'abia', 'acca'],
    confirm: '(?:AKIA|ABIA|ACCA)[A-Z2-7]',
    pattern: `${START}(?:AKIA|ABIA|ACCA)[A-Z2-7]{16}${END_ALNUM}`,
    confidence: 'high',
    rotateUrl: 'https://console.aws.amazon.com/iam/home#/security_credentials',
    source: `${FORMATS}; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html`,
  },
  {
    id: 'aws-temporary-access-key-id',
    provider: 'AWS',
    description: 'Temporary STS access key id (assumed role, SSO or instance role session).',
    keywords: ['asia'],
    confirm: 'ASIA[A-Z2-7]',
    pattern: `${START}ASIA[A-Z2-7]{16}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'ASIA',
    rotateUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html',
    source: FORMATS,
  },
  {
    id: 'aws-secret-access-key',
    provider: 'AWS',
    description: 'AWS secret access key: signs API calls for its access key id.',
    keywords: ['secret'],
    pattern: assigned(
      // AWS-specific names only: a bare `secret_key` also holds reCAPTCHA, Yandex, Django... secrets.
      [ident('aws', 'secret'), ident('secret', 'access', 'key')],
      // 40 lower-case hex is a git SHA-1, not an AWS secret.
      `(?![a-f0-9]{40}${END_B64})[A-Za-z0-9+/]{40}`,
      END_B64,
    ),
    confidence: 'medium',
    validate: { minEntropy: 3.5 },
    rotateUrl: 'https://console.aws.amazon.com/iam/home#/security_credentials',
    source: FORMATS,
  },
  {
    id: 'aws-session-token',
    provider: 'AWS',
    description: 'Session token of temporary AWS credentials; with the key id and secret it acts as the role.',
    keywords: ['session', 'security', 'iqojb3jpz2lux2vj', 'fwogzxivyxdze'],
    pattern:
      `(?:(?:${ident('aws', 'session', 'token')}|${ident('aws', 'security', 'token')}|${ident('session', 'token')}|` +
      // The known starts before the look-behind, so the regex engine scans for their first letters.
      `${ident('x', 'amz', 'security', 'token')})${ASSIGN}|(?=IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE)${START_B64})` +
      `(?<secret>[A-Za-z0-9+/]{100,1200}={0,2})${END_B64}`,
    confidence: 'medium',
    rotateUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html',
    source: FORMATS,
  },
  {
    id: 'aws-appsync-api-key',
    provider: 'AWS',
    description: 'Calls an AppSync GraphQL API that accepts API-key auth.',
    keywords: ['da2-'],
    pattern: `${START}da2-[a-z0-9]{26}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'da2-',
    rotateUrl: 'https://console.aws.amazon.com/appsync',
    source: FORMATS,
  },
  {
    id: 'aws-mws-auth-token',
    provider: 'AWS',
    description: 'Amazon Marketplace Web Service auth token: API calls for a seller account.',
    keywords: ['amzn.mws.'],
    pattern: `${START}amzn\\.mws\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'amzn.mws.',
    rotateUrl: 'https://sellercentral.amazon.com',
    source: FORMATS,
  },
  {
    // Reported by its private_key_id (names the key to delete); also the whole
    // file when it is committed base64-encoded.
    id: 'gcp-service-account-key',
    provider: 'Google Cloud',
    description: 'Service-account key file: authenticates as the service account with all its IAM roles.',
    keywords: ['service_account', ...SA_JSON_B64.map((s) => s.toLowerCase())],
    pattern:
      `(?:${jsonKey('type')}service_account\\\\?"[\\s\\S]{0,300}?${jsonKey('private_key_id')}|` +
      `${START_B64}(?=${SA_JSON_B64.join('|')}))` +
      `(?<secret>[a-f0-9]{40}(?=\\\\?")|(?:${SA_JSON_B64.join('|')})[A-Za-z0-9+/]{1000,4000}={0,2}${END_B64})`,
    confidence: 'high',
    rotateUrl: 'https://console.cloud.google.com/iam-admin/serviceaccounts',
    source: FORMATS,
  },
  {
    id: 'gcp-oauth-client-secret',
    provider: 'Google Cloud',
    description: 'OAuth client secret: exchanges codes and refresh tokens for user tokens as the app.',
    keywords: ['gocspx-'],
    pattern: `${START}GOCSPX-[A-Za-z0-9_-]{28}${END_B64URL}`,
    confidence: 'high',
    redactPrefix: 'GOCSPX-',
    rotateUrl: 'https://console.cloud.google.com/apis/credentials',
    source: FORMATS,
  },
  {
    id: 'gcp-oauth-refresh-token',
    provider: 'Google Cloud',
    description: 'Google OAuth refresh token: mints access tokens for the granted scopes until revoked.',
    keywords: ['1//0'],
    pattern: `(?<![A-Za-z0-9_/-])1//0[A-Za-z0-9_-]{80,120}${END_B64URL}`,
    confidence: 'medium',
    redactPrefix: '1//0',
    rotateUrl: 'https://myaccount.google.com/permissions',
    source: FORMATS,
  },
  {
    id: 'gcp-oauth-access-token',
    provider: 'Google Cloud',
    description: 'Google OAuth access token: about an hour of bearer access for the granted scopes.',
    keywords: ['ya29.'],
    pattern: `${START_B64URL}ya29\\.[A-Za-z0-9_-]{100,250}${END_B64URL}`,
    confidence: 'medium',
    redactPrefix: 'ya29.',
    rotateUrl: 'https://oauth2.googleapis.com/revoke',
    source: FORMATS,
  },
  {
    id: 'gcs-hmac-access-id',
    provider: 'Google Cloud',
    description: 'Cloud Storage HMAC access id of a service account (S3-compatible access with its secret).',
    keywords: ['goog1'],
    pattern: `${START}GOOG1[A-Z0-9]{56}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'GOOG1',
    rotateUrl: 'https://console.cloud.google.com/storage/settings;tab=interoperability',
    source: FORMATS,
  },
  {
    id: 'firebase-fcm-server-key',
    provider: 'Google',
    description: 'Firebase Cloud Messaging legacy server key: sends pushes to every user of the app.',
    keywords: [':apa91b'],
    pattern: `${START_B64URL}AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}${END_B64URL}`,
    confidence: 'high',
    redactPrefix: 'AAAA',
    rotateUrl: 'https://console.firebase.google.com',
    source: FORMATS,
  },
  {
    id: 'azure-ad-client-secret',
    provider: 'Microsoft',
    description: 'Entra ID (Azure AD) app client secret: signs in as the app registration.',
    keywords: ['q~'],
    pattern: '(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{34}(?![A-Za-z0-9_~.-])',
    confidence: 'high',
    rotateUrl: 'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
    source: FORMATS,
  },
  {
    id: 'azure-storage-account-key',
    provider: 'Microsoft',
    description: 'Azure Storage account key: full control of the account (blobs, queues, tables, files).',
    keywords: ['storage', 'accountname='],
    pattern: assigned(
      [
        `${ident('azure', 'storage')}[A-Za-z0-9_.-]{0,20}?${SECRET_WORD}`,
        `${ident('storage', 'account')}[A-Za-z0-9_.-]{0,10}?${SECRET_WORD}`,
        `${ident('storage', 'key')}`,
        `AccountName=${NOT_AZURITE_NAME}[a-z0-9]{3,24};AccountKey`,
      ],
      `${NOT_AZURITE_KEY}[A-Za-z0-9+/]{86}==`,
      END_B64,
    ),
    confidence: 'medium',
    validate: { minEntropy: 4 },
    rotateUrl: 'https://portal.azure.com/#browse/Microsoft.Storage%2FStorageAccounts',
    source: FORMATS,
  },
  {
    id: 'azure-storage-identifiable-key',
    provider: 'Microsoft',
    description: 'Azure Storage account key (identifiable format): full control of the account.',
    keywords: ['+ast'],
    // The trailing Marvin32 checksum cannot be computed offline: signature and length only.
    pattern: `${START_B64}[A-Za-z0-9+/]{76}\\+ASt[A-Za-z0-9+/]{5}[AQgw]==${END_B64}`,
    confidence: 'high',
    rotateUrl: 'https://portal.azure.com/#browse/Microsoft.Storage%2FStorageAccounts',
    source: FORMATS,
  },
  {
    id: 'azure-storage-connection-string',
    provider: 'Microsoft',
    description: 'Azure Storage connection string: full access to the account through its key.',
    keywords: ['defaultendpointsprotocol='],
    pattern:
      `DefaultEndpointsProtocol=https?;AccountName=${NOT_AZURITE_NAME}[a-z0-9]{3,24};AccountKey=` +
      `${NOT_AZURITE_KEY}(?<secret>[A-Za-z0-9+/]{86}==)${END_B64}`,
    confidence: 'high',
    rotateUrl: 'https://portal.azure.com/#browse/Microsoft.Storage%2FStorageAccounts',
    source: FORMATS,
  },
  {
    // The secret is the sig= value (URL-encoded base64 HMAC); sv=<date> marks an Azure SAS.
    id: 'azure-sas-token',
    provider: 'Microsoft',
    description: 'Azure shared access signature: time-limited access to storage with the listed permissions.',
    keywords: ['sig='],
    pattern:
      `${START}sv=\\d{4}-\\d{2}-\\d{2}[A-Za-z0-9&=:%._,-]{0,300}?&sig=` +
      `(?<secret>(?:[A-Za-z0-9+/]|%2[BFbf]){43}(?:%3[Dd]|=))(?![A-Za-z0-9%+/=])`,
    confidence: 'medium',
    rotateUrl: 'https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage',
    source: FORMATS,
  },
  {
    id: 'azure-servicebus-connection-string',
    provider: 'Microsoft',
    description: 'Service Bus / Event Hubs connection string: send, listen or manage per its access policy.',
    keywords: ['sharedaccesskey='],
    pattern:
      'Endpoint=sb://[a-z0-9-]{1,50}\\.servicebus\\.(?:windows\\.net|chinacloudapi\\.cn|usgovcloudapi\\.net|cloudapi\\.de)/?;' +
      `SharedAccessKeyName=[A-Za-z0-9_.-]{1,256};SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)${END_B64}`,
    confidence: 'high',
    rotateUrl: 'https://portal.azure.com/#browse/Microsoft.ServiceBus%2Fnamespaces',
    source: FORMATS,
  },
  {
    id: 'azure-cosmosdb-key',
    provider: 'Microsoft',
    description: 'Cosmos DB account key: read/write (or read-only) access to every database in the account.',
    keywords: ['.documents.azure.com', 'cosmos'],
    pattern:
      '(?:AccountEndpoint=https://[a-z0-9-]{3,50}\\.documents\\.azure\\.com(?::443)?/?;AccountKey=|' +
      `${anyCase('cosmos')}[A-Za-z0-9_.-]{0,20}?${SECRET_WORD}${ASSIGN})` +
      `(?<secret>[A-Za-z0-9+/]{86}==)${END_B64}`,
    confidence: 'medium',
    validate: { minEntropy: 4 },
    rotateUrl: 'https://portal.azure.com/#browse/Microsoft.DocumentDb%2FdatabaseAccounts',
    source: FORMATS,
  },
  {
    id: 'azure-function-key',
    provider: 'Microsoft',
    description: 'Azure Functions key (identifiable format): invokes HTTP functions or the host admin API.',
    keywords: ['azfu'],
    // Marvin32 checksum not verifiable offline: signature and length only.
    pattern: `(?<![A-Za-z0-9_+/-])[A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw]==(?![A-Za-z0-9_+/=-])`,
    confidence: 'high',
    rotateUrl: 'https://portal.azure.com/#browse/Microsoft.Web%2Fsites/kind/functionapp',
    source: FORMATS,
  },
  {
    id: 'azure-search-admin-key',
    provider: 'Microsoft',
    description: 'Azure AI Search admin or query key (identifiable format): index control or search.',
    keywords: ['azse'],
    // Marvin32 checksum not verifiable offline: signature and length only.
    pattern: `${START}[A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5}${END_ALNUM}`,
    confidence: 'high',
    rotateUrl: 'https://portal.azure.com/#browse/Microsoft.Search%2FsearchServices',
    source: FORMATS,
  },
  {
    id: 'azure-container-registry-key',
    provider: 'Microsoft',
    description: 'Azure Container Registry access key: pushes and pulls images.',
    keywords: ['+acr'],
    // Marvin32 checksum not verifiable offline: signature and length only.
    pattern: `${START_B64}[A-Za-z0-9+/]{42}\\+ACR[A-D][A-Za-z0-9+/]{5}${END_B64}`,
    confidence: 'high',
    rotateUrl: 'https://portal.azure.com/#browse/Microsoft.ContainerRegistry%2Fregistries',
    source: FORMATS,
  },
  {
    id: 'azure-redis-access-key',
    provider: 'Microsoft',
    description: 'Azure Cache for Redis access key: full data access to the cache.',
    keywords: ['azca'],
    // Marvin32 checksum not verifiable offline: signature and length only.
    pattern: `${START_B64}[A-Za-z0-9+/]{33}AzCa[A-P][A-Za-z0-9+/]{5}=${END_B64}`,
    confidence: 'high',
    rotateUrl: 'https://portal.azure.com/#browse/Microsoft.Cache%2FRedis',
    source: FORMATS,
  },
  {
    id: 'azure-apim-subscription-key',
    provider: 'Microsoft',
    description: 'API Management key (identifiable format): calls APIs behind the gateway or manages it.',
    keywords: ['apim'],
    // Marvin32 checksum not verifiable offline: signature and length only.
    pattern: `${START_B64}[A-Za-z0-9+/]{76}APIM[A-Za-z0-9+/]{5}[AQgw]==${END_B64}`,
    confidence: 'high',
    rotateUrl: 'https://portal.azure.com/#browse/Microsoft.ApiManagement%2Fservice',
    source: FORMATS,
  },
  {
    id: 'azure-devops-pat',
    provider: 'Microsoft',
    description: 'Azure DevOps personal access token: repos, pipelines, artifacts and boards as the user.',
    keywords: ['aaaaazdo'],
    // Marvin32 checksum not verifiable offline: signatures and length only.
    pattern: `${START}[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9][A-L][A-Za-z0-9]{12}AAAAAZDO[A-Za-z0-9]{4}${END_ALNUM}`,
    confidence: 'high',
    rotateUrl: 'https://dev.azure.com/{org}/_usersSettings/tokens',
    source: FORMATS,
  },
  {
    // In a git URL (https://user:<pat>@dev.azure.com/...) the structural
    // url-basic-auth-credentials rule reports it.
    id: 'azure-devops-pat-legacy',
    provider: 'Microsoft',
    description: 'Azure DevOps personal access token (legacy 52-char): repos, pipelines and boards as the user.',
    keywords: ['devops', 'ado_', 'azdo', 'vsts'],
    pattern: assigned(
      [`(?:${anyCase('devops')}|${anyCase('ado_')}|${anyCase('azdo')}|${anyCase('vsts')})[A-Za-z0-9_.-]{0,20}?(?:${SECRET_WORD}|${anyCase('pat')})`],
      '[a-z2-7]{52}',
      END_ALNUM,
    ),
    confidence: 'medium',
    rotateUrl: 'https://dev.azure.com/{org}/_usersSettings/tokens',
    source: FORMATS,
  },
  {
    id: 'azure-cognitive-services-key',
    provider: 'Microsoft',
    description: 'Azure AI / Cognitive Services key: calls the service resource on its bill.',
    keywords: ['aaaaacog'],
    // Marvin32 checksum not verifiable offline: signatures and length only.
    pattern: `${START}[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9][A-L][A-Za-z0-9]{12}AAAAACOG[A-Za-z0-9]{4}${END_ALNUM}`,
    confidence: 'high',
    rotateUrl: 'https://portal.azure.com/#browse/Microsoft.CognitiveServices%2Faccounts',
    source: FORMATS,
  },
  {
    id: 'azure-app-configuration-connection-string',
    provider: 'Microsoft',
    description: 'App Configuration connection string: reads and writes settings (often more secrets).',
    keywords: ['.azconfig.'],
    pattern:
      'Endpoint=https://[a-z0-9-]{1,50}\\.azconfig\\.(?:io|azure\\.cn|azure\\.us);Id=[A-Za-z0-9+/:=-]{8,64};' +
      `Secret=(?<secret>[A-Za-z0-9+/]{43}=)${END_B64}`,
    confidence: 'high',
    rotateUrl: 'https://portal.azure.com/#browse/Microsoft.AppConfiguration%2FconfigurationStores',
    source: FORMATS,
  },
  {
    id: 'digitalocean-personal-access-token',
    provider: 'DigitalOcean',
    description: 'DigitalOcean personal access token: account API (droplets, DNS, Spaces, billing) per scope.',
    keywords: ['dop_v1_'],
    pattern: `${START}dop_v1_[a-f0-9]{64}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'dop_v1_',
    rotateUrl: 'https://cloud.digitalocean.com/account/api/tokens',
    source: FORMATS,
  },
  {
    id: 'digitalocean-oauth-token',
    provider: 'DigitalOcean',
    description: 'DigitalOcean OAuth access token: API access granted to an OAuth app.',
    keywords: ['doo_v1_'],
    pattern: `${START}doo_v1_[a-f0-9]{64}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'doo_v1_',
    rotateUrl: 'https://cloud.digitalocean.com/account/api/applications',
    source: FORMATS,
  },
  {
    id: 'digitalocean-refresh-token',
    provider: 'DigitalOcean',
    description: 'DigitalOcean OAuth refresh token: mints new access tokens.',
    keywords: ['dor_v1_'],
    pattern: `${START}dor_v1_[a-f0-9]{64}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'dor_v1_',
    rotateUrl: 'https://cloud.digitalocean.com/account/api/applications',
    source: FORMATS,
  },
  {
    id: 'heroku-platform-api-key',
    provider: 'Heroku',
    description: 'Heroku Platform API key or OAuth token: full account access (apps, config vars, add-ons).',
    keywords: ['hrku-aa'],
    pattern: `${START}HRKU-AA[A-Za-z0-9_-]{58}${END_B64URL}`,
    confidence: 'high',
    redactPrefix: 'HRKU-AA',
    rotateUrl: 'https://dashboard.heroku.com/account/applications',
    source: FORMATS,
  },
  {
    id: 'heroku-api-key-legacy',
    provider: 'Heroku',
    description: 'Heroku API key (legacy UUID): full account access.',
    keywords: ['heroku'],
    pattern: assigned(
      [`${anyCase('heroku')}[A-Za-z0-9_.-]{0,20}?${SECRET_WORD}`],
      '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
      END_ALNUM,
    ),
    confidence: 'medium',
    validate: { minEntropy: 3 },
    rotateUrl: 'https://dashboard.heroku.com/account',
    source: FORMATS,
  },
  {
    id: 'cloudflare-user-api-token',
    provider: 'Cloudflare',
    description: 'Cloudflare user API token: scoped API access as the user.',
    keywords: ['cfut_'],
    // The 8-hex tail is a checksum whose algorithm Cloudflare does not publish: structure only.
    pattern: `${START}cfut_[A-Za-z0-9]{40}[a-f0-9]{8}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'cfut_',
    rotateUrl: 'https://dash.cloudflare.com/profile/api-tokens',
    source: `${FORMATS}; https://developers.cloudflare.com/fundamentals/api/get-started/token-formats`,
  },
  {
    id: 'cloudflare-account-api-token',
    provider: 'Cloudflare',
    description: 'Cloudflare account API token: scoped API access owned by the account.',
    keywords: ['cfat_'],
    // Unverified checksum tail: structure only.
    pattern: `${START}cfat_[A-Za-z0-9]{40}[a-f0-9]{8}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'cfat_',
    rotateUrl: 'https://dash.cloudflare.com/?to=/:account/api-tokens',
    source: `${FORMATS}; https://developers.cloudflare.com/fundamentals/api/get-started/token-formats`,
  },
  {
    id: 'cloudflare-global-api-key',
    provider: 'Cloudflare',
    description: 'Cloudflare Global API key: full account access together with the account e-mail.',
    keywords: ['cfk_'],
    // Unverified checksum tail: structure only.
    pattern: `${START}cfk_[A-Za-z0-9]{40}[a-f0-9]{8}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'cfk_',
    rotateUrl: 'https://dash.cloudflare.com/profile/api-tokens',
    source: `${FORMATS}; https://developers.cloudflare.com/fundamentals/api/get-started/token-formats`,
  },
  {
    id: 'cloudflare-api-token-legacy',
    provider: 'Cloudflare',
    description: 'Cloudflare API token (legacy, unprefixed): scoped API access.',
    keywords: ['cloudflare', 'cf_api_token'],
    pattern: assigned(
      [`${anyCase('cloudflare')}[A-Za-z0-9_.-]{0,20}?${SECRET_WORD}`, anyCase('cf_api_token')],
      '[A-Za-z0-9_-]{40}',
      END_B64URL,
    ),
    confidence: 'medium',
    validate: { minEntropy: 3.5 },
    rotateUrl: 'https://dash.cloudflare.com/profile/api-tokens',
    source: FORMATS,
  },
  {
    id: 'cloudflare-global-api-key-legacy',
    provider: 'Cloudflare',
    description: 'Cloudflare Global API key (legacy 37-hex): full account access with the account e-mail.',
    keywords: ['cloudflare', 'cf_api_key', 'x-auth-key'],
    pattern: assigned(
      [`${anyCase('cloudflare')}[A-Za-z0-9_.-]{0,20}?${SECRET_WORD}`, anyCase('cf_api_key'), anyCase('x-auth-key')],
      '[a-f0-9]{37}',
      END_ALNUM,
    ),
    confidence: 'medium',
    validate: { minEntropy: 3 },
    rotateUrl: 'https://dash.cloudflare.com/profile/api-tokens',
    source: FORMATS,
  },
  {
    id: 'cloudflare-origin-ca-key',
    provider: 'Cloudflare',
    description: 'Cloudflare Origin CA key: issues and revokes origin certificates for the zones.',
    keywords: ['v1.0-'],
    pattern: `${START}v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'v1.0-',
    rotateUrl: 'https://dash.cloudflare.com/profile/api-tokens',
    source: FORMATS,
  },
  {
    id: 'alibaba-access-key-id',
    provider: 'Alibaba Cloud',
    description: 'Alibaba Cloud AccessKey id: with its secret, signs API calls as the RAM user.',
    keywords: ['ltai'],
    pattern: `${START}LTAI(?:[A-Za-z0-9]{20}|[A-Za-z0-9]{16}|[A-Za-z0-9]{12})${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'LTAI',
    rotateUrl: 'https://ram.console.aliyun.com/manage/ak',
    source: FORMATS,
  },
  {
    id: 'alibaba-access-key-secret',
    provider: 'Alibaba Cloud',
    description: 'Alibaba Cloud AccessKey secret: signs API calls for its AccessKey id.',
    keywords: ['alibaba', 'aliyun', 'alicloud', 'access_key_secret', 'accesskeysecret'],
    pattern: assigned(
      [
        `(?:${anyCase('alibaba')}|${anyCase('aliyun')}|${anyCase('alicloud')})[A-Za-z0-9_.-]{0,30}?${anyCase('secret')}`,
        anyCase('access_key_secret'),
        anyCase('accesskeysecret'),
      ],
      '[A-Za-z0-9]{30}',
      END_ALNUM,
    ),
    confidence: 'medium',
    validate: { minEntropy: 3.5 },
    rotateUrl: 'https://ram.console.aliyun.com/manage/ak',
    source: FORMATS,
  },
  {
    id: 'alibaba-sts-access-key-id',
    provider: 'Alibaba Cloud',
    description: 'Alibaba Cloud STS temporary AccessKey id (used with its secret and security token).',
    keywords: ['sts.'],
    confirm: 'STS\\.',
    // A digit in the body keeps out code such as STS.AssumeRoleWithWebIdentity.
    pattern: `(?<![A-Za-z0-9.])STS\\.(?=[A-Za-z]{0,63}[0-9])[A-Za-z0-9]{16,64}${END_ALNUM}`,
    confidence: 'medium',
    redactPrefix: 'STS.',
    rotateUrl: 'https://ram.console.aliyun.com/roles',
    source: FORMATS,
  },
  {
    id: 'tencent-cloud-secret-id',
    provider: 'Tencent Cloud',
    description: 'Tencent Cloud SecretId: with its SecretKey, signs Tencent Cloud API calls.',
    keywords: ['akid'],
    pattern: `${START}AKID[A-Za-z0-9]{32}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'AKID',
    rotateUrl: 'https://console.cloud.tencent.com/cam/capi',
    source: FORMATS,
  },
  {
    id: 'ibm-cloud-api-key',
    provider: 'IBM',
    description: 'IBM Cloud IAM API key: obtains IAM tokens as its user or service id.',
    keywords: ['ibm', 'ic_api_key'],
    pattern: assigned(
      [`${anyCase('ibm')}[A-Za-z0-9_.-]{0,20}?${SECRET_WORD}`, anyCase('ic_api_key')],
      '[A-Za-z0-9_-]{44}',
      END_B64URL,
    ),
    confidence: 'medium',
    validate: { minEntropy: 3.5 },
    rotateUrl: 'https://cloud.ibm.com/iam/apikeys',
    source: FORMATS,
  },
  {
    id: 'ibm-cos-hmac-secret',
    provider: 'IBM',
    description: 'IBM Cloud Object Storage HMAC secret: S3-compatible access to the buckets.',
    keywords: ['secret'],
    pattern: assigned(
      [ident('secret', 'access', 'key'), `${ident('cos', 'hmac')}[A-Za-z0-9_.-]{0,20}?${anyCase('secret')}`],
      '[a-f0-9]{48}',
      END_ALNUM,
    ),
    confidence: 'medium',
    validate: { minEntropy: 3 },
    rotateUrl: 'https://cloud.ibm.com/objectstorage',
    source: FORMATS,
  },
  {
    // AQVN is distinctive, but the row wants Yandex context: a yandex-named
    // variable or an `Api-Key` authorization scheme.
    id: 'yandex-cloud-api-key',
    provider: 'Yandex',
    description: 'Yandex Cloud API key: API access as its service account.',
    keywords: ['aqvn'],
    pattern:
      `(?:${anyCase('yandex')}${ASSIGN}|${anyCase('api-key')}\\s{1,3})` +
      `(?<secret>AQVN[A-Za-z0-9_-]{35,38})${END_B64URL}`,
    confidence: 'medium',
    redactPrefix: 'AQVN',
    rotateUrl: 'https://console.cloud.yandex.com',
    source: FORMATS,
  },
  {
    id: 'yandex-cloud-static-key',
    provider: 'Yandex',
    description: 'Yandex Cloud static access key (S3-compatible object storage, with its pair).',
    keywords: ['yandex'],
    pattern: assigned([anyCase('yandex')], 'YC[A-Za-z0-9_-]{38}', END_B64URL),
    confidence: 'medium',
    redactPrefix: 'YC',
    rotateUrl: 'https://console.cloud.yandex.com',
    source: FORMATS,
  },
  {
    id: 'akamai-edgegrid-client-token',
    provider: 'Akamai',
    description: 'Akamai EdgeGrid client (or access) token: with the client secret, signs Akamai API calls.',
    keywords: ['akab-'],
    // Not followed by `.host`: akab-...luna.akamaiapis.net is the API host name, not a token.
    pattern: `${START}akab-[a-z0-9]{16}-[a-z0-9]{16}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`,
    confidence: 'high',
    redactPrefix: 'akab-',
    rotateUrl: 'https://control.akamai.com',
    source: FORMATS,
  },
  {
    id: 'vultr-api-key',
    provider: 'Vultr',
    description: 'Vultr API key: full account API access.',
    keywords: ['vultr'],
    pattern: assigned([`${anyCase('vultr')}[A-Za-z0-9_.-]{0,20}?${SECRET_WORD}`], '[A-Z0-9]{36}', END_ALNUM),
    confidence: 'medium',
    validate: { minEntropy: 3.5 },
    rotateUrl: 'https://my.vultr.com/settings/#settingsapi',
    source: FORMATS,
  },
  {
    id: 'openshift-oauth-token',
    provider: 'Red Hat',
    description: 'OpenShift OAuth access token: cluster API access as the user.',
    keywords: ['sha256~'],
    pattern: `${START_B64URL}sha256~[A-Za-z0-9_-]{43}${END_B64URL}`,
    confidence: 'high',
    redactPrefix: 'sha256~',
    rotateUrl: 'https://docs.openshift.com/container-platform/latest/authentication/managing-oauth-access-tokens.html',
    source: FORMATS,
  },
  {
    id: 'kubernetes-bootstrap-token',
    provider: 'Kubernetes',
    description: 'Kubernetes bootstrap token: joins nodes to the cluster (kubeadm join).',
    keywords: ['--token', '--discovery-token', '--tls-bootstrap-token', 'bootstrap', 'kubeadm'],
    pattern:
      `(?:--(?:discovery-|tls-bootstrap-)?token(?:=|\\s{1,3})(?:\\\\?["'\`])?|${anyCase('bootstrap')}[A-Za-z0-9_.-]{0,20}?${anyCase('token')}${ASSIGN}|${anyCase('kubeadm')}${ASSIGN})` +
      `(?<secret>[a-z0-9]{6}\\.[a-z0-9]{16})${END_ALNUM}`,
    confidence: 'medium',
    validate: { minEntropy: 3 },
    rotateUrl: 'https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/',
    source: `${FORMATS}; https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/`,
  },
  {
    id: 'docker-swarm-join-token',
    provider: 'Docker',
    description: 'Docker Swarm join token: joins a node to the swarm as worker or manager.',
    keywords: ['swmtkn-1-'],
    pattern: `${START}SWMTKN-1-[a-z0-9]{50}-[a-z0-9]{25}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'SWMTKN-1-',
    rotateUrl: 'https://docs.docker.com/reference/cli/docker/swarm/join-token/',
    source: FORMATS,
  },
];
