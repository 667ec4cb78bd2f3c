export { MockVideoModelV3 } from './mock-video-model-v3';
export {
  createMockJobModel,
  mockCompletedStatus,
  MOCK_VIDEO,
  type MockJobModel,
  type MockJobModelSettings,
  type MockJobStatusStep,
} from './mock-job-model';
export {
  createTestServer,
  TestServerCall,
  type TestServer,
  type TestServerResponse,
  type TestServerRoute,
} from '@videogen/provider-utils/test';
