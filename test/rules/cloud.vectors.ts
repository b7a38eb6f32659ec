import { looksLikePlaceholder } from '../../src/detect/placeholders';
import { between, rand } from '../helpers/synth';
import type { Planted, RuleVectors } from '../helpers/vectors';

const B64 = 'A-Za-z0-9+/';
const B64URL = 'A-Za-z0-9_-';
const ALNUM = 'A-Za-z0-9';
const LOWER_ALNUM = 'a-z0-9';
const HEX = 'a-f0-9';
const BASE32 = 'A-Z2-7';
const LOWER_BASE32 = 'a-z2-7';

/** Draws again until the value cannot pass for a placeholder (a body with dots may hold '...'). */
function fresh(build: () => string): string {
  for (;;) {
    const value = build();
    if (!looksLikePlaceholder(value)) return value;
  }
}

/** `n` random characters of `spec`, never placeholder-like. */
const body = (spec: string, n: number): string => fresh(() => rand(spec, n));

/** The value planted after a name; the secret is the value alone. */
const named = (before: string, secret: string, after = ''): Planted => ({ text: before + secret + after, secret });

const uuid = (): string =>
  [rand(HEX, 8), rand(HEX, 4), rand(HEX, 4), rand(HEX, 4), rand(HEX, 12)].join('-');

/** 86 base64 characters and `==`: an Azure Storage / Cosmos DB account key. */
const key88 = (): string => body(B64, 86) + '==';

/** 43 base64 characters and `=`: a Service Bus / App Configuration key. */
const key44 = (): string => body(B64, 43) + '=';

/** The Azure Storage emulator's published account key, in parts (public: docs and Azurite). */
const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq' + '/K1SZFPTOtr/KBHBeksoGMGw==';

/** A service-account key file's fields, `type` first as gcloud writes them. */
function serviceAccount(keyId: string): Record<string, string> {
  const project = rand('a-z', 1) + rand('a-z0-9-', between(4, 20)) + rand('a-z', 1);
  return {
    type: 'service_' + 'account',
    project_id: project,
    private_key_id: keyId,
    private_key: '-----BEGIN ' + 'PRIVATE KEY-----\nMII' + body(B64, between(1580, 1700)) + '\n-----END ' + 'PRIVATE KEY-----\n',
    client_email: 'deployer@' + project + '.iam.gserviceaccount.com',
    client_id: rand('1-9', 1) + rand('0-9', 20),
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
  };
}

const SAS_QUERY = '?sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2030-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=';
const sasUrl = (sig: string): string =>
  'https://' + rand(LOWER_ALNUM, between(3, 24)) + '.blob.core.windows.net/' + rand(LOWER_ALNUM, between(3, 20)) + SAS_QUERY + sig;

/** 84-char Microsoft identifiable key with the JQQJ99 infix and a service signature. */
const msKey84 = (signature: string, version = rand('A-L', 1)): string =>
  body(ALNUM, 52) + 'JQQJ' + '99' + rand(ALNUM, 1) + version + body(ALNUM, 12) + signature + rand(ALNUM, 4);

/** An STS body with at least one digit. */
function stsBody(n: number): string {
  const letters = body(ALNUM, n - 1);
  const at = between(0, n - 1);
  return letters.slice(0, at) + rand('0-9', 1) + letters.slice(at);
}

const bootstrapToken = (): string => rand(LOWER_ALNUM, 6) + '.' + body(LOWER_ALNUM, 16);

