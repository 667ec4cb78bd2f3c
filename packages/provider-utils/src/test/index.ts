export { createCallOptions } from './call-options';
export {
  createTestServer,
  TestServerCall,
  type TestServer,
  type TestServerResponse,
  type TestServerResponseContext,
  type TestServerRoute,
} from './test-server';
