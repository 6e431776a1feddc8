// The `distribu-mcp` bin: the one bin (bin.ts) with Distribu's data. See mcp/README.md.
// Only from './index': the build keeps it as a require of dist/index.js (one copy of the server).
import { distribuMcp, runMcpBin } from './index';

runMcpBin(distribuMcp);
