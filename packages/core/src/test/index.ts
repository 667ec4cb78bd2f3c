export { MockVideoModelV3 } from './mock-video-model-v3';
export {
  createTestServer,
  TestServerCall,
  type TestServer,
  type TestServerResponse,
  type TestServerRoute,
} from '@videogen/provider-utils/test';
