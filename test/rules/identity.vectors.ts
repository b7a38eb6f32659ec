import { between, rand } from '../helpers/synth';
import type { Planted, RuleVectors } from '../helpers/vectors';

const HEX = 'a-f0-9';
const ALNUM = 'A-Za-z0-9';
const B64URL = 'A-Za-z0-9_-';
const LOWER_ALNUM = 'a-z0-9';

/** `name` + `sep` + token (+ `close`), reporting the token as the secret. */
const assign = (name: string, token: string, sep = '=', close = ''): Planted => ({
  text: name + sep + token + close,
  secret: token,
});

const oktaToken = (n = 40): string => '0' + '0' + rand(B64URL, n);
const twitch = (n = 30): string => rand(LOWER_ALNUM, n);
/** Salesforce bodies use [A-Za-z0-9._]; one '.' is placed inside (random dots could spell a '...' placeholder). */
function salesforceBody(n: number): string {
  const body = rand('A-Za-z0-9_', n - 1);
  const at = between(1, n - 2);
  return body.slice(0, at) + '.' + body.slice(at);
}
const salesforceAccess = (n = 96, org = 12): string => '00' + 'D' + rand(ALNUM, org) + '!' + salesforceBody(n);
const salesforceRefresh = (n: number): string => '5Aep' + '861' + salesforceBody(n);
const facebookToken = (n: number, family = rand('A-Z', 1)): string => 'EA' + 'A' + family + rand(ALNUM, n);
const instagramToken = (n: number): string => 'IGQ' + 'VJ' + rand(B64URL, n);
/** Units of a URL-encoded base64 run: alphanumerics with the odd %2B / %2F. */
function urlEncodedRun(units: number): string {
  let out = '';
  for (let i = 0; i < units; i++) out += between(0, 9) === 0 ? (between(0, 1) ? '%2B' : '%2F') : rand(ALNUM, 1);
  return out;
}
const twitterBearer = (aRun = 21, units = 40, tail = 50, equals = '%3D'): string =>
  'AAAAAAAAAA' + 'A'.repeat(aRun - 10) + rand('B-Za-z0-9', 1) + urlEncodedRun(units - 1) + equals + rand(ALNUM, tail);
const recaptcha = (n = 38): string => '6' + 'L' + rand(B64URL, n);

