package io.vehicle.assistant.intent.offline;

import io.vehicle.assistant.intent.CabinZone;
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

    static Set<CabinZone> cells(Clause clause, Device device, Verb verb, Set<CabinZone> subjectCells, boolean sameDevice) {
        if (!clause.exceptsZones()) {
            return named(clause, device, verb, subjectCells, sameDevice);
        }
        // "除了主驾，车窗都打开", "open the windows except mine": all the others. A side alone is that front seat
        // even among plurals: "except mine" spares the driver, not the whole left side.
        Set<CabinZone> cells = clause.hasZone() ? named(clause, device, verb, subjectCells, sameDevice)
                : EnumSet.copyOf(device.byCell.keySet());
        Set<Integer> rows = clause.exceptRows.isEmpty() ? Set.of(1) : clause.exceptRows;
        Set<CabinZone.Side> sides = clause.exceptSides.isEmpty() ? EnumSet.allOf(CabinZone.Side.class)
                : clause.exceptSides;
        cells.removeIf(cell -> rows.contains(cell.row) && sides.contains(cell.side));
        return cells;
    }

    private static Set<CabinZone> named(Clause clause, Device device, Verb verb, Set<CabinZone> subjectCells,
            boolean sameDevice) {
        Set<CabinZone> available = device.byCell.keySet();
        if (clause.otherSide && !subjectCells.isEmpty()) {
            Set<CabinZone> mirrored = EnumSet.noneOf(CabinZone.class);
            for (CabinZone cell : subjectCells) {
                mirrored.add(CabinZone.of(cell.row, cell.side.other()));
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
            return zone.equals("all") ? EnumSet.copyOf(available) : within(EnumSet.of(CabinZone.ROW1_DRIVER), available);
        }
        // A side alone is the front seat, except with a plural noun ("passenger side windows"); "both" with
        // sides ("主驾和副驾都") means both of those sides.
        Set<Integer> rows = clause.rows.isEmpty()
                ? (clause.sides.isEmpty() || clause.nounAll ? Set.of(1, 2) : Set.of(1))
                : clause.rows;
        Set<CabinZone.Side> sides = clause.sides.isEmpty() ? EnumSet.allOf(CabinZone.Side.class) : clause.sides;
        Set<CabinZone> selected = EnumSet.noneOf(CabinZone.class);
        for (CabinZone cell : CabinZone.values()) {
            if (rows.contains(cell.row) && sides.contains(cell.side)) {
                selected.add(cell);
            }
        }
        return within(selected, available);
    }

    private static Set<CabinZone> within(Set<CabinZone> cells, Set<CabinZone> available) {
        Set<CabinZone> result = EnumSet.noneOf(CabinZone.class);
        for (CabinZone cell : cells) {
            if (available.contains(cell)) {
                result.add(cell);
            }
        }
        return result;
    }
}
