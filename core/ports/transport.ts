/**
 * Node-to-node HTTP, always started by this node. A private node only ever uses this port:
 * it never listens for its peer. Implementations throw ExalateError('destination_unreachable')
 * when no HTTP answer came back at all.
 */
export interface TransportRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface TransportResponse {
  readonly status: number;
  readonly body: string;
}

export interface TransportV1 {
  send(request: TransportRequest): Promise<TransportResponse>;
}
