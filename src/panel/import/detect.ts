/** Parses an imported file's text and hands it to the reader for its format. */
import { LOG_FORMAT } from '../log-format/log-schema';
import { harToSession } from './parse-har';
import { logToSession } from './parse-log';
import { seedToSession } from './parse-seed';
import { ImportError, type ImportedSession, isRecord } from './types';

export function sessionFromText(text: string): ImportedSession {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`The file is not valid JSON (${(error as Error).message.slice(0, 200)}).`);
  }
  return sessionFromDocument(doc);
}

export function sessionFromDocument(doc: unknown): ImportedSession {
  if (isRecord(doc) && doc.format === LOG_FORMAT) return logToSession(doc);
  if (isRecord(doc) && isRecord(doc.log)) return harToSession(doc);
  if (Array.isArray(doc)) return seedToSession(doc);
  throw new ImportError(
    `Not a log SocketScope can open: expected a SocketScope log (format "${LOG_FORMAT}"), a HAR file, or a LoggedWebSocket log (an array of {timestamp, type, data}).`,
  );
}
