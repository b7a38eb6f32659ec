import type { Rule } from '../types';
import { END_B64URL, START, START_B64URL } from './fragments';

const FORMATS = 'shared/token-formats.md (Databases & data platforms)';

/**
 * Passwords that documentation, container images and templates use (including
 * Microsoft's SQL Server container sample 'yourStrong(!)Password'); a
 * credential-in-URL rule rejects them when they are the whole password
 * (the caller appends the terminator that must follow). Use with flag `i`.
 */
export const PLACEHOLDER_PASSWORDS =
  '(?:passwords?|passwd|pass|pwd|secret|changeme|change_me|changeit|admin|administrator|root|toor|test|testing|user|username|' +
  'mypassword|mypass|default|guest|example|sample|dummy|none|null|empty|redacted|hidden|masked|postgres|postgresql|mysql|' +
  'mongo|mongodb|redis|rabbitmq|tiger|qwerty|letmein|hunter2|passw0rd|p4ssw0rd|123456|1234567|12345678|123456789|' +
  'yourstrong[^;@\\s"\']{0,30}|\\*{1,64}|x{1,64}|\\.{1,64}|%s)';

/** Not a variable reference: `$VAR`, `${VAR}`, `$(cmd)`, `%VAR%`. */
export const NOT_VARIABLE = '(?!\\$[A-Za-z_({]|%[A-Za-z_])';

/** URL userinfo characters (RFC 3986 unreserved, sub-delims without , and ;, percent escapes). */
export const USERINFO = "[A-Za-z0-9_.~%!$&()*+=-]";

/**
 * A short password on a loopback host is a local development default
 * (`postgres://app:devpass@localhost`), not a leak.
 */
export const NOT_LOCAL_TRIVIAL =
  '(?![^@\\s/]{0,11}@(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1\\]|host\\.docker\\.internal)(?![A-Za-z0-9.-]))';

/**
 * `scheme://user:password@host`: the password is the named group `secret`.
 * Rejects user == password, placeholder passwords, variables and trivial local passwords.
 */
export function userinfoPassword(scheme: string): string {
  return (
    `${START}${scheme}://(?<u>${USERINFO}{0,64}):` +
    `(?!\\k<u>@)(?!${PLACEHOLDER_PASSWORDS}@)${NOT_VARIABLE}${NOT_LOCAL_TRIVIAL}` +
    `(?<secret>${USERINFO}{6,128})@(?=[A-Za-z0-9\\[])`
  );
}

const DRIVER = '(?:\\+[a-z0-9]{1,20})?';

const ROTATE_DB = 'https://howtorotate.com/docs/tutorials/';

