import { dropDatabase, stopTestServer } from './database';

export default async () => {
  if (process.env.TEST_TEMPLATE_DATABASE) await dropDatabase(process.env.TEST_TEMPLATE_DATABASE);
  await stopTestServer();
};
