import type { Rule } from '../types';
import { anyCase, END_ALNUM, END_B64, END_B64URL, START, START_B64URL } from './fragments';

const IDENTITY = 'shared/token-formats.md (Identity & CRM platforms)';
const SOCIAL = 'shared/token-formats.md (Social / consumer platforms)';

/** Rest of a variable / key name after its provider word (`_API_TOKEN`, `.clientSecret`, ...). */
const NAME_TAIL = '[A-Za-z0-9_.-]{0,30}?';
/** An assignment: optional closing quote, `=`, `:`, `:=` or `=>`, optional opening quote. */
const ASSIGN = `(?:\\\\?["'\`])?\\s{0,3}(?::=|=>|[:=])\\s{0,3}(?:\\\\?["'\`])?`;

/** `<provider word><name tail> = "` in any letter case, e.g. `OKTA_API_TOKEN=` or `"auth0Secret": "`. */
function assigned(word: string): string {
  return `${anyCase(word)}${NAME_TAIL}${ASSIGN}`;
}

/** A name tail that mentions neither a secret nor an id (`TWITCH_CLIENT_ID`, `TWITCH_SECRET` hold other values). */
const NOT_SECRET_OR_ID = `(?!${NAME_TAIL}(?:${anyCase('secret')}|${anyCase('id')}(?![A-Za-z])))`;