export const identityVectors: RuleVectors[] = [
  {
    rule: 'okta-api-token',
    positives: [
      () => assign('OKTA_' + 'API_TOKEN', oktaToken()),
      () => assign('Authorization: ' + 'SSWS', oktaToken(), ' '),
      () => assign('okta.client.' + 'token', oktaToken(), ': "', '"'),
    ],
    negatives: [
      'OKTA_API_TOKEN=${OKTA_API_TOKEN}',
      'Authorization: SSWS {apiToken}',
      () => 'OKTA_' + 'API_TOKEN=' + oktaToken(39),
      () => 'OKTA_' + 'API_TOKEN=' + oktaToken(41),
      () => 'OKTA_' + 'API_TOKEN=' + '01' + rand(B64URL, 40),
      () => oktaToken(),
    ],
  },
  {
    rule: 'auth0-client-secret',
    positives: [
      () => assign('AUTH0_' + 'CLIENT_SECRET', rand(B64URL, 64)),
      () => assign('auth0.' + 'clientSecret', rand(B64URL, 64), ': "', '"'),
    ],
    negatives: [
      'AUTH0_CLIENT_SECRET=YOUR_CLIENT_SECRET',
      () => 'AUTH0_' + 'CLIENT_SECRET=' + rand(B64URL, 63),
      () => 'AUTH0_' + 'CLIENT_SECRET=' + rand(B64URL, 65),
      () => 'AUTH0_' + 'CLIENT_ID=' + rand(ALNUM, 32),
      () => 'client_secret=' + rand(B64URL, 64),
    ],
  },
  {
    rule: 'twitch-oauth-token',
    positives: [
      () => assign('TWITCH_' + 'OAUTH_TOKEN', twitch()),
      () => assign('PASS oauth', twitch(), ':'),
      () => assign('twitch_bot_' + 'token', twitch(), ': "oauth:', '"'),
    ],
    negatives: [
      'oauth:your_oauth_token_here',
      () => 'TWITCH_' + 'CLIENT_ID=' + twitch(),
      () => 'TWITCH_' + 'CLIENT_SECRET=' + twitch(),
      () => 'TWITCH_' + 'OAUTH_TOKEN=' + twitch(29),
      () => 'TWITCH_' + 'OAUTH_TOKEN=' + twitch(31),
      () => 'oauth:' + rand('A-Z', 30),
      () => twitch(),
    ],
  },
  {
    rule: 'twitch-client-secret',
    positives: [
      () => assign('TWITCH_' + 'CLIENT_SECRET', twitch()),
      () => assign('twitch.' + 'clientSecret', twitch(), ': "', '"'),
    ],
    negatives: [
      'TWITCH_CLIENT_SECRET=your_client_secret',
      () => 'TWITCH_' + 'CLIENT_ID=' + twitch(),
      () => 'TWITCH_' + 'CLIENT_SECRET=' + twitch(29),
      () => 'client_' + 'secret=' + twitch(),
    ],
  },
  {
    rule: 'salesforce-access-token',
    positives: [() => salesforceAccess(), () => salesforceAccess(80), () => salesforceAccess(120)],
    negatives: [
      '00D000000000000!...',
      () => salesforceAccess(96, 11),
      () => salesforceAccess(79),
      () => salesforceAccess(121),
      () => salesforceAccess().replace('!', '#'),
    ],
  },
  {
    rule: 'salesforce-refresh-token',
    positives: [() => salesforceRefresh(80), () => salesforceRefresh(100), () => salesforceRefresh(between(81, 99))],
    negatives: [
      '5Aep861...',
      () => salesforceRefresh(79),
      () => salesforceRefresh(101),
      () => '5Aep' + '862' + salesforceBody(90),
    ],
  },
  {
    rule: 'facebook-access-token',
    positives: [
      () => facebookToken(100),
      () => facebookToken(250),
      () => facebookToken(between(101, 249), 'B'),
    ],
    negatives: [
      'EAAB...',
      () => facebookToken(60, 'A'),
      () => facebookToken(99),
      () => facebookToken(251),
      () => facebookToken(150, 'b'),
    ],
  },
  {
    rule: 'facebook-app-secret',
    positives: [
      () => assign('FACEBOOK_' + 'APP_SECRET', rand(HEX, 32)),
      () => assign('fb_app_' + 'secret', rand(HEX, 32), ': "', '"'),
      () => assign('FB_' + 'SECRET', rand(HEX, 32)),
    ],
    negatives: [
      'FACEBOOK_APP_SECRET=your_app_secret',
      () => 'FACEBOOK_' + 'APP_SECRET=' + rand(HEX, 31),
      () => 'FACEBOOK_' + 'APP_SECRET=' + rand(HEX, 33),
      () => 'FACEBOOK_' + 'APP_ID=' + rand('0-9', 16),
      () => 'app_secret=' + rand(HEX, 32),
    ],
  },
  {
    rule: 'instagram-access-token',
    positives: [() => instagramToken(100), () => instagramToken(250), () => instagramToken(between(101, 249))],
    negatives: [
      'IGQVJ...',
      () => instagramToken(99),
      () => instagramToken(251),
      () => 'IGQ' + 'VK' + rand(B64URL, 150),
    ],
  },
  {
    rule: 'twitter-bearer-token',
    positives: [
      () => twitterBearer(),
      () => twitterBearer(22, 39),
      () => twitterBearer(21, 35),
      () => twitterBearer(21, 45),
    ],
    negatives: [
      'AAAAAAAAAAAAAAAAAAAAA...',
      () => twitterBearer(20, 41),
      () => twitterBearer(21, 40, 49),
      () => twitterBearer(21, 40, 50, '%3E'),
      () => twitterBearer(21, 46),
    ],
  },
  {
    rule: 'twitter-api-secret',
    positives: [
      () => assign('TWITTER_' + 'API_SECRET', rand(ALNUM, 45)),
      () => assign('TWITTER_' + 'ACCESS_TOKEN_SECRET', rand(ALNUM, 50)),
      () => assign('consumer_' + 'secret', rand(ALNUM, between(46, 49)), ' = "', '"'),
      () => assign('access_token_' + 'secret', rand(ALNUM, 50), ': '),
    ],
    negatives: [
      'TWITTER_API_SECRET=your_api_secret',
      () => 'TWITTER_' + 'API_SECRET=' + rand(ALNUM, 44),
      () => 'TWITTER_' + 'API_SECRET=' + rand(ALNUM, 51),
      () => 'TWITTER_' + 'API_KEY=' + rand(ALNUM, 25),
      () => rand(ALNUM, 50),
    ],
  },
  {
    rule: 'recaptcha-secret-key',
    positives: [
      // 'RECAPTCHA_SECRET_KEY=' + a body without '-'/'_' is also claimed by aws-secret-access-key (cloud,
      // same confidence, earlier in the catalogue), so that spelling is left out here; see the report.
      () => assign('RECAPTCHA_' + 'SECRET', recaptcha()),
      () => assign('https://www.google.com/recaptcha/api/siteverify?' + 'secret', recaptcha(), '=', '&response=abc'),
      () => assign('recaptcha_' + 'private_key', recaptcha(), ': "', '"'),
    ],
    negatives: [
      'reCAPTCHA site key (public)',
      '6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe',
      () => 'RECAPTCHA_' + 'SECRET_KEY=' + '6LeIxAcT' + 'AAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe',
      () => 'RECAPTCHA_' + 'SITE_KEY=' + recaptcha(),
      () => 'RECAPTCHA_' + 'SECRET_KEY=' + recaptcha(37),
      () => 'RECAPTCHA_' + 'SECRET_KEY=' + recaptcha(39),
      () => 'RECAPTCHA_' + 'SECRET_KEY=' + '6M' + rand(B64URL, 38),
    ],
  },
];
