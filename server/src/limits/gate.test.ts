import { describe, expect, it } from 'vitest';
import { ExecutionGate } from './gate.js';

describe('the execution gate', () => {
  it('should run at most `concurrent` operations, and the next ones in order as turns free up', async () => {
    const gate = new ExecutionGate(2, 10);
    const first = await gate.enter(1000);
    const second = await gate.enter(1000);
    const order: string[] = [];
    const third = gate.enter(1000).then((release) => (order.push('third'), release));
    const fourth = gate.enter(1000).then((release) => (order.push('fourth'), release));
    expect(gate.load).toEqual({ running: 2, waiting: 2 });
    first!();
    (await third)!();
    second!();
    (await fourth)!();
    expect(order).toEqual(['third', 'fourth']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('should refuse at once when the queue is full, and after `waitMs` when no turn comes', async () => {
    const gate = new ExecutionGate(1, 1);
    const running = await gate.enter(1000);
    const waiting = gate.enter(50);
    expect(await gate.enter(1000)).toBeNull(); // queue full
    expect(await waiting).toBeNull(); // no turn within 50 ms
    running!();
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('should count a release once, however often it is called', async () => {
    const gate = new ExecutionGate(1, 1);
    const release = await gate.enter(1000);
    release!();
    release!();
    expect(gate.load.running).toBe(0);
    expect(await gate.enter(1000)).not.toBeNull();
  });
});
