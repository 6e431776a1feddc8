// The package's API: start the server from code (tests, a host that embeds it). The bin is cli.ts.
export { createMcpServer, type McpOptions } from './server';
export {
  createDistribuMcpServer,
  MISSING_KEY_MESSAGE,
  NO_KEY_MESSAGE,
  runDistribuMcpStdio,
  startDistribuMcpHttpServer,
  type DistribuMcpHttpOptions,
  type DistribuMcpHttpServer,
  type DistribuMcpOptions,
} from './distribu-api';
export { distribuMcp } from './distribu';
export { dist0Mcp, dist0Tools } from './dist0';
export type { McpCli, McpField, McpProvider } from './provider';
export { DEFAULT_HTTP_PORT, startMcpHttpServer, type McpHttpOptions, type McpHttpServer } from './http';
export { runMcpStdio } from './stdio';
export { binOf, runMcpBin, usage } from './bin';
export { envVars, type EnvVar } from './connection';
export { callTool, getTool, tools, type ToolResult } from './tools';
export { toolName, type DistribuTool } from './tool-types';
export { SERVER_NAME, SERVER_VERSION } from './version';
