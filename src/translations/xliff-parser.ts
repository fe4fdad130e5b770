import { Worker } from 'worker_threads';
import { errors } from '@strapi/utils';
import type { ParsedXliff } from './xliff-exchange';

/**
 * XLIFF files are parsed off the event loop, in a worker thread: a 9.5 MB file (under the body
 * limit) took the main thread for up to 2 s, and every request (health checks included) waited.
 * One worker per process, started on the first import and never keeping the process alive; files
 * are parsed one after another there, so a burst of imports costs one core, not all of them.
 */
const WORKER_SOURCE = (validator: string, xliff: string) => `
const { parentPort } = require('worker_threads');
const { XMLValidator } = require(${JSON.stringify(validator)});
const { xliff12ToJs } = require(${JSON.stringify(xliff)});
let queue = Promise.resolve();
parentPort.on('message', ({ id, xml }) => {
  queue = queue.then(async () => {
    try {
      const wellFormed = XMLValidator.validate(xml);
      if (wellFormed !== true) return parentPort.postMessage({ id, malformed: wellFormed.err });
      const parsed = await xliff12ToJs(xml, { captureSpacesBetweenElements: true });
      parentPort.postMessage({ id, parsed });
    } catch (error) {
      parentPort.postMessage({ id, failure: String((error && error.message) || error) });
    }
  });
});
`;

type Answer = { id: number; parsed?: ParsedXliff; malformed?: { msg: string; line: number; col: number }; failure?: string };

type ParserWorker = { thread: Worker; waiting: Map<number, (answer: Answer) => void> };

let current: ParserWorker | undefined;
let nextId = 0;

const parserWorker = (): ParserWorker => {
  if (current) return current;
  const thread = new Worker(WORKER_SOURCE(require.resolve('fast-xml-parser'), require.resolve('xliff')), { eval: true });
  thread.unref();
  const started: ParserWorker = { thread, waiting: new Map() };
  thread.on('message', (answer: Answer) => {
    started.waiting.get(answer.id)?.(answer);
    started.waiting.delete(answer.id);
  });
  // Only this worker's files fail with it; a worker started after it carries on.
  const fail = (reason: string) => {
    if (current === started) current = undefined;
    for (const [id, settle] of started.waiting) settle({ id, failure: reason });
    started.waiting.clear();
  };
  thread.on('error', (error) => fail(error.message));
  thread.on('exit', (code) => fail(`the XLIFF parser stopped (${code})`));
  current = started;
  return started;
};

/** Reads an XLIFF 1.2 file in the worker; a malformed one is a 400 that says where. */
export const parseXliffOffThread = async (xml: string): Promise<ParsedXliff> => {
  const id = (nextId += 1);
  const answer = await new Promise<Answer>((resolve) => {
    const worker = parserWorker();
    worker.waiting.set(id, resolve);
    worker.thread.postMessage({ id, xml });
  });
  if (answer.malformed) {
    const { msg, line, col } = answer.malformed;
    throw new errors.ValidationError(`Malformed XLIFF: ${msg} (line ${line}, column ${col})`, { code: 'xliff-malformed', line });
  }
  const parsed = answer.parsed;
  if (answer.failure || !parsed?.resources || Object.keys(parsed.resources).length === 0) {
    throw new errors.ValidationError(`Malformed XLIFF: ${(answer.failure ?? 'no <file> element with trans-units').split('\n')[0]}`, { code: 'xliff-malformed', line: null });
  }
  return parsed;
};

/** Stops the worker (the app's destroy): nothing waits on it any more. */
export const stopXliffParser = async () => {
  const running = current;
  current = undefined;
  await running?.thread.terminate();
};
