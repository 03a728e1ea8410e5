/**
 * A Web Worker that only the latest request matters to: a request made while the previous one is
 * still running terminates that worker (a synchronous computation in a worker cannot be interrupted
 * otherwise) and goes to a spare that has already loaded, so a moving slider does not wait for module
 * loading; a new spare then loads in the background. Replies to superseded requests are dropped.
 */
export class LatestOnlyWorker<Request extends object, Reply extends { id: number }> {
  private worker: Worker | null = null;
  private spare: Worker | null = null;
  private busy = false;
  /** Id of the latest request. */
  id = 0;

  /**
   * `url`: the worker's module; `onReply` gets the replies to the latest request; `isLast` says
   * whether a reply is the last one to its request (the worker is free again after it).
   */
  constructor(
    private readonly url: URL,
    private readonly onReply: (reply: Reply) => void,
    private readonly isLast: (reply: Reply) => boolean = () => true,
  ) {}

  private start(): Worker {
    const w = new Worker(this.url, { type: 'module' });
    w.onmessage = (e: MessageEvent<Reply>) => {
      if (w !== this.worker) return;
      if (this.isLast(e.data)) this.busy = false;
      if (e.data.id === this.id) this.onReply(e.data);
    };
    return w;
  }

  /** Send a request (its id is assigned here); a run still going is abandoned. */
  request(body: Request): number {
    this.id++;
    if (this.worker === null || this.busy) {
      this.worker?.terminate();
      this.worker = this.spare ?? this.start();
      this.spare = this.start();
    }
    this.busy = true;
    this.worker.postMessage({ ...body, id: this.id });
    return this.id;
  }
}
