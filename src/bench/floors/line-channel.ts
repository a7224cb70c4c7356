/** One request, one answer, over a stream of newline-delimited JSON (the pipe and TCP floors). */
import readline from 'node:readline';

export class LineChannel {
  readonly #waiting: Array<{ resolve(value: unknown): void; reject(error: Error): void }> = [];
  #closed: Error | undefined;

  constructor(
    input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
  ) {
    const lines = readline.createInterface({ input, crlfDelay: Infinity });
    lines.on('line', (line) => this.#waiting.shift()?.resolve(JSON.parse(line)));
    lines.on('close', () => this.close(new Error('the floor peer closed its end')));
  }

  /** The next line, parsed. */
  #next(): Promise<unknown> {
    if (this.#closed) return Promise.reject(this.#closed);
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  async request(text: string): Promise<string> {
    const answer = this.#next();
    this.output.write(JSON.stringify(text) + '\n');
    return (await answer) as string;
  }

  close(error: Error): void {
    this.#closed ??= error;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
  }
}
