// Connection statistics, with the fields of the course's StatsWebSocket.

export interface StatsSnapshot {
  messagesSent: number;
  messagesReceived: number;
  bytesSent: number;
  bytesReceived: number;
  /** When the current connection opened (epoch ms), or null. */
  connectionTime: number | null;
  /** When the last message arrived (epoch ms), or null. */
  lastMessageTime: number | null;
  /** Milliseconds since connectionTime, 0 when not connected. */
  uptime: number;
  /** bytesReceived / messagesReceived, rounded to 2 decimals. */
  avgBytesPerMessage: number;
}

export type Payload = string | ArrayBuffer | ArrayBufferView;

const encoder = new TextEncoder();

/** Size of a frame payload in bytes (UTF-8 for text). */
export function payloadBytes(data: Payload): number {
  return typeof data === 'string' ? encoder.encode(data).byteLength : data.byteLength;
}

export class ConnectionStats {
  messagesSent = 0;
  messagesReceived = 0;
  bytesSent = 0;
  bytesReceived = 0;
  connectionTime: number | null = null;
  lastMessageTime: number | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  opened(): void {
    this.connectionTime = this.now();
  }

  closed(): void {
    this.connectionTime = null;
  }

  sent(data: Payload): void {
    this.messagesSent++;
    this.bytesSent += payloadBytes(data);
  }

  received(data: Payload): void {
    this.messagesReceived++;
    this.bytesReceived += payloadBytes(data);
    this.lastMessageTime = this.now();
  }

  snapshot(): StatsSnapshot {
    const avg = this.messagesReceived > 0 ? this.bytesReceived / this.messagesReceived : 0;
    return {
      messagesSent: this.messagesSent,
      messagesReceived: this.messagesReceived,
      bytesSent: this.bytesSent,
      bytesReceived: this.bytesReceived,
      connectionTime: this.connectionTime,
      lastMessageTime: this.lastMessageTime,
      uptime: this.connectionTime === null ? 0 : this.now() - this.connectionTime,
      avgBytesPerMessage: Math.round(avg * 100) / 100,
    };
  }
}
