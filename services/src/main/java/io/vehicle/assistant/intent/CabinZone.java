package io.vehicle.assistant.intent;

import java.util.Optional;

/** A seat position in the cabin; zoned signals name theirs in the VSS path (Row1/Row2, Driver/Passenger). */
public enum CabinZone {
    ROW1_DRIVER(1, Side.DRIVER),
    ROW1_PASSENGER(1, Side.PASSENGER),
    ROW2_DRIVER(2, Side.DRIVER),
    ROW2_PASSENGER(2, Side.PASSENGER);

    public enum Side {
        DRIVER,
        PASSENGER;

        public Side other() {
            return this == DRIVER ? PASSENGER : DRIVER;
        }
    }

    public final int row;
    public final Side side;

    CabinZone(int row, Side side) {
        this.row = row;
        this.side = side;
    }

    public static CabinZone of(int row, Side side) {
        for (CabinZone cell : values()) {
            if (cell.row == row && cell.side == side) {
                return cell;
            }
        }
        throw new IllegalArgumentException("no cell in row " + row);
    }

    /** The cell a path belongs to; paths with a side but no row (mirrors) are in row 1; empty when unzoned. */
    public static Optional<CabinZone> ofPath(String path) {
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