export const cloudVectors: RuleVectors[] = [
  {
    rule: 'aws-access-key-id',
    positives: [
      () => 'AK' + 'IA' + body(BASE32, 16),
      () => 'AB' + 'IA' + body(BASE32, 16),
      () => 'AC' + 'CA' + body(BASE32, 16),
    ],
    negatives: [
      'AKIAIOSFODNN7EXAMPLE',
      'AKIAI44QH8DHBEXAMPLE',
      'AKIA...',
      () => 'AK' + 'IA' + body(BASE32, 15),
      () => 'AK' + 'IA' + body(BASE32, 17),
      () => 'AK' + 'IA' + body(BASE32, 15) + '8',
      () => 'AK' + 'IA' + body('a-z', 16),
      () => 'AI' + 'DA' + body(BASE32, 16),
    ],
  },
  {
    rule: 'aws-temporary-access-key-id',
    positives: [() => 'AS' + 'IA' + body(BASE32, 16)],
    negatives: [
      'ASIA...',
      () => 'AS' + 'IA' + body(BASE32, 15),
      () => 'AS' + 'IA' + body(BASE32, 17),
      () => 'AS' + 'IA' + body(BASE32, 15) + '0',
    ],
  },
  {
    rule: 'aws-secret-access-key',
    positives: [
      () => named('aws_secret_access_key = ', body(B64, 40)),
      () => named('AWS_SECRET_ACCESS_KEY="', body(B64, 40), '"'),
      () => named('"SecretAccessKey": "', body(B64, 40), '"'),
      () => named("secretAccessKey: '", body(B64, 40), "'"),
      () => named('AWSSecretKey: ', body(B64, 40)),
    ],
    negatives: [
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'AWS_SECRET_ACCESS_KEY="je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"',
      'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}',
      () => 'aws_secret_access_key = ' + body(B64, 39),
      () => 'aws_secret_access_key = ' + body(B64, 41),
      () => 'aws_secret_access_key = ' + rand(HEX, 40),
      () => 'aws_access_key_id = ' + body(B64, 40),
      () => 'secret_key = "' + body(B64, 40) + '"',
    ],
  },
  {
    rule: 'aws-session-token',
    positives: [
      () => named('aws_session_token = ', body(B64, 100)),
      () => named('AWS_SESSION_TOKEN="', body(B64, 1200) + '==', '"'),
      () => named('"SessionToken": "', 'FwoGZXIv' + 'YXdzE' + body(B64, 300) + '=', '"'),
      () => 'IQoJb3Jp' + 'Z2luX2Vj' + body(B64, between(400, 1184)),
    ],
    negatives: [
      'aws_session_token = ${AWS_SESSION_TOKEN}',
      () => 'aws_session_token = ' + body(B64, 99),
      () => 'aws_session_token = ' + body(B64, 1201),
      () => 'IQoJb3Jp' + 'Z2luX2Vj' + body(B64, 60),
      // The known start inside a longer base64 run is not a token's start.
      () => 'x' + 'IQoJb3Jp' + 'Z2luX2Vj' + body(B64, 500),
      () => 'aws_region = ' + body(B64, 200),
    ],
  },
  {
    rule: 'aws-appsync-api-key',
    positives: [() => 'da2' + '-' + body(LOWER_ALNUM, 26)],
    negatives: [
      'da2-...',
      () => 'da2' + '-' + body(LOWER_ALNUM, 25),
      () => 'da2' + '-' + body(LOWER_ALNUM, 27),
      () => 'da2' + '-' + body(LOWER_ALNUM, 25) + 'Q',
    ],
  },
  {
    rule: 'aws-mws-auth-token',
    positives: [() => 'amzn' + '.mws.' + uuid()],
    negatives: [
      'amzn.mws.xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
      () => 'amzn' + '.mws.' + uuid().toUpperCase(),
      () => 'amzn' + '.mws.' + uuid().slice(1),
    ],
  },
  {
    rule: 'gcp-service-account-key',
    positives: [
      () => {
        const id = rand(HEX, 40);
        return { text: JSON.stringify(serviceAccount(id)).replace(/":"/g, '": "').replace(/","/g, '", "'), secret: id };
      },
      () => {
        const id = rand(HEX, 40);
        return { text: JSON.stringify(JSON.stringify(serviceAccount(id))), secret: id };
      },
      () => Buffer.from(JSON.stringify(serviceAccount(rand(HEX, 40)), null, 2)).toString('base64'),
      () => Buffer.from(JSON.stringify(serviceAccount(rand(HEX, 40)))).toString('base64'),
    ],
    negatives: [
      '{"type": "service_account", "private_key_id": "..."}',
      () => JSON.stringify({ ...serviceAccount(rand(HEX, 39)) }),
      () => JSON.stringify({ ...serviceAccount(rand(HEX, 40)), type: 'authorized_user' }),
      () => Buffer.from(JSON.stringify({ type: 'service_' + 'account', project_id: 'p' }, null, 2)).toString('base64'),
    ],
  },
  {
    rule: 'gcp-oauth-client-secret',
    positives: [() => 'GOCSPX' + '-' + body(B64URL, 28)],
    negatives: [
      'GOCSPX-...',
      'GOCSPX-YOUR_CLIENT_SECRET_HERE',
      () => 'GOCSPX' + '-' + body(B64URL, 27),
      () => 'GOCSPX' + '-' + body(B64URL, 29),
    ],
  },
  {
    rule: 'gcp-oauth-refresh-token',
    positives: [() => '1/' + '/0' + body(B64URL, 80), () => '1/' + '/0' + body(B64URL, 120)],
    negatives: [
      '1//0...',
      () => '1/' + '/0' + body(B64URL, 79),
      () => '1/' + '/0' + body(B64URL, 121),
      () => 'https://host.test/1/' + '/0' + body(B64URL, 90),
    ],
  },
  {
    rule: 'gcp-oauth-access-token',
    positives: [() => 'ya29' + '.' + body(B64URL, 100), () => 'ya29' + '.' + body(B64URL, 250)],
    negatives: ['ya29.xxxxx', () => 'ya29' + '.' + body(B64URL, 99), () => 'ya29' + '.' + body(B64URL, 251)],
  },
  {
    rule: 'gcs-hmac-access-id',
    positives: [() => 'GOOG' + '1' + body('A-Z0-9', 56)],
    negatives: [
      'GOOG1...',
      () => 'GOOG' + '1' + body('A-Z0-9', 55),
      () => 'GOOG' + '1' + body('A-Z0-9', 57),
      () => 'GOOG' + '1' + body('A-Z0-9', 55) + 'q',
    ],
  },
  {
    rule: 'firebase-fcm-server-key',
    positives: [() => 'AAAA' + body(B64URL, 7) + ':APA' + '91b' + body(B64URL, 134)],
    negatives: [
      'AAAA...:APA91b...',
      () => 'AAAA' + body(B64URL, 7) + ':APA' + '91b' + body(B64URL, 133),
      () => 'AAAA' + body(B64URL, 6) + ':APA' + '91b' + body(B64URL, 134),
      () => body(B64URL, 22) + ':APA' + '91b' + body(B64URL, 134),
    ],
  },
  {
    rule: 'azure-ad-client-secret',
    positives: [() => fresh(() => rand('A-Za-z0-9_~.', 3) + rand('7-8', 1) + 'Q' + '~' + rand('A-Za-z0-9_~.-', 34))],
    negatives: [
      'abc8Q~...',
      () => fresh(() => rand('A-Za-z0-9_~.', 3) + '8Q' + '~' + rand('A-Za-z0-9_~.-', 33)),
      () => fresh(() => rand('A-Za-z0-9_~.', 3) + 'kQ' + '~' + rand('A-Za-z0-9_~.-', 34)),
      () => fresh(() => rand('A-Za-z0-9_~.', 3) + '8Q' + '-' + rand('A-Za-z0-9_~.-', 34)),
    ],
  },
  {
    rule: 'azure-storage-account-key',
    positives: [
      () => named('AZURE_STORAGE_KEY=', key88()),
      () => named('"storageAccountKey": "', key88(), '"'),
      () => named('AccountName=' + rand(LOWER_ALNUM, between(3, 24)) + ';AccountKey=', key88(), ';'),
    ],
    negatives: [
      'UseDevelopmentStorage=true',
      'AZURE_STORAGE_KEY=${STORAGE_KEY}',
      () => 'AccountName=devstoreaccount1;AccountKey=' + AZURITE_KEY + ';',
      () => 'AZURE_STORAGE_KEY=' + AZURITE_KEY,
      () => 'AZURE_STORAGE_KEY=' + body(B64, 85) + '==',
      () => 'AZURE_STORAGE_ACCOUNT=' + key88(),
    ],
  },
  {
    rule: 'azure-storage-identifiable-key',
    positives: [() => body(B64, 76) + '+A' + 'St' + body(B64, 5) + rand('AQgw', 1) + '=='],
    negatives: [
      () => body(B64, 76) + '+A' + 'Su' + body(B64, 5) + 'A==',
      () => body(B64, 76) + '+A' + 'St' + body(B64, 5) + 'B==',
      () => body(B64, 75) + '+A' + 'St' + body(B64, 5) + 'A==',
    ],
  },
  {
    rule: 'azure-storage-connection-string',
    positives: [
      () => named('DefaultEndpoints' + 'Protocol=https;AccountName=' + rand(LOWER_ALNUM, 3) + ';AccountKey=', key88(), ';EndpointSuffix=core.windows.net'),
      () => named('DefaultEndpoints' + 'Protocol=https;AccountName=' + rand(LOWER_ALNUM, 24) + ';AccountKey=', key88(), ';EndpointSuffix=core.windows.net'),
    ],
    negatives: [
      'UseDevelopmentStorage=true',
      'DefaultEndpointsProtocol=https;AccountName=myaccount;AccountKey=...;EndpointSuffix=core.windows.net',
      () => 'DefaultEndpoints' + 'Protocol=http;AccountName=devstoreaccount1;AccountKey=' + AZURITE_KEY + ';BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
      () => 'DefaultEndpoints' + 'Protocol=https;AccountName=acct;AccountKey=' + body(B64, 85) + '==;EndpointSuffix=core.windows.net',
    ],
  },
  {
    rule: 'azure-sas-token',
    positives: [
      () => {
        const sig = body(B64, 43) + '%3D';
        return { text: sasUrl(sig), secret: sig };
      },
      () => {
        const sig = encodeURIComponent(body(B64, 43) + '=');
        return { text: sasUrl(sig), secret: sig };
      },
    ],
    negatives: [
      'https://acct.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=...',
      () => sasUrl(body(B64, 42) + '%3D'),
      () => 'https://host.test/file?v=2022-11-02&sig=' + body(B64, 43) + '%3D',
    ],
  },
  {
    rule: 'azure-servicebus-connection-string',
    positives: [
      () => named('Endpoint=sb://' + rand('a-z', 1) + rand('a-z0-9-', between(5, 29)) + '.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccess' + 'Key=', key44()),
      () => named('Endpoint=sb://' + rand('a-z', 8) + '.servicebus.windows.net/;SharedAccessKeyName=' + body(ALNUM, 8) + ';SharedAccess' + 'Key=', key44(), ';EntityPath=events'),
    ],
    negatives: [
      'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>',
      () => 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccess' + 'Key=' + body(B64, 42) + '=',
      () => 'Endpoint=sb://ns.blob.core.windows.net/;SharedAccessKeyName=Root;SharedAccess' + 'Key=' + key44(),
    ],
  },
  {
    rule: 'azure-cosmosdb-key',
    positives: [
      () => named('AccountEndpoint=https://' + rand(LOWER_ALNUM, 10) + '.documents.azure.com:443/;AccountKey=', key88(), ';'),
      () => named('COSMOS_KEY=', key88()),
      () => named('cosmosDbPrimaryKey: "', key88(), '"'),
    ],
    negatives: [
      'COSMOS_KEY=${COSMOS_KEY}',
      () => 'AccountEndpoint=https://acct.documents.azure.com:443/;AccountKey=' + body(B64, 85) + '==;',
      () => 'COSMOS_ENDPOINT=' + key88(),
    ],
  },
  {
    rule: 'azure-function-key',
    positives: [() => body(B64URL, 44) + 'Az' + 'Fu' + body(B64URL, 5) + rand('AQgw', 1) + '=='],
    negatives: [
      () => body(B64URL, 44) + 'Az' + 'Fv' + body(B64URL, 5) + 'A==',
      () => body(B64URL, 43) + 'Az' + 'Fu' + body(B64URL, 5) + 'A==',
      () => body(B64URL, 44) + 'Az' + 'Fu' + body(B64URL, 5) + 'B==',
    ],
  },
  {
    rule: 'azure-search-admin-key',
    positives: [() => body(ALNUM, 42) + 'Az' + 'Se' + rand('A-D', 1) + body(ALNUM, 5)],
    negatives: [
      () => body(ALNUM, 42) + 'Az' + 'Se' + 'E' + body(ALNUM, 5),
      () => body(ALNUM, 41) + 'Az' + 'Se' + 'A' + body(ALNUM, 5),
      () => body(ALNUM, 42) + 'Az' + 'Sf' + 'A' + body(ALNUM, 5),
    ],
  },
  {
    rule: 'azure-container-registry-key',
    positives: [() => body(B64, 42) + '+A' + 'CR' + rand('A-D', 1) + body(B64, 5)],
    negatives: [
      () => body(B64, 42) + '+A' + 'CS' + 'A' + body(B64, 5),
      () => body(B64, 43) + '+A' + 'CR' + 'A' + body(B64, 5),
      () => body(B64, 42) + '+A' + 'CR' + 'E' + body(B64, 5),
    ],
  },
  {
    rule: 'azure-redis-access-key',
    positives: [() => body(B64, 33) + 'Az' + 'Ca' + rand('A-P', 1) + body(B64, 5) + '='],
    negatives: [
      () => body(B64, 33) + 'Az' + 'Ca' + 'Q' + body(B64, 5) + '=',
      () => body(B64, 33) + 'Az' + 'Cb' + 'A' + body(B64, 5) + '=',
      () => body(B64, 32) + 'Az' + 'Ca' + 'A' + body(B64, 5) + '=',
    ],
  },
  {
    rule: 'azure-apim-subscription-key',
    positives: [() => body(B64, 76) + 'AP' + 'IM' + body(B64, 5) + rand('AQgw', 1) + '=='],
    negatives: [
      () => body(B64, 76) + 'AP' + 'IN' + body(B64, 5) + 'A==',
      () => body(B64, 76) + 'AP' + 'IM' + body(B64, 5) + 'B==',
      () => body(B64, 77) + 'AP' + 'IM' + body(B64, 5) + 'A==',
    ],
  },
  {
    rule: 'azure-devops-pat',
    positives: [() => msKey84('AAAAA' + 'ZDO')],
    negatives: [
      () => msKey84('AAAAA' + 'ZDO', 'M'),
      () => msKey84('AAAAA' + 'ZDP'),
      () => msKey84('AAAAA' + 'ZDO').slice(1),
    ],
  },
  {
    rule: 'azure-devops-pat-legacy',
    positives: [
      () => named('AZURE_DEVOPS_EXT_PAT=', body(LOWER_BASE32, 52)),
      () => named('azdo_token: "', body(LOWER_BASE32, 52), '"'),
      () => named('"vstsPersonalAccessToken": "', body(LOWER_BASE32, 52), '"'),
    ],
    negatives: [
      'AZURE_DEVOPS_EXT_PAT=${{ secrets.ADO_PAT }}',
      () => 'AZURE_DEVOPS_EXT_PAT=' + body(LOWER_BASE32, 51),
      () => 'AZURE_DEVOPS_EXT_PAT=' + body(LOWER_BASE32, 51) + '8',
      () => 'AZURE_DEVOPS_ORG=' + body(LOWER_BASE32, 52),
      () => 'AZURE_DEVOPS_EXT_PAT=' + body(LOWER_BASE32, 52).toUpperCase(),
    ],
  },
  {
    rule: 'azure-cognitive-services-key',
    positives: [() => msKey84('AAAAA' + 'COG')],
    negatives: [
      () => msKey84('AAAAA' + 'COG', 'Z'),
      () => msKey84('AAABA' + 'COG'),
      () => msKey84('AAAAA' + 'COG') + 'x',
    ],
  },
  {
    rule: 'azure-app-configuration-connection-string',
    positives: [
      () =>
        named(
          'Endpoint=https://' + rand('a-z', 5) + '.azconfig.io;Id=' + body(ALNUM, 4) + '-' + body(ALNUM, 2) + '-' + body(ALNUM, 2) + ':' + body(B64, 20) + ';Secret=',
          key44(),
        ),
    ],
    negatives: [
      'Endpoint=https://store.azconfig.io;Id=xxxx-xx-xx:...;Secret=...',
      () => 'Endpoint=https://store.azconfig.io;Id=' + body(ALNUM, 4) + '-ab-cd:' + body(B64, 20) + ';Secret=' + body(B64, 42) + '=',
      () => 'Endpoint=https://store.azconfig.io;Id=ab;Secret=' + key44(),
    ],
  },
  {
    rule: 'digitalocean-personal-access-token',
    positives: [() => 'dop' + '_v1_' + body(HEX, 64)],
    negatives: ['dop_v1_...', () => 'dop' + '_v1_' + body(HEX, 63), () => 'dop' + '_v1_' + body(HEX, 63) + 'G', () => 'dop' + '_v2_' + body(HEX, 64)],
  },
  {
    rule: 'digitalocean-oauth-token',
    positives: [() => 'doo' + '_v1_' + body(HEX, 64)],
    negatives: ['doo_v1_...', () => 'doo' + '_v1_' + body(HEX, 65), () => 'doo' + '_v1_' + body(HEX, 63) + 'z'],
  },
  {
    rule: 'digitalocean-refresh-token',
    positives: [() => 'dor' + '_v1_' + body(HEX, 64)],
    negatives: ['dor_v1_...', () => 'dor' + '_v1_' + body(HEX, 63), () => 'dor' + '_v1_' + body(HEX, 64).toUpperCase()],
  },
  {
    rule: 'heroku-platform-api-key',
    positives: [() => 'HRKU' + '-AA' + body(B64URL, 58)],
    negatives: ['HRKU-AA...', () => 'HRKU' + '-AA' + body(B64URL, 57), () => 'HRKU' + '-AA' + body(B64URL, 59), () => 'HRKU' + '-AB' + body(B64URL, 58)],
  },
  {
    rule: 'heroku-api-key-legacy',
    positives: [
      () => named('HEROKU_API_KEY=', uuid()),
      () => named('heroku.api_key: "', uuid(), '"'),
      () => named('"herokuOauthToken": "', uuid(), '"'),
    ],
    negatives: [
      'HEROKU_API_KEY=${HEROKU_API_KEY}',
      () => 'HEROKU_APP_ID=' + uuid(),
      () => 'HEROKU_API_KEY=' + uuid().toUpperCase(),
      () => 'HEROKU_API_KEY=' + uuid().slice(1),
    ],
  },
  {
    rule: 'cloudflare-user-api-token',
    positives: [() => 'cfut' + '_' + body(ALNUM, 40) + rand(HEX, 8)],
    negatives: ['cfut_...', () => 'cfut' + '_' + body(ALNUM, 39) + rand(HEX, 8), () => 'cfut' + '_' + body(ALNUM, 40) + rand(HEX, 7) + 'z'],
  },
  {
    rule: 'cloudflare-account-api-token',
    positives: [() => 'cfat' + '_' + body(ALNUM, 40) + rand(HEX, 8)],
    negatives: ['cfat_...', () => 'cfat' + '_' + body(ALNUM, 41) + rand(HEX, 8), () => 'cfat' + '_' + body(ALNUM, 40) + rand(HEX, 7) + 'Q'],
  },
  {
    rule: 'cloudflare-global-api-key',
    positives: [() => 'cfk' + '_' + body(ALNUM, 40) + rand(HEX, 8)],
    negatives: ['cfk_...', () => 'cfk' + '_' + body(ALNUM, 39) + rand(HEX, 8), () => 'cfk' + '_' + body(ALNUM, 40) + rand(HEX, 7) + 'g'],
  },
  {
    rule: 'cloudflare-api-token-legacy',
    positives: [
      () => named('CLOUDFLARE_API_TOKEN=', body(B64URL, 40)),
      () => named('CF_API_TOKEN: "', body(B64URL, 40), '"'),
      () => named('"cloudflareToken": "', body(B64URL, 40), '"'),
    ],
    negatives: [
      'CLOUDFLARE_API_TOKEN=${{ secrets.CLOUDFLARE_API_TOKEN }}',
      () => 'CLOUDFLARE_API_TOKEN=' + body(B64URL, 39),
      () => 'CLOUDFLARE_API_TOKEN=' + body(B64URL, 41),
      () => 'CLOUDFLARE_ZONE_ID=' + body(B64URL, 40),
    ],
  },
  {
    rule: 'cloudflare-global-api-key-legacy',
    positives: [
      () => named('CLOUDFLARE_API_KEY=', rand(HEX, 37)),
      () => named('X-Auth-Key: ', rand(HEX, 37)),
      () => named("CF_API_KEY = '", rand(HEX, 37), "'"),
    ],
    negatives: [
      'CLOUDFLARE_API_KEY=your-global-api-key',
      () => 'CLOUDFLARE_API_KEY=' + rand(HEX, 36),
      () => 'CLOUDFLARE_API_KEY=' + rand(HEX, 38),
      () => 'CLOUDFLARE_ZONE_ID=' + rand(HEX, 37),
    ],
  },
  {
    rule: 'cloudflare-origin-ca-key',
    positives: [() => 'v1' + '.0-' + body(HEX, 24) + '-' + body(HEX, 146)],
    negatives: ['v1.0-...', () => 'v1' + '.0-' + body(HEX, 24) + '-' + body(HEX, 145), () => 'v1' + '.0-' + body(HEX, 23) + '-' + body(HEX, 146)],
  },
  {
    rule: 'alibaba-access-key-id',
    positives: [() => 'LT' + 'AI' + body(ALNUM, 20), () => 'LT' + 'AI' + body(ALNUM, 16), () => 'LT' + 'AI' + body(ALNUM, 12)],
    negatives: [
      'LTAI...',
      () => 'LT' + 'AI' + body(ALNUM, 19),
      () => 'LT' + 'AI' + body(ALNUM, 21),
      () => 'LT' + 'AI' + body(ALNUM, 14),
    ],
  },
  {
    rule: 'alibaba-access-key-secret',
    positives: [
      () => named('ALIBABA_CLOUD_ACCESS_KEY_SECRET=', body(ALNUM, 30)),
      () => named('access_key_secret: "', body(ALNUM, 30), '"'),
      () => named('aliyun_secret = "', body(ALNUM, 30), '"'),
    ],
    negatives: [
      'ALIBABA_CLOUD_ACCESS_KEY_SECRET=<your-access-key-secret>',
      () => 'ALIBABA_CLOUD_ACCESS_KEY_SECRET=' + body(ALNUM, 29),
      () => 'ALIBABA_CLOUD_ACCESS_KEY_SECRET=' + body(ALNUM, 31),
      () => 'ALIBABA_CLOUD_REGION_ID=' + body(ALNUM, 30),
    ],
  },
  {
    rule: 'alibaba-sts-access-key-id',
    positives: [() => 'ST' + 'S.' + stsBody(16), () => 'ST' + 'S.' + stsBody(64)],
    negatives: [
      'STS.AssumeRoleWithWebIdentity',
      'client.STS.GetCallerIdentity2023',
      () => 'ST' + 'S.' + stsBody(15),
      () => 'ST' + 'S.' + stsBody(65),
    ],
  },
  {
    rule: 'tencent-cloud-secret-id',
    positives: [() => 'AK' + 'ID' + body(ALNUM, 32)],
    negatives: ['AKID...', () => 'AK' + 'ID' + body(ALNUM, 31), () => 'AK' + 'ID' + body(ALNUM, 33)],
  },
  {
    rule: 'ibm-cloud-api-key',
    positives: [
      () => named('IBMCLOUD_API_KEY=', body(B64URL, 44)),
      () => named('IC_API_KEY: "', body(B64URL, 44), '"'),
      () => named('ibm_cloud_apikey = "', body(B64URL, 44), '"'),
    ],
    negatives: [
      'IBMCLOUD_API_KEY=<your_api_key>',
      () => 'IBMCLOUD_API_KEY=' + body(B64URL, 43),
      () => 'IBMCLOUD_API_KEY=' + body(B64URL, 45),
      () => 'IBM_ACCOUNT_ID=' + body(B64URL, 44),
    ],
  },
  {
    rule: 'ibm-cos-hmac-secret',
    positives: [
      () => named('"secret_access_key": "', rand(HEX, 48), '"'),
      () => named('cos_hmac_secret = ', rand(HEX, 48)),
    ],
    negatives: [
      '"secret_access_key": "<secret>"',
      () => '"secret_access_key": "' + rand(HEX, 47) + '"',
      () => '"secret_access_key": "' + rand(HEX, 49) + '"',
      () => '"access_key_id": "' + rand(HEX, 48) + '"',
    ],
  },
  {
    rule: 'yandex-cloud-api-key',
    positives: [
      () => named('YANDEX_API_KEY=', 'AQ' + 'VN' + body(B64URL, 35)),
      () => named('yandex_cloud_key: "', 'AQ' + 'VN' + body(B64URL, 38), '"'),
      () => named('Api-Key ', 'AQ' + 'VN' + body(B64URL, between(35, 38))),
    ],
    negatives: [
      'YANDEX_API_KEY=AQVN...',
      () => 'AQ' + 'VN' + body(B64URL, 36),
      () => 'YANDEX_API_KEY=' + 'AQ' + 'VN' + body(B64URL, 34),
      () => 'YANDEX_API_KEY=' + 'AQ' + 'VN' + body(B64URL, 39),
    ],
  },
  {
    rule: 'yandex-cloud-static-key',
    positives: [
      () => named('YANDEX_STORAGE_SECRET=', 'Y' + 'C' + body(B64URL, 38)),
      () => named('"yandexStorageSecret": "', 'Y' + 'C' + body(B64URL, 38), '"'),
    ],
    negatives: [
      () => 'Y' + 'C' + body(B64URL, 38),
      () => 'YANDEX_STORAGE_SECRET=' + 'Y' + 'C' + body(B64URL, 37),
      () => 'YANDEX_STORAGE_SECRET=' + 'Y' + 'C' + body(B64URL, 39),
    ],
  },
  {
    rule: 'akamai-edgegrid-client-token',
    positives: [() => 'akab' + '-' + body(LOWER_ALNUM, 16) + '-' + body(LOWER_ALNUM, 16)],
    negatives: [
      'akab-...',
      () => 'akab' + '-' + body(LOWER_ALNUM, 16) + '-' + body(LOWER_ALNUM, 16) + '.luna.akamaiapis.net',
      () => 'akab' + '-' + body(LOWER_ALNUM, 15) + '-' + body(LOWER_ALNUM, 16),
      () => 'akab' + '-' + body(LOWER_ALNUM, 16) + '-' + body(LOWER_ALNUM, 15) + 'Z',
    ],
  },
  {
    rule: 'vultr-api-key',
    positives: [() => named('VULTR_API_KEY=', body('A-Z0-9', 36)), () => named('vultr_token: "', body('A-Z0-9', 36), '"')],
    negatives: [
      'VULTR_API_KEY=YOUR_VULTR_API_KEY',
      () => 'VULTR_API_KEY=' + body('A-Z0-9', 35),
      () => 'VULTR_API_KEY=' + body('A-Z0-9', 35) + 'q',
      () => 'VULTR_REGION=' + body('A-Z0-9', 36),
    ],
  },
  {
    rule: 'openshift-oauth-token',
    positives: [() => 'sha256' + '~' + body(B64URL, 43)],
    negatives: ['sha256~...', () => 'sha256' + '~' + body(B64URL, 42), () => 'sha256' + '~' + body(B64URL, 44)],
  },
  {
    rule: 'kubernetes-bootstrap-token',
    positives: [
      () => named('kubeadm join 10.0.0.10:6443 --token ', bootstrapToken(), ' --discovery-token-ca-cert-hash sha256:' + rand(HEX, 64)),
      () => named('--token=', bootstrapToken()),
      () => named('bootstrapToken: "', bootstrapToken(), '"'),
      () => named('KUBEADM_TOKEN=', bootstrapToken()),
    ],
    negatives: [
      'kubeadm join --token abcdef.0123456789abcdef',
      () => '--token ' + rand(LOWER_ALNUM, 5) + '.' + body(LOWER_ALNUM, 16),
      () => '--token ' + rand(LOWER_ALNUM, 6) + '.' + body(LOWER_ALNUM, 17),
      () => 'version: ' + bootstrapToken(),
    ],
  },
  {
    rule: 'docker-swarm-join-token',
    positives: [() => 'SWMTKN' + '-1-' + body(LOWER_ALNUM, 50) + '-' + body(LOWER_ALNUM, 25)],
    negatives: [
      'SWMTKN-1-...',
      () => 'SWMTKN' + '-1-' + body(LOWER_ALNUM, 49) + '-' + body(LOWER_ALNUM, 25),
      () => 'SWMTKN' + '-1-' + body(LOWER_ALNUM, 50) + '-' + body(LOWER_ALNUM, 26),
    ],
  },
];
