import { describe, expect, it } from 'vitest';
import { requestWithoutSecrets } from '../../config/logger';

describe('what the access log writes of a request', () => {
  it('keeps the tokens and password GLPI clients may put in the URL out of it', () => {
    const logged = requestWithoutSecrets({
      method: 'GET',
      url: '/apirest.php/initSession?login=alice&password=s3cret&app_token=abc&user_token=gch_xyz',
    });
    expect(logged.url).toBe('/apirest.php/initSession?login=alice&password=[Redacted]&app_token=[Redacted]&user_token=[Redacted]');
    expect(requestWithoutSecrets({ url: '/apirest.php/Ticket/4?SESSION_TOKEN=f00&expand_dropdowns=true' }).url).toBe(
      '/apirest.php/Ticket/4?SESSION_TOKEN=[Redacted]&expand_dropdowns=true',
    );
    expect(requestWithoutSecrets({ url: '/api/v1/tickets?q=password' }).url).toBe('/api/v1/tickets?q=password');
  });
});
