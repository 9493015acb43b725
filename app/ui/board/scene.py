"""The board's scene: piles laid out in columns (biggest first), suggested groups, lonely cards;
tiles dragged onto a pile join it, onto empty space make a new pile, onto the lonely cards
leave their pile. Only the dragged tiles move while dragging; the layout changes on drop."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, Signal
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from app.synthesis.board import Board, BoardCard, fold
from app.synthesis.grouping import SuggestedGroup
from app.ui.board.tiles import GAP, TILE_W, CardTile, FrameItem, FrameKind

PILE_COLUMNS = 4
LOOSE_COLUMNS = 4
NEW_PILE = -1  # drop target: empty space


class BoardScene(QGraphicsScene):
    # card ids, target: a pile id, None for the lonely cards, NEW_PILE for a new pile
    cards_dropped = Signal(list, object)
    card_opened = Signal(int)  # card id (double-click)
    pile_renamed = Signal(int)  # pile id (double-click on its header)
    suggestion_accepted = Signal(int)  # index of the suggested group (double-click its header)

    def __init__(self) -> None:
        super().__init__()
        self.frames: list[FrameItem] = []
        self.tiles: list[CardTile] = []
        self._press: dict[CardTile, QPointF] = {}
        self._old_tiles: dict[tuple[int, int], CardTile] = {}

    def show_board(self, board: Board, suggestions: Sequence[SuggestedGroup] = (),
                   highlighted: Sequence[int] = ()) -> None:  # fmt: skip
        # Tiles whose cards did not change are kept (a drop re-lays out 2,000 cards; making
        # every tile anew cost most of that); frames are cheap and made again.
        self._old_tiles = {(t.card_ids[0], len(t.cards)): t for t in self.tiles}
        for frame in self.frames:
            self.removeItem(frame)
        self.frames, self.tiles = [], []
        columns = [0.0] * PILE_COLUMNS  # masonry: each pile goes under the shortest column
        piles = sorted(board.piles, key=lambda p: (-p.participants, -len(p.cards), p.id))
        for pile in piles:
            title = (f"{pile.name or 'Unnamed pile'} \u00b7 {pile.participants} "
                     f"participant{'s' if pile.participants != 1 else ''}")  # fmt: skip
            frame = FrameItem(FrameKind.PILE, pile.id, title,
                              highlighted=pile.id in highlighted)  # fmt: skip
            frame.setToolTip("Double-click the pile's name to rename it")
            col = min(range(PILE_COLUMNS), key=lambda c: columns[c])
            columns[col] += self._add(frame, col * (TILE_W + 3 * GAP), columns[col],
                                      [self._tile(f.cards) for f in pile.folds]) + GAP  # fmt: skip
        y = max(columns) + (4 * GAP if piles else 0)
        suggested = {i for g in suggestions for i in g.card_ids}
        width = LOOSE_COLUMNS * (TILE_W + GAP) + GAP
        x = 0.0
        row_h = 0.0
        for n, group in enumerate(suggestions):
            cards = [board.cards[i] for i in group.card_ids if i in board.cards]
            if not cards:
                continue
            folds = fold(cards)
            cols = min(len(folds), 2)
            frame = FrameItem(FrameKind.SUGGESTED, n, f"Suggested: {group.name or 'group'} "
                              f"({len(cards)})", columns=cols)  # fmt: skip
            frame.setToolTip("A suggested group: double-click its name to make it a pile, or "
                             "use Accept / Break up on the right")  # fmt: skip
            frame_w = cols * (TILE_W + GAP) + GAP
            if x + frame_w > width and x > 0:
                x, y, row_h = 0.0, y + row_h + GAP, 0.0
            row_h = max(row_h, self._add(frame, x, y, [self._tile(f.cards) for f in folds]))
            x += frame_w + GAP
        if suggestions:
            y += row_h + 4 * GAP
        loose = [c for c in board.loose if c.id not in suggested]
        frame = FrameItem(FrameKind.LOOSE, None,
                          f"Lonely cards ({len(loose)}) \u2014 drag onto a pile, or onto empty "
                          "space for a new pile", columns=LOOSE_COLUMNS)  # fmt: skip
        self._add(frame, 0.0, y, [self._tile((c,)) for c in loose])
        for gone in self._old_tiles.values():
            self.removeItem(gone)
        self._old_tiles = {}
        rect = self.itemsBoundingRect().adjusted(-GAP, -GAP, 40 * GAP, 40 * GAP)
        self.setSceneRect(rect)

    def _tile(self, cards: tuple[BoardCard, ...]) -> CardTile:
        tile = self._old_tiles.pop((cards[0].id, len(cards)), None)
        if tile is not None and tile.cards == cards:
            tile.setSelected(False)
            return tile
        if tile is not None:
            self.removeItem(tile)
        tile = CardTile(cards)
        self.addItem(tile)
        return tile

    def _add(self, frame: FrameItem, x: float, y: float, tiles: list[CardTile]) -> float:
        frame.setPos(x, y)
        self.addItem(frame)
        frame.place_tiles(tiles)
        self.frames.append(frame)
        self.tiles.extend(tiles)
        return frame.boundingRect().height()

    # --- lookups used by the window and tests ------------------------------------------------
    def frame_for_pile(self, pile_id: int | None) -> FrameItem | None:
        kind = FrameKind.LOOSE if pile_id is None else FrameKind.PILE
        return next((f for f in self.frames if f.kind is kind and f.key == pile_id), None)

    def tile_for_card(self, card_id: int) -> CardTile | None:
        return next((t for t in self.tiles if card_id in t.card_ids), None)

    def target_at(self, point: QPointF, moving: Sequence[CardTile] = ()) -> int | None:
        """The drop target under a point: a pile id, None (lonely cards or a suggested group:
        still loose) or NEW_PILE."""
        for item in self.items(point):
            if isinstance(item, FrameItem):
                return item.key if item.kind is FrameKind.PILE else None
            if isinstance(item, CardTile) and item not in moving and item.frame is not None:
                frame = item.frame
                return frame.key if frame.kind is FrameKind.PILE else None
        return NEW_PILE

    # --- mouse -------------------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mousePressEvent(event)
        self._press = {t: t.pos() for t in self.selectedItems() if isinstance(t, CardTile)}

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        moved = [t for t, p in self._press.items() if (t.pos() - p).manhattanLength() > 4]
        self._press = {}
        if not moved:
            return
        target = self.target_at(event.scenePos(), moved)
        ids = [i for t in moved for i in t.card_ids]
        origin = moved[0].frame
        same = origin is not None and (
            (origin.kind is FrameKind.PILE and origin.key == target)
            or (origin.kind is not FrameKind.PILE and target is None))  # fmt: skip
        if same:  # dropped back where it was: snap back
            for t in moved:
                if t.frame is not None:
                    t.frame.place_tiles(t.frame.tiles)
            return
        self.cards_dropped.emit(ids, target)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        for item in self.items(event.scenePos()):
            if isinstance(item, CardTile):
                self.card_opened.emit(item.card_ids[0])
                return
            if isinstance(item, FrameItem):
                if item.kind is FrameKind.PILE and item.key is not None:
                    self.pile_renamed.emit(item.key)
                elif item.kind is FrameKind.SUGGESTED and item.key is not None:
                    self.suggestion_accepted.emit(item.key)
                return
        super().mouseDoubleClickEvent(event)


