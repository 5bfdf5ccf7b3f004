import type { TransportRequest, TransportResponse, TransportV1 } from '../../core';

/** Wraps a real transport and keeps every request this node started, for tests to inspect. */
export class RecordingTransport implements TransportV1 {
  readonly sent: TransportRequest[] = [];
  constructor(private readonly inner: TransportV1) {}
  send(request: TransportRequest): Promise<TransportResponse> {
    this.sent.push(request);
    return this.inner.send(request);
  }
}
