/* What a capture fetched: every request and response on the way to the page (capture.ts), kept for the web archive (web-archive.ts). */
/** One request and its response as they went over the wire (the body as fetch hands it over: decompressed). */
export interface HttpExchange {
  url: string;
  /** When the response's headers arrived, UTC. */
  at: string;
  /** The headers Casefolio sent (the HTTP stack adds Host, Connection and Accept-Encoding of its own). */
  requestHeaders: [string, string][];
  status: number;
  statusText: string;
  responseHeaders: [string, string][];
  body: Uint8Array;
}

export interface FetchedPage {
  /** Every request made, in order: each redirect, then the final page (for the web archive). */
  exchanges: HttpExchange[];
  requestedUrl: string;
  finalUrl: string;
  status: number;
  statusText: string;
  redirects: { url: string; status: number }[];
  contentType?: string;
  capturedAt: string;
  bytes: Uint8Array;
}
