package io.vehicle.assistant.intent.offline;

import java.util.Optional;

/** A seat position in the cabin; zoned signals name theirs in the VSS path (Row1/Row2, Driver/Passenger). */
enum Cell {
    ROW1_DRIVER(1, Side.DRIVER),
    ROW1_PASSENGER(1, Side.PASSENGER),
    ROW2_DRIVER(2, Side.DRIVER),
    ROW2_PASSENGER(2, Side.PASSENGER);

    enum Side {
        DRIVER,
        PASSENGER;

        Side other() {
            return this == DRIVER ? PASSENGER : DRIVER;
        }
    }

    final int row;
    final Side side;

    Cell(int row, Side side) {
        this.row = row;
        this.side = side;
    }

    static Cell of(int row, Side side) {
        for (Cell cell : values()) {
            if (cell.row == row && cell.side == side) {
                return cell;
            }
        }
        throw new IllegalArgumentException("no cell in row " + row);
    }

    /** The cell a path belongs to; paths with a side but no row (mirrors) are in row 1; empty when unzoned. */
    static Optional<Cell> ofPath(String path) {
        Side side = null;
        int row = 1;
        for (String segment : path.split("\\.")) {
            if (segment.equals("Row2")) {
                row = 2;
            } else if (segment.equals("Driver") || segment.equals("DriverSide")) {
                side = Side.DRIVER;
            } else if (segment.equals("Passenger") || segment.equals("PassengerSide")) {
                side = Side.PASSENGER;
            }
        }
        return side == null ? Optional.empty() : Optional.of(of(row, side));
    }
}
