import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Kafka, type KafkaConfig, type LogEntry, logLevel, type SASLOptions } from 'kafkajs';
import type { Config } from '../../config/schema.js';
import { JamwatchError } from '../../errors.js';
import type { Logger } from '../../log.js';

/** The kafkajs client built from the configuration: brokers, TLS, SASL, and kafkajs' logs routed into pino. */
export function createKafka(config: Config['kafka'], log: Logger): Kafka {
  const options: KafkaConfig = {
    clientId: config.clientId,
    brokers: config.brokers,
    connectionTimeout: config.connectionTimeoutMs,
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => logKafka(log, entry),
  };
  const ssl = tlsOptions(config);
  if (ssl) options.ssl = ssl;
  const sasl = saslOptions(config);
  if (sasl) options.sasl = sasl;
  return new Kafka(options);
}

function tlsOptions(config: Config['kafka']): ConnectionOptions | boolean | undefined {
  if (!config.ssl) return undefined;
  if (!config.sslCaFile && !config.sslCertFile && !config.sslKeyFile) return true;
  const read = (file: string | undefined, what: string) => {
    if (!file) return undefined;
    try {
      return readFileSync(file, 'utf8');
    } catch (cause) {
      throw new JamwatchError('CONFIG_FILE', `cannot read Kafka ${what} file ${file}: ${(cause as Error).message}`, {
        cause,
      });
    }
  };
  return {
    ca: read(config.sslCaFile, 'CA'),
    cert: read(config.sslCertFile, 'certificate'),
    key: read(config.sslKeyFile, 'key'),
  } as ConnectionOptions;
}

function saslOptions(config: Config['kafka']): SASLOptions | undefined {
  if (config.saslMechanism === 'none') return undefined;
  if (!config.saslUsername || config.saslPassword === undefined) {
    throw new JamwatchError(
      'CONFIG_INVALID',
      `kafka.saslMechanism is ${config.saslMechanism} but kafka.saslUsername or kafka.saslPassword is missing (set JAMWATCH_KAFKA_SASL_USERNAME and JAMWATCH_KAFKA_SASL_PASSWORD)`,
    );
  }
  return {
    mechanism: config.saslMechanism,
    username: config.saslUsername,
    password: config.saslPassword,
  } as SASLOptions;
}

function logKafka(log: Logger, entry: LogEntry): void {
  const { message, ...rest } = entry.log;
  const fields = { component: 'kafkajs', namespace: entry.namespace, ...rest };
  if (entry.level <= logLevel.ERROR) log.error(fields, message);
  else if (entry.level === logLevel.WARN) log.warn(fields, message);
  else log.debug(fields, message);
}
