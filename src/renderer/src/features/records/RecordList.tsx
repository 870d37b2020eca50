/*
 * A virtualised list of records with the selection model of a mail client: click selects one,
 * Ctrl/Cmd+click toggles, Shift+click selects a range; ↑/↓ move (with Shift, extend), Home/End jump,
 * Enter opens the record in the editor, Delete (or ⌘⌫) moves the selection to the trash, Ctrl+A selects all.
 * Only the rows in view exist in the DOM, so 10,000 sources scroll as smoothly as ten.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';

export interface RecordListProps<T extends { id: string }> {
  items: T[];
  selection: string[];
  onSelect: (ids: string[], focused: string | undefined) => void;
  onOpen: (id: string) => void;
  onDelete: (ids: string[]) => void;
  renderRow: (item: T, selected: boolean) => ReactNode;
  rowHeight: number;
  label: string;
  empty: ReactNode;
}

export function RecordList<T extends { id: string }>({ items, selection, onSelect, onOpen, onDelete, renderRow, rowHeight, label, empty }: RecordListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<string | undefined>(undefined);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 8 });
  const selected = new Set(selection);
  const focusedId = selection[selection.length - 1];
  const focusedIndex = items.findIndex((i) => i.id === focusedId);

  useEffect(() => {
    if (focusedIndex >= 0) virtualizer.scrollToIndex(focusedIndex, { align: 'auto' });
  }, [focusedIndex, virtualizer]);

  const rangeTo = (index: number) => {
    const from = Math.max(0, items.findIndex((i) => i.id === (anchor.current ?? focusedId)));
    const [a, b] = from <= index ? [from, index] : [index, from];
    const ids = items.slice(a, b + 1).map((i) => i.id);
    // keep the clicked row last, so it is the one the editor shows
    return [...ids.filter((id) => id !== items[index].id), items[index].id];
  };

  const click = (event: MouseEvent, index: number) => {
    const id = items[index].id;
    if (event.shiftKey) return onSelect(rangeTo(index), id);
    if (event.metaKey || event.ctrlKey) {
      anchor.current = id;
      const next = selected.has(id) ? selection.filter((s) => s !== id) : [...selection, id];
      return onSelect(next, next[next.length - 1]);
    }
    anchor.current = id;
    onSelect([id], id);
  };

  const keyDown = (event: KeyboardEvent) => {
    if (items.length === 0) return;
    const move = (index: number) => {
      event.preventDefault();
      const clamped = Math.max(0, Math.min(items.length - 1, index));
      if (event.shiftKey) return onSelect(rangeTo(clamped), items[clamped].id);
      anchor.current = items[clamped].id;
      onSelect([items[clamped].id], items[clamped].id);
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(focusedIndex < 0 ? 0 : focusedIndex + 1);
      case 'ArrowUp':
        return move(focusedIndex < 0 ? 0 : focusedIndex - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(items.length - 1);
      case 'PageDown':
        return move(focusedIndex + Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight));
      case 'PageUp':
        return move(focusedIndex - Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight));
      case 'Enter':
        if (focusedId) {
          event.preventDefault();
          onOpen(focusedId);
        }
        return;
      case 'Delete':
      case 'Backspace': // on a Mac keyboard, ⌘⌫ is "move to trash"
        if (selection.length > 0 && (event.key === 'Delete' || event.metaKey || event.ctrlKey)) {
          event.preventDefault();
          onDelete(selection);
        }
        return;
      case 'a':
        if (event.ctrlKey || event.metaKey) {
          event.preventDefault();
          onSelect(
            items.map((i) => i.id),
            focusedId ?? items[0].id,
          );
        }
        return;
      case 'Escape':
        onSelect([], undefined);
        return;
    }
  };

  if (items.length === 0) return <div className="record-list-empty">{empty}</div>;

  return (
    <div
      ref={scrollRef}
      className="record-list"
      role="listbox"
      aria-label={label}
      aria-multiselectable
      aria-activedescendant={focusedId ? `row-${focusedId}` : undefined}
      tabIndex={0}
      onKeyDown={keyDown}
      data-list={label}
    >
      <div className="record-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          const isSelected = selected.has(item.id);
          return (
            <div
              key={item.id}
              id={`row-${item.id}`}
              role="option"
              aria-selected={isSelected}
              className="record-row"
              data-selected={isSelected || undefined}
              data-focused={item.id === focusedId || undefined}
              style={{ height: row.size, transform: `translateY(${row.start}px)` }}
              onMouseDown={(e) => {
                if (e.shiftKey) e.preventDefault(); // no text selection on shift-click
              }}
              onClick={(e) => click(e, row.index)}
              onDoubleClick={() => onOpen(item.id)}
            >
              {renderRow(item, isSelected)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
