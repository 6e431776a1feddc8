// The server's name and version as MCP clients see them (kept equal to package.json by test/mcp).
export const SERVER_NAME = 'distribu';
export const SERVER_VERSION = '0.1.0';
