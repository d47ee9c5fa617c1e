import { isExampleValue, isFillIn } from '../../../src/compliance/common/example-values';

describe('isFillIn', () => {
  test('holds for values left for the reader to fill in', () => {
    const values = ['<password>', '<your-api-token>', 'YOUR_PASSWORD_HERE', 'REPLACE_ME', 'replace-with-token', 'token_here', 'TODO', 'FIXME'];
    expect(values.map(isFillIn)).toEqual(values.map(() => true));
  });

  test('does not hold for values, even weak ones', () => {
    const values = ['changeme', 'password', 'hunter2', 'your', 'here', '<', 'Xk93!pqLz0w'];
    expect(values.map(isFillIn)).toEqual(values.map(() => false));
  });

  test('does not hold for a value a marker was put around: digits or mixed case are no words', () => {
    const values = ['REPLACE-kq8Zr2mXv9Tq', 'Kq8Zr2mXv9Tq-HERE', '<Kq8Zr2mXv9Tq>', 'ENTER_kq8Zr2mXv9Tq', 'your-Kq8Zr2mXv9Tq', `<${'a'.repeat(49)}>`];
    expect(values.map(isFillIn)).toEqual(values.map(() => false));
  });
});

describe('isExampleValue', () => {
  test('holds for the stand-ins documentation writes for a credential', () => {
    const values: [string, string?][] = [
      ['changeme'], ['changeit'], ['CHANGE_ME'], ['password'], ['Password1'], ['password123'], ['secret'], ['my-secret-password'],
      ['mysecretpassword'], ['your_api_key'], ['supersecret!'], ['dummy-token'], ['foobar'], ['example'], ['...'], ['<your-password>'],
      ['postgres', 'POSTGRES_PASSWORD'], ['admin', 'GF_SECURITY_ADMIN_PASSWORD'], ['db_password', 'DB_PASSWORD'], ['mydbpassword', 'DB_PASSWORD'],
      ['root', 'mysqlRootPassword'], ['guest', 'guest'],
    ];
    for (const [value, name] of values) expect([value, name, isExampleValue(value, name)]).toEqual([value, name, true]);
  });

  test('does not hold for values that could be real passwords or tokens', () => {
    const values: [string, string?][] = [
      ['Xk93!pqLz0w'], ['hunter2'], ['s3cr3t'], ['p4ssw0rd'], ['123456'], ['83749217349871234987'], ['letmein'], ['passage'],
      ['prom-operator'], ['postgres'], ['admin', 'DB_PASSWORD'], [`password${'x'.repeat(48)}`], ['tokenizer', 'API_TOKEN'],
      ['ghp_R8f2Kq9LmZ3xVb7NwT1yPc5HdJ0sGe4UaQiO'],
    ];
    for (const [value, name] of values) expect([value, name, isExampleValue(value, name)]).toEqual([value, name, false]);
  });
});
