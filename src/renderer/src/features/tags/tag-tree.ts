/* The tag vocabulary as a tree of paths, with how many records carry each tag or anything beneath it. */
import type { TagUsage } from '../../../../shared/api/types';

export interface TagNode {
  path: string;
  name: string;
  count: number;
  /** This tag and everything beneath it. */
  total: number;
  children: TagNode[];
}

export function buildTagTree(tags: TagUsage[]): TagNode[] {
  const nodes = new Map<string, TagNode>();
  const ensure = (path: string): TagNode => {
    let node = nodes.get(path);
    if (!node) {
      node = { path, name: path.split('/').pop()!, count: 0, total: 0, children: [] };
      nodes.set(path, node);
      const parent = path.includes('/') ? ensure(path.slice(0, path.lastIndexOf('/'))) : undefined;
      parent?.children.push(node);
    }
    return node;
  };
  for (const t of tags) ensure(t.path).count = t.count;
  const roots = [...nodes.values()].filter((n) => !n.path.includes('/'));
  const finish = (n: TagNode): number => {
    n.children.sort(byName);
    n.total = n.count + n.children.reduce((sum, c) => sum + finish(c), 0);
    return n.total;
  };
  roots.forEach(finish);
  return roots.sort(byName);
}

// One collator for every comparison (localeCompare with options resolves the locale on each call).
const nameCollator = new Intl.Collator('en-GB', { sensitivity: 'base' });
const byName = (a: TagNode, b: TagNode) => nameCollator.compare(a.name, b.name);
