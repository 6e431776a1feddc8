// The package's API: start the server from code (tests, a host that embeds it). The bin is cli.ts.
export { createDistribuMcpServer, createMcpServer, type DistribuMcpOptions, type McpOptions } from './server';
export { distribuMcp } from './distribu';
export { dist0Mcp, dist0Tools } from './dist0';
export type { McpProvider } from './provider';
export { DEFAULT_HTTP_PORT, NO_KEY_MESSAGE, startDistribuMcpHttpServer, type DistribuMcpHttpOptions, type DistribuMcpHttpServer } from './http';
export { MISSING_KEY_MESSAGE, runDistribuMcpStdio } from './stdio';
export { callTool, getTool, tools, type ToolResult } from './tools';
export { toolName, type DistribuTool } from './tool-types';
export { SERVER_NAME, SERVER_VERSION } from './version';
