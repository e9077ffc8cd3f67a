/** A directed graph: each node with the nodes it imports. */
export type Graph = ReadonlyMap<string, readonly string[]>;

/**
 * Strongly connected components with more than one node, or one node importing itself
 * (Tarjan 1972, "Depth-first search and linear graph algorithms"), iteratively so deep import
 * chains cannot overflow the stack. Nodes and components come out sorted, so messages are stable.
 */
export function stronglyConnected(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const neighbours = (n: string): string[] => [...(graph.get(n) ?? [])].sort();
  for (const root of [...graph.keys()].sort()) {
    if (index.has(root)) continue;
    const frames: { node: string; edges: string[]; i: number }[] = [];
    const open = (n: string): void => {
      index.set(n, next);
      low.set(n, next);
      next++;
      stack.push(n);
      onStack.add(n);
      frames.push({ node: n, edges: neighbours(n), i: 0 });
    };
    open(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.i < frame.edges.length) {
        const m = frame.edges[frame.i++]!;
        if (!index.has(m)) open(m);
        else if (onStack.has(m)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(m)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let m: string;
        do {
          m = stack.pop()!;
          onStack.delete(m);
          component.push(m);
        } while (m !== frame.node);
        const selfLoop = component.length === 1 && (graph.get(m) ?? []).includes(m);
        if (component.length > 1 || selfLoop) components.push(component.sort());
      }
    }
  }
  return components.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** The shortest path from `from` back to itself inside `members` (breadth first), as [from, ..., from]. */
function shortestCycleThrough(graph: Graph, from: string, members: ReadonlySet<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [from];
  for (let k = 0; k < queue.length; k++) {
    const n = queue[k]!;
    for (const m of [...(graph.get(n) ?? [])].sort()) {
      if (!members.has(m)) continue;
      if (m === from) {
        const path = [from];
        for (let p: string | undefined = n; p !== undefined && p !== from; p = previous.get(p)) path.push(p);
        return [from, ...path.slice(1).reverse(), from];
      }
      if (!previous.has(m)) {
        previous.set(m, n);
        queue.push(m);
      }
    }
  }
  return [from];
}

/**
 * Every import cycle, one per file that lies on one: the shortest cycle through it, rotated to
 * start at its smallest file, duplicates dropped. Each is printed as `a.ts → b.ts → a.ts`.
 *
 * @example findCycles(new Map([['a', ['b']], ['b', ['a']]])) // ['a → b → a']
 */
export function findCycles(graph: Graph): string[] {
  const cycles = new Set<string>();
  for (const component of stronglyConnected(graph)) {
    const members = new Set(component);
    for (const node of component) {
      const ring = shortestCycleThrough(graph, node, members).slice(0, -1);
      const start = ring.indexOf([...ring].sort()[0]!);
      const rotated = [...ring.slice(start), ...ring.slice(0, start)];
      cycles.add([...rotated, rotated[0]!].join(' → '));
    }
  }
  return [...cycles].sort();
}
