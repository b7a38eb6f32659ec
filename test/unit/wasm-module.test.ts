/**
 * The WebAssembly encoder the prefilter loop is written with: integers of every
 * LEB128 length, memory offsets, control flow and the exported memory.
 */
import { block, br, brIf, bytesOf, encodeModule, i32, local, loop, set, when, type Code } from '../../src/detect/wasm-module';

declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

function instantiate(params: number, locals: number, body: Code) {
  const bytes = encodeModule(1, { name: 'f', params, locals, body });
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  return { f: exports.f as (...args: number[]) => number, memory: exports.memory as { buffer: ArrayBuffer } };
}

describe('the WebAssembly encoder', () => {
  test('constants of every length, negative ones included, come back as written', () => {
    for (const value of [0, 1, 63, 64, -64, -65, 127, 128, 8191, 8192, -8193, 0xffffff, 0x7fffffff, -0x80000000, -1]) {
      expect(instantiate(0, 0, i32.constant(value)).f()).toBe(value);
    }
  });

  test('arithmetic and comparisons take their operands in order', () => {
    const { f } = instantiate(2, 0, i32.sub(local(0), local(1)));
    expect(f(10, 3)).toBe(7);
    expect(instantiate(2, 0, i32.shrU(local(0), local(1))).f(-1, 28)).toBe(15);
    expect(instantiate(2, 0, i32.geS(local(0), local(1))).f(-1, 0)).toBe(0);
    expect(instantiate(2, 0, i32.geU(local(0), local(1))).f(-1, 0)).toBe(1);
    expect(instantiate(2, 0, i32.divU(local(0), local(1))).f(36, 12)).toBe(3);
    expect(instantiate(2, 0, i32.xor(local(0), local(1))).f(0b1100, 0b1010)).toBe(0b0110);
    expect(instantiate(2, 0, i32.rotl(local(0), local(1))).f(0x80000001, 4)).toBe(0x18);
    expect(instantiate(2, 0, i32.rotr(local(0), local(1))).f(0x80000001, 4) >>> 0).toBe(0x18000000);
  });

  test('loads and stores at offsets past one LEB128 byte reach the exported memory', () => {
    const body = [
      i32.store(300, local(0), i32.constant(0x01020304)),
      ...i32.add(i32.load16U(300, local(0)), i32.load8U(303, local(0))),
    ];
    const { f, memory } = instantiate(1, 0, body);
    expect(f(1000)).toBe(0x0304 + 0x01);
    expect(new DataView(memory.buffer).getInt32(1300, true)).toBe(0x01020304);
    expect(instantiate(1, 0, i32.load(1300, local(0))).f(0)).toBe(0);
  });

  test('a loop with a conditional exit and a conditional block: sum of 1..n, odd ones doubled', () => {
    // locals: 0 = n (parameter), 1 = i, 2 = sum
    const body = [
      ...block(
        loop(
          brIf(1, i32.geU(local(1), local(0))),
          set(1, i32.add(local(1), i32.constant(1))),
          set(2, i32.add(local(2), local(1))),
          when(i32.and(local(1), i32.constant(1)), set(2, i32.add(local(2), local(1)))),
          br(0),
        ),
      ),
      ...local(2),
    ];
    const { f } = instantiate(1, 2, body);
    expect(f(0)).toBe(0);
    expect(f(4)).toBe(1 + 2 + 3 + 4 + 1 + 3);
    expect(f(1000)).toBe(500_500 + 250_000);
    expect(bytesOf(i32.eqz(local(0)))).toEqual([0x20, 0, 0x45]);
  });
});
