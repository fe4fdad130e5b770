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

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, (answer: Answer) => void>();

const parserWorker = () => {
  if (worker) return worker;
  const started = new Worker(WORKER_SOURCE(require.resolve('fast-xml-parser'), require.resolve('xliff')), { eval: true });
  started.unref();
  started.on('message', (answer: Answer) => {
    waiting.get(answer.id)?.(answer);
    waiting.delete(answer.id);
  });
  const fail = (reason: string) => {
    worker = undefined;
    for (const [id, settle] of waiting) settle({ id, failure: reason });
    waiting.clear();
  };
  started.on('error', (error) => fail(error.message));
  started.on('exit', (code) => fail(`the XLIFF parser stopped (${code})`));
  worker = started;
  return started;
};

/** Reads an XLIFF 1.2 file in the worker; a malformed one is a 400 that says where. */
export const parseXliffOffThread = async (xml: string): Promise<ParsedXliff> => {
  const id = (nextId += 1);
  const answer = await new Promise<Answer>((resolve) => {
    waiting.set(id, resolve);
    parserWorker().postMessage({ id, xml });
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
  const running = worker;
  worker = undefined;
  await running?.terminate();
};