/** Identity providers, CRM platforms and social / consumer platform credentials. */
export const identityRules: readonly Rule[] = [
  {
    id: 'okta-api-token',
    provider: 'Okta',
    description: "Calls the Okta admin API with its creator's administrator rights.",
    keywords: ['okta', 'ssws'],
    pattern: `(?:${assigned('okta')}|${anyCase('ssws')}\\s{1,3})(?<secret>00[A-Za-z0-9_-]{40})${END_B64URL}`,
    confidence: 'medium',
    validate: { minEntropy: 3.5 },
    redactPrefix: '00',
    rotateUrl: 'https://developer.okta.com/docs/guides/create-an-api-token/main/',
    source: IDENTITY,
  },
  {
    id: 'auth0-client-secret',
    provider: 'Okta/Auth0',
    description: 'Obtains client-credentials tokens (e.g. for the Management API) as the Auth0 application.',
    keywords: ['auth0'],
    pattern: `${assigned('auth0')}(?<secret>[A-Za-z0-9_-]{64})${END_B64URL}`,
    confidence: 'low',
    validate: { minEntropy: 3.5 },
    rotateUrl: 'https://auth0.com/docs/get-started/applications/rotate-client-secret',
    source: IDENTITY,
  },
  {
    id: 'twitch-oauth-token',
    provider: 'Twitch',
    description: 'Acts as the Twitch user or bot: chat and channel APIs.',
    keywords: ['twitch', 'oauth:'],
    pattern:
      `(?:${anyCase('twitch')}${NOT_SECRET_OR_ID}${NAME_TAIL}${ASSIGN}(?:oauth:)?|${START}oauth:)` +
      `(?<secret>[a-z0-9]{30})${END_ALNUM}`,
    confidence: 'medium',
    validate: { minEntropy: 3 },
    rotateUrl: 'https://www.twitch.tv/settings/connections',
    source: IDENTITY,
  },
  {
    id: 'twitch-client-secret',
    provider: 'Twitch',
    description: 'Mints app access tokens for the Twitch application.',
    keywords: ['twitch'],
    pattern: `${anyCase('twitch')}${NAME_TAIL}${anyCase('secret')}${NAME_TAIL}${ASSIGN}(?<secret>[a-z0-9]{30})${END_ALNUM}`,
    confidence: 'low',
    validate: { minEntropy: 3 },
    rotateUrl: 'https://dev.twitch.tv/console/apps',
    source: IDENTITY,
  },
  {
    id: 'salesforce-access-token',
    provider: 'Salesforce',
    description: 'Calls the Salesforce APIs as the user in the org (OAuth access token / session id).',
    keywords: ['00d'],
    // 15-char org id '00D...' + '!' + session part (about 96 chars; bounds kept loose).
    pattern: `${START}00D[A-Za-z0-9]{12}![A-Za-z0-9._]{80,120}(?![A-Za-z0-9._])`,
    confidence: 'high',
    redactPrefix: '00D',
    rotateUrl: 'https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_revoke_token.htm',
    source: IDENTITY,
  },
  {
    id: 'salesforce-refresh-token',
    provider: 'Salesforce',
    description: 'Mints new Salesforce access tokens for the connected app.',
    keywords: ['5aep861'],
    pattern: `${START}5Aep861[A-Za-z0-9._]{80,100}(?![A-Za-z0-9._])`,
    confidence: 'high',
    redactPrefix: '5Aep861',
    rotateUrl: 'https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_revoke_token.htm',
    source: IDENTITY,
  },
  {
    id: 'facebook-access-token',
    provider: 'Meta',
    description: 'Calls the Graph API as the user, page or system user, within its permissions.',
    keywords: ['eaa'],
    confirm: 'EAA[A-Z]',
    // Square production tokens ('EAAA' + 60 = 64 chars) are too short to match.
    pattern: `${START}EAA[A-Z][A-Za-z0-9]{100,250}${END_B64}`,
    confidence: 'medium',
    redactPrefix: 'EAA',
    rotateUrl: 'https://developers.facebook.com/tools/debug/accesstoken',
    source: SOCIAL,
  },
  {
    id: 'facebook-app-secret',
    provider: 'Meta',
    description: 'Signs app access tokens and verifies webhooks for the Facebook app.',
    keywords: ['facebook', 'fb_'],
    pattern: `(?:${assigned('facebook')}|${START}${anyCase('fb_')}(?:${anyCase('app_')})?${anyCase('secret')}${NAME_TAIL}${ASSIGN})(?<secret>[a-f0-9]{32})(?![0-9a-fA-F])`,
    confidence: 'low',
    validate: { minEntropy: 2.5 },
    rotateUrl: 'https://developers.facebook.com/apps/',
    source: SOCIAL,
  },
  {
    id: 'instagram-access-token',
    provider: 'Meta',
    description: "Reads the user's Instagram profile and media.",
    keywords: ['igqvj'],
    pattern: `${START_B64URL}IGQVJ[A-Za-z0-9_-]{100,250}${END_B64URL}`,
    confidence: 'high',
    redactPrefix: 'IGQVJ',
    rotateUrl: 'https://www.instagram.com/accounts/manage_access/',
    source: SOCIAL,
  },
  {
    id: 'twitter-bearer-token',
    provider: 'X (Twitter)',
    description: "Reads public X/Twitter data through the API on the app's quota (app-only bearer token).",
    keywords: ['aaaaaaaaaaaaaaaaaaaaa'],
    // A run of 21-22 'A', a URL-encoded base64 part (may hold %2B / %2F), '%3D', then 50 alphanumerics.
    pattern: `${START}A{21,22}(?:[A-Za-z0-9]|%2[BF]){35,45}%3D[A-Za-z0-9]{50}${END_ALNUM}`,
    confidence: 'high',
    redactPrefix: 'AAAAAAAAAAAAAAAAAAAAA',
    rotateUrl: 'https://developer.x.com/en/portal/dashboard',
    source: SOCIAL,
  },
  {
    id: 'twitter-api-secret',
    provider: 'X (Twitter)',
    description: 'Signs OAuth 1.0a requests as the X/Twitter app or user (API key secret / access token secret).',
    keywords: ['twitter', 'consumer_secret', 'access_token_secret'],
    pattern:
      `(?:${assigned('twitter')}|${anyCase('consumer_secret')}${ASSIGN}|${anyCase('access_token_secret')}${ASSIGN})` +
      `(?<secret>[A-Za-z0-9]{45,50})${END_ALNUM}`,
    confidence: 'low',
    validate: { minEntropy: 3.5 },
    rotateUrl: 'https://developer.x.com/en/portal/dashboard',
    source: SOCIAL,
  },
  {
    id: 'recaptcha-secret-key',
    provider: 'Google',
    description: 'Verifies reCAPTCHA responses server-side for the site (enables bypass and quota abuse).',
    keywords: ['secret', 'private'],
    // Site keys share the shape and are public: only a value assigned to a secret / private name counts.
    // Google's documented always-pass test keys start 6LeIxAcTAAAAA.
    pattern:
      `(?:${anyCase('secret')}|${anyCase('private')})${NAME_TAIL}${ASSIGN}` +
      `(?!6LeIxAcTAAAAA)(?<secret>6L[A-Za-z0-9_-]{38})${END_B64URL}`,
    // medium, not low: '6L' + exactly 38 under a secret name is specific, and it must outrank the
    // generic `secret_key = <40 chars>` shape that the AWS secret-key rule also claims.
    confidence: 'medium',
    redactPrefix: '6L',
    rotateUrl: 'https://www.google.com/recaptcha/admin',
    source: SOCIAL,
  },
];