export const databaseRules: readonly Rule[] = [
  {
    id: 'planetscale-service-token',
    provider: 'PlanetScale',
    description: 'Manages PlanetScale databases and branches through the API.',
    keywords: ['pscale_tkn_'],
    pattern: `${START_B64URL}pscale_tkn_[A-Za-z0-9_-]{43}${END_B64URL}`,
    confidence: 'high',
    redactPrefix: 'pscale_tkn_',
    rotateUrl: 'https://app.planetscale.com',
    source: FORMATS,
  },
  {
    id: 'planetscale-password',
    provider: 'PlanetScale',
    description: 'Connects to a PlanetScale database branch.',
    keywords: ['pscale_pw_'],
    pattern: `${START_B64URL}pscale_pw_[A-Za-z0-9_-]{43}${END_B64URL}`,
    confidence: 'high',
    redactPrefix: 'pscale_pw_',
    rotateUrl: 'https://app.planetscale.com',
    source: FORMATS,
  },
  {
    id: 'mongodb-atlas-sa-secret',
    provider: 'MongoDB',
    description: 'Calls the MongoDB Atlas Admin API as a service account.',
    keywords: ['mdb_sa_sk_'],
    pattern: `${START_B64URL}mdb_sa_sk_[A-Za-z0-9_-]{40}${END_B64URL}`,
    confidence: 'high',
    redactPrefix: 'mdb_sa_sk_',
    rotateUrl: 'https://cloud.mongodb.com',
    source: FORMATS,
  },
  {
    id: 'postgres-connection-uri',
    provider: 'PostgreSQL',
    description: 'Logs in to a PostgreSQL database as the role in the URI.',
    keywords: ['postgres'],
    pattern: userinfoPassword(`postgres(?:ql)?${DRIVER}`),
    flags: 'i',
    confidence: 'high',
    validate: { minEntropy: 2 },
    rotateUrl: 'https://www.postgresql.org/docs/current/sql-alterrole.html',
    source: FORMATS,
  },
  {
    id: 'mysql-connection-uri',
    provider: 'MySQL / MariaDB',
    description: 'Logs in to a MySQL or MariaDB database.',
    keywords: ['mysql', 'mariadb'],
    pattern: userinfoPassword(`(?:mysqlx?|mariadb)${DRIVER}`),
    flags: 'i',
    confidence: 'high',
    validate: { minEntropy: 2 },
    rotateUrl: 'https://dev.mysql.com/doc/refman/8.0/en/alter-user.html',
    source: FORMATS,
  },
  {
    id: 'mongodb-connection-uri',
    provider: 'MongoDB',
    description: 'Logs in to a MongoDB deployment (often an Atlas cluster).',
    keywords: ['mongodb'],
    pattern: userinfoPassword(`mongodb${DRIVER}`),
    flags: 'i',
    confidence: 'high',
    validate: { minEntropy: 2 },
    rotateUrl: 'https://www.mongodb.com/docs/atlas/security-add-mongodb-users/',
    source: FORMATS,
  },
  {
    id: 'redis-connection-uri',
    provider: 'Redis',
    description: 'Reads and writes all data in the Redis instance.',
    keywords: ['redis'],
    // URI form, or the Azure Cache for Redis connection string (host:port,password=KEY,...).
    pattern:
      `(?:${START}rediss?://(?<u>${USERINFO}{0,64}):(?!\\k<u>@)(?!${PLACEHOLDER_PASSWORDS}@)${NOT_VARIABLE}${NOT_LOCAL_TRIVIAL}` +
      `(?=${USERINFO}{6,128}@[A-Za-z0-9\\[])` +
      `|\\.redis\\.cache\\.windows\\.net:\\d{2,5},password=(?=[A-Za-z0-9+/=]{20,90}(?:,|["'\\s]|$)))` +
      `(?<secret>[A-Za-z0-9_.~%!$&()*+=/-]{6,128})(?=[@,"'\\s]|$)`,
    flags: 'i',
    confidence: 'high',
    validate: { minEntropy: 2 },
    rotateUrl: 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/',
    source: FORMATS,
  },
  {
    id: 'amqp-connection-uri',
    provider: 'RabbitMQ / AMQP',
    description: 'Publishes and consumes on the AMQP broker virtual host.',
    keywords: ['amqp'],
    pattern: userinfoPassword('amqps?'),
    flags: 'i',
    confidence: 'high',
    validate: { minEntropy: 2 },
    rotateUrl: 'https://www.rabbitmq.com/docs/passwords',
    source: FORMATS,
  },
  {
    id: 'mssql-connection-string',
    provider: 'Microsoft SQL Server',
    description: 'Logs in to a SQL Server / Azure SQL database.',
    keywords: ['password', 'pwd', 'mssql', 'sqlserver'],
    // ADO.NET / ODBC (Server=...;...;Password=...), Prisma-style sqlserver://host;...;password=...,
    // or a mssql://user:password@host URI.
    pattern:
      '(?:(?:(?:server|data source|address|addr|network address)[ \\t]{0,3}=[ \\t]{0,3}|(?<!jdbc:)(?:sqlserver|mssql)://)' +
      `[^;\\r\\n"'=]{1,200}(?:;[^;\\r\\n"']{0,200}){0,12};[ \\t]{0,3}(?:password|pwd)[ \\t]{0,3}=[ \\t]{0,3}` +
      `(?=[^;\\s"'<>{}]{6,128}(?:;|["'\\s]|$))` +
      `|${START}(?<!jdbc:)(?:sqlserver|mssql)://(?<u>${USERINFO}{0,64}):(?!\\k<u>@)(?=${USERINFO}{6,128}@[A-Za-z0-9\\[]))` +
      `(?!${PLACEHOLDER_PASSWORDS}(?:[;@"'\\s]|$))${NOT_VARIABLE}` +
      `(?<secret>[^;\\s"'<>{}]{6,128}?)(?=[;"'\\s]|$|@[A-Za-z0-9\\[])`,
    flags: 'i',
    confidence: 'high',
    validate: { minEntropy: 2 },
    rotateUrl: 'https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-login-transact-sql',
    source: FORMATS,
  },
  {
    id: 'jdbc-url-with-password',
    provider: 'JDBC',
    description: 'Logs in to the database named in the JDBC URL.',
    keywords: ['jdbc:'],
    // ...?user=u&password=p, ...;password=p (SQL Server, DB2), or Oracle thin user/password@host.
    pattern:
      '(?<![A-Za-z0-9])jdbc:(?:oracle:(?:thin|oci):(?<u>[A-Za-z0-9_$#.]{1,30})/(?!\\k<u>@)' +
      `|[a-z0-9]{2,20}(?::[a-z0-9]{2,20})?:[^\\s"'<>]{0,300}?[?&;:]password=)` +
      `(?!${PLACEHOLDER_PASSWORDS}(?:[&;#@"'\\s]|$))${NOT_VARIABLE}` +
      `(?<secret>[^\\s&;"'<>{}#@]{6,128})(?![^\\s&;"'<>{}#@])`,
    flags: 'i',
    confidence: 'medium',
    validate: { minEntropy: 2 },
    rotateUrl: ROTATE_DB,
    source: FORMATS,
  },
];
