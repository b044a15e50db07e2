// A bare `ws` broadcast server, the reference for live.mjs: on each message from its parent it sends the same
// payload to every connected socket.
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ port: Number(process.env.PORT) });
const sockets = new Set();
server.on('connection', (ws) => {
  sockets.add(ws);
  ws.on('close', () => sockets.delete(ws));
});
server.on('listening', () => process.send({ listening: true }));
process.on('message', (message) => {
  const data = message.payload;
  for (const ws of sockets) ws.send(data);
  process.send({ sent: sockets.size });
});
