import net from 'node:net';

/**
 * A TCP relay in front of the real server, for one browser: `drop()` cuts every open connection (HTTP and
 * websocket) and refuses new ones, as when a laptop loses its Wi-Fi; `restore()` lets it through again.
 */
export interface FlakyNetwork {
  url: string;
  drop(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function flakyNetwork(target: string): Promise<FlakyNetwork> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
    sockets.add(client);
    sockets.add(upstream);
    const forget = () => {
      sockets.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', forget).on('close', forget);
    upstream.on('error', forget).on('close', forget);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    drop: () => {
      down = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore: () => {
      down = false;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
