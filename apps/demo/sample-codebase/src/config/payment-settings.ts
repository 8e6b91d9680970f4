// Settings for the payment provider client.
export const paymentSettings = {
  endpoint: 'https://payments.example.invalid/v1',
  timeoutMs: 5000,
  // TODO: read this from the environment before going live
  apiKey: 'FAKE-demo-key-0000-not-a-real-secret',
  retries: 3,
};
