package io.vehicle.assistant.intent.offline;

import java.util.EnumSet;
import java.util.Set;

/**
 * The cabin cells a clause means. Zone words constrain rows and/or sides: "rear" is both rear seats, "passenger
 * side" is the front passenger, "rear left" one seat, "all"/"both" or a plural noun lift the default narrowing, and
 * "the other side" mirrors the sides of what the conversation was about. Without zone words: the zone of the
 * conversation's subject when it is the same device, else the device's default.
 */
final class ZoneSelection {

    private ZoneSelection() {
    }

    static Set<Cell> cells(Clause clause, Device device, Verb verb, Set<Cell> subjectCells, boolean sameDevice) {
        Set<Cell> available = device.byCell.keySet();
        if (clause.otherSide && !subjectCells.isEmpty()) {
            Set<Cell> mirrored = EnumSet.noneOf(Cell.class);
            for (Cell cell : subjectCells) {
                mirrored.add(Cell.of(cell.row, cell.side.other()));
            }
            return within(mirrored, available);
        }
        boolean all = clause.allZones || clause.nounAll;
        if (clause.rows.isEmpty() && clause.sides.isEmpty()) {
            if (all) {
                return EnumSet.copyOf(available);
            }
            if (sameDevice && !subjectCells.isEmpty()) {
                return within(subjectCells, available);
            }
            // A verb's own default ("close the windows": all of them) only for the full movement, not "a bit".
            boolean full = clause.intensity == null && clause.amount == null;
            String zone = full ? device.zoneByVerb.getOrDefault(verb, device.defaultZone) : device.defaultZone;
            return zone.equals("all") ? EnumSet.copyOf(available) : within(EnumSet.of(Cell.ROW1_DRIVER), available);
        }
        // A side alone is the front seat, except with a plural noun ("passenger side windows"); "both" with
        // sides ("主驾和副驾都") means both of those sides.
        Set<Integer> rows = clause.rows.isEmpty()
                ? (clause.sides.isEmpty() || clause.nounAll ? Set.of(1, 2) : Set.of(1))
                : clause.rows;
        Set<Cell.Side> sides = clause.sides.isEmpty() ? EnumSet.allOf(Cell.Side.class) : clause.sides;
        Set<Cell> selected = EnumSet.noneOf(Cell.class);
        for (Cell cell : Cell.values()) {
            if (rows.contains(cell.row) && sides.contains(cell.side)) {
                selected.add(cell);
            }
        }
        return within(selected, available);
    }

    private static Set<Cell> within(Set<Cell> cells, Set<Cell> available) {
        Set<Cell> result = EnumSet.noneOf(Cell.class);
        for (Cell cell : cells) {
            if (available.contains(cell)) {
                result.add(cell);
            }
        }
        return result;
    }
}
