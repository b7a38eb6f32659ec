import { between, rand } from '../helpers/synth';
import type { Planted, RuleVectors } from '../helpers/vectors';

const B64URL = 'A-Za-z0-9_-';
const B64 = 'A-Za-z0-9+/';

/** A random database password: URI-safe, starts with a letter or digit, 12-32 characters by default. */
function password(min = 12, max = 32, extra = '_~!-'): string {
  return rand('A-Za-z0-9', 1) + rand('A-Za-z0-9' + extra, between(min, max) - 1);
}

const user = (): string => rand('a-z', 1) + rand('a-z0-9_', between(2, 15));
const host = (): string => rand('a-z', 1) + rand('a-z0-9', between(4, 12)) + '.' + rand('a-z', between(3, 8)) + '.internal';
const db = (): string => rand('a-z', 1) + rand('a-z0-9_', between(2, 15));

/** scheme://user:password@host:port/db with the password as the secret. */
function uri(scheme: string, port: string, pw = password()): Planted {
  return { text: scheme + '://' + user() + ':' + pw + '@' + host() + port + '/' + db(), secret: pw };
}

export const databaseVectors: RuleVectors[] = [
  {
    rule: 'planetscale-service-token',
    positives: [() => 'pscale_' + 'tkn_' + rand(B64URL, 43)],
    negatives: [
      'pscale_tkn_...',
      'pscale_tkn_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      () => 'pscale_' + 'tkn_' + rand(B64URL, 42),
      () => 'pscale_' + 'tkn_' + rand(B64URL, 44),
    ],
  },
  {
    rule: 'planetscale-password',
    positives: [() => 'pscale_' + 'pw_' + rand(B64URL, 43)],
    negatives: ['pscale_pw_YOUR_PASSWORD_HERE', () => 'pscale_' + 'pw_' + rand(B64URL, 42), () => 'pscale_' + 'pw_' + rand(B64URL, 44)],
  },
  {
    rule: 'mongodb-atlas-sa-secret',
    positives: [() => 'mdb_sa_' + 'sk_' + rand(B64URL, 40)],
    negatives: ['mdb_sa_sk_...', () => 'mdb_sa_' + 'sk_' + rand(B64URL, 39), () => 'mdb_sa_' + 'id_' + rand('0-9a-f', 24)],
  },
  {
    rule: 'postgres-connection-uri',
    positives: [
      () => uri('postgres' + 'ql', ':5432'),
      () => uri('postgres', ':5432', password(12, 12)),
      () => uri('postgresql' + '+psycopg2', '', password(32, 32)),
      () => {
        const pw = password(16, 24);
        return { text: 'DATABASE_URL=postgres' + '://app:' + pw + '@localhost:5432/app', secret: pw };
      },
    ],
    negatives: [
      'postgres://user:password@localhost:5432/db',
      'postgres://postgres:postgres@localhost',
      'postgres://app:${DB_PASSWORD}@db:5432/app',
      'postgres://app:$(PASSWORD)@db:5432/app',
      'postgres://app:%s@db:5432/app',
      'postgres://app:<password>@db:5432/app',
      'postgres://app:****@db:5432/app',
      'postgres://app:changeme@db:5432/app',
      'postgres://app:secret@db:5432/app',
      'postgres://app:devpass1@localhost:5432/app',
      'postgres://db.internal:5432/app',
      'postgresql://app:@db:5432/app',
      () => 'postgres' + '://' + 'owner:' + 'owner' + '@db.internal:5432/app',
    ],
  },
  {
    rule: 'mysql-connection-uri',
    positives: [
      () => uri('mysql', ':3306'),
      () => uri('mariadb', ':3306'),
      () => uri('mysql' + '+pymysql', ':3306', password(12, 12)),
    ],
    negatives: [
      'mysql://root:root@localhost',
      'mysql://root:@localhost/db',
      'mysql://user:pass@db/app',
      'mysql://app:${MYSQL_PASSWORD}@mysql:3306/app',
      'mysql://db.internal:3306/app',
    ],
  },
  {
    rule: 'mongodb-connection-uri',
    positives: [
      () => {
        const pw = password();
        const text = 'mongodb' + '+srv://' + user() + ':' + pw + '@cluster0.' + rand('a-z0-9', 5) + '.mongodb.net/' + db() + '?retryWrites=true&w=majority';
        return { text, secret: pw };
      },
      () => {
        const pw = password(12, 12);
        const text = 'mongodb' + '://' + user() + ':' + pw + '@' + host() + ':27017,' + host() + ':27017/' + db() + '?replicaSet=rs0';
        return { text, secret: pw };
      },
    ],
    negatives: [
      'mongodb://root:example@mongo:27017',
      'mongodb+srv://<username>:<password>@cluster0.mongodb.net',
      'mongodb://localhost:27017/app',
      'mongodb://admin:password@localhost:27017',
    ],
  },
  {
    rule: 'redis-connection-uri',
    positives: [
      () => uri('rediss', ':6380'),
      () => {
        const pw = password(20, 32);
        return { text: 'REDIS_URL=redis' + '://:' + pw + '@' + host() + ':6379', secret: pw };
      },
      () => {
        const key = rand(B64, 43) + '=';
        const text = rand('a-z', 8) + '.redis' + '.cache.windows.net:6380,password=' + key + ',ssl=True,abortConnect=False';
        return { text, secret: key };
      },
    ],
    negatives: [
      'redis://localhost:6379',
      'redis://localhost:6379/0',
      'redis://:password@localhost:6379',
      'redis://default:${REDIS_PASSWORD}@cache:6379',
      'myapp.redis.cache.windows.net:6380,password=<access-key>,ssl=True',
    ],
  },
  {
    rule: 'amqp-connection-uri',
    positives: [
      () => uri('amqps', ':5671'),
      () => {
        const pw = password();
        return { text: 'amqp' + '://' + user() + ':' + pw + '@b-' + rand('a-z0-9', 12) + '.mq.us-east-1.amazonaws.com:5672/vhost', secret: pw };
      },
    ],
    negatives: ['amqp://guest:guest@localhost:5672/', 'amqp://user:pass@rabbitmq', 'amqps://app:${AMQP_PASSWORD}@broker:5671/'],
  },
  {
    rule: 'mssql-connection-string',
    positives: [
      () => {
        const pw = password(12, 32, '!#%_-');
        const text =
          'Server=tcp:' + rand('a-z0-9-', between(6, 20)) + '.database.windows.net,1433;Initial Catalog=' + db() +
          ';User ID=' + user() + ';Pass' + 'word=' + pw + ';Encrypt=True;';
        return { text, secret: pw };
      },
      () => {
        const pw = password(12, 12, '!#%_-');
        return { text: 'Data Source=' + host() + ';Database=' + db() + ';Uid=' + user() + ';Pwd=' + pw + ';', secret: pw };
      },
      () => {
        const pw = password(32, 32);
        return { text: 'sqlserver' + '://' + host() + ':1433;database=' + db() + ';user=sa;password=' + pw + ';encrypt=true', secret: pw };
      },
      () => uri('mssql', ':1433'),
    ],
    negatives: [
      'Server=db;Database=app;User Id=sa;Password=<password>;',
      'Server=db;Password=;',
      'Server=db;Database=app;Trusted_Connection=True;',
      'Server=db;Database=app;User Id=sa;Password=changeme;',
      'Server=db;Database=app;User Id=sa;Password=$(DB_PASSWORD);',
      'Server=db;Database=app;User Id=sa;Password=%DB_PASSWORD%;',
      'Server=localhost,1433;Database=app;User Id=sa;Password=yourStrong(!)Password;',
      'Server=localhost;Database=app;User Id=sa;Password=YourStrong@Passw0rd;',
      () => 'Database=app;User Id=sa;' + 'Password=' + password() + ';',
    ],
  },
  {
    rule: 'jdbc-url-with-password',
    positives: [
      () => {
        const pw = password(12, 32, '');
        return { text: 'jdbc:' + 'postgresql://' + host() + ':5432/' + db() + '?user=' + user() + '&password=' + pw, secret: pw };
      },
      () => {
        const pw = password(12, 12, '');
        return { text: 'jdbc:' + 'mysql://' + host() + ':3306/' + db() + '?user=' + user() + '&password=' + pw + '&useSSL=true', secret: pw };
      },
      () => {
        const pw = password(16, 24, '');
        return { text: 'jdbc:' + 'sqlserver://' + host() + ':1433;databaseName=' + db() + ';user=' + user() + ';password=' + pw + ';', secret: pw };
      },
      () => {
        const pw = password(12, 20, '_');
        return { text: 'jdbc:' + 'oracle:thin:' + user() + '/' + pw + '@//' + host() + ':1521/ORCL', secret: pw };
      },
    ],
    negatives: [
      'jdbc:postgresql://localhost:5432/db?user=postgres&password=postgres',
      'jdbc:mysql://db:3306/app?user=app&password=${DB_PASSWORD}',
      'jdbc:postgresql://db:5432/app',
      'jdbc:oracle:thin:scott/tiger@localhost:1521:orcl',
      'jdbc:sqlserver://db:1433;databaseName=app;integratedSecurity=true;',
    ],
  },
];
