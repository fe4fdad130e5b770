import { parseTokenArguments } from '../../src/cli/token-create';

describe('token:create arguments', () => {
  it('takes a name and an optional lifespan in days', () => {
    expect(parseTokenArguments(['--name', 'web-team'])).toEqual({ name: 'web-team' });
    expect(parseTokenArguments(['--name', 'web-team', '--days', '30'])).toEqual({ name: 'web-team', days: 30 });
  });

  it.each([
    [[], /usage: npm run token:create -- --name NAME/],
    [['--name'], /--name needs a value/],
    [['--name', 'x', '--days', '10'], /--days must be one of 7, 30, 90/],
    [['--name', 'x', '--admin'], /unknown option --admin/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseTokenArguments(argv as string[])).toThrow(message);
  });
});
