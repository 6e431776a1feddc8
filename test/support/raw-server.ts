// A raw TCP server on loopback for tests of what a lost answer looks like to real HTTP clients: the handler gets
// each connection's socket and the first bytes of its request, and may reset it, half-answer it or never answer.
import net from 'node:net';

export interface RawServer {
  url: string;
  port: number;
  /** Destroys every open connection (held ones too) and stops listening. */
  close(): Promise<void>;
}

export async function startRawServer(onRequest: (socket: net.Socket, request: string) => void): Promise<RawServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', (chunk) => onRequest(socket, chunk.toString()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
