/*
 * The tag tree in the left pane. Clicking a tag filters the list to it and everything beneath it;
 * each tag's menu renames, moves or merges its subtree; dragging a tag onto another moves it there.
 */
import { ActionIcon, Group, Menu, Text, Tree, useTree, type TreeNodeData } from '@mantine/core';
import { IconArrowMoveRight, IconChevronRight, IconDots, IconGitMerge, IconPencil, IconTag } from '@tabler/icons-react';
import { useMemo } from 'react';
import { isRecordView, setFilter, setView, getState, useAppState } from '../../app/store';
import { buildTagTree, type TagNode } from './tag-tree';
import { moveTagTo, openMergeTag, openMoveTag, openRenameTag } from './tag-operations';

function toData(nodes: TagNode[]): TreeNodeData[] {
  return nodes.map((n) => ({ value: n.path, label: n.name, nodeProps: { total: n.total }, children: n.children.length ? toData(n.children) : undefined }));
}

export function TagTree() {
  const tags = useAppState((s) => s.tags);
  const activeTag = useAppState((s) => s.filter.tag);
  const data = useMemo(() => toData(buildTagTree(tags)), [tags]);
  const tree = useTree();

  const filterBy = (path: string) => {
    const s = getState();
    if (!isRecordView(s.view)) setView('sources');
    setFilter({ ...getState().filter, tag: s.filter.tag === path ? undefined : path });
  };

  if (tags.length === 0) {
    return (
      <Text size="xs" c="dimmed" px="sm" py={4}>
        No tags yet. Tags you give records appear here.
      </Text>
    );
  }

  return (
    <Tree
      data={data}
      tree={tree}
      levelOffset={14}
      expandOnClick={false}
      className="tag-tree"
      aria-label="Tags"
      onDragDrop={({ draggedNode, targetNode, position }) => {
        const parent = position === 'inside' ? targetNode : targetNode.includes('/') ? targetNode.slice(0, targetNode.lastIndexOf('/')) : null;
        const currentParent = draggedNode.includes('/') ? draggedNode.slice(0, draggedNode.lastIndexOf('/')) : null;
        if (parent !== currentParent) void moveTagTo(draggedNode, parent);
      }}
      allowDrop={({ draggedNode, targetNode }) => targetNode !== draggedNode && !targetNode.startsWith(`${draggedNode}/`)}
      renderNode={({ node, expanded, hasChildren, elementProps }) => {
        const total = (node.nodeProps as { total: number }).total;
        const active = activeTag === node.value;
        return (
          <Group {...elementProps} gap={4} wrap="nowrap" className={`${elementProps.className} tag-node`} data-active={active || undefined} data-tag={node.value}>
            <ActionIcon
              size={18}
              variant="transparent"
              color="gray"
              aria-label={expanded ? `Collapse ${node.value}` : `Expand ${node.value}`}
              className="tag-chevron"
              data-hidden={!hasChildren || undefined}
              tabIndex={-1}
              onClick={(e) => {
                e.stopPropagation();
                tree.toggleExpanded(node.value);
              }}
            >
              <IconChevronRight size={13} className="chevron" data-expanded={expanded || undefined} />
            </ActionIcon>
            <IconTag size={13} stroke={1.6} className="dimmed-icon" />
            <Text size="sm" truncate="end" className="tag-name" onClick={() => filterBy(node.value)}>
              {node.label}
            </Text>
            <Text size="xs" c="dimmed" className="tag-count">
              {total}
            </Text>
            <Menu position="right-start" shadow="md" withinPortal>
              <Menu.Target>
                <ActionIcon size={20} variant="subtle" color="gray" className="tag-menu" aria-label={`Actions for tag ${node.value}`} onClick={(e) => e.stopPropagation()}>
                  <IconDots size={14} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
                <Menu.Label>{node.value}</Menu.Label>
                <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => openRenameTag(node.value)}>
                  Rename…
                </Menu.Item>
                <Menu.Item leftSection={<IconArrowMoveRight size={14} />} onClick={() => openMoveTag(node.value)}>
                  Move…
                </Menu.Item>
                <Menu.Item leftSection={<IconGitMerge size={14} />} onClick={() => openMergeTag(node.value)}>
                  Merge into…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        );
      }}
    />
  );
}
